/// Turns a definition's criteria into the package conditions it states, by the OVAL schema's logic rather
/// than by the comments vendors write beside each criterion.
///
/// The criteria tree is expanded into disjunctive normal form (an `OR` of `AND` terms; `extend_definition`
/// inlined); each term is read through its tests, objects and states:
///
/// - an `rpminfo_test` whose state has an `evr` is a package bound (`less than`, `less than or equal`,
///   `greater than`, `equals`…) on the object's package name;
/// - an `rpminfo_test` on a `*-release` package whose state has a `version` pattern (`^8`, `^3[^\d]`) names
///   the release the term applies to;
/// - an `rpminfo_test` whose state has only an `arch` pattern names the architectures;
/// - a `textfilecontent54_test` on `/etc/dnf/modules.d/NAME.module` whose state matches `stream = STREAM`
///   names the module stream (`NAME:STREAM`);
/// - signature tests (`signature_keyid`) are kept out: Drydock reads no package signatures, so a package
///   rebuilt by someone else is treated as the vendor's.
///
/// A term with a negated criterion, a test of any other kind, or an `XOR` operator cannot be evaluated and
/// is reported in ``Result/unsupported``, never guessed.
enum OVALPackageTerms {
    /// One package condition of one term.
    struct Term: Sendable, Hashable {
        var package: String
        /// Version bounds, all of which must hold.
        var bounds: [OVALState.Field]
        /// The leading digits of the release pattern (`8` from `^8`), when the term names one.
        var release: String?
        /// Architecture patterns (`x86_64`, `aarch64|ppc64le`); empty when the term names none.
        var architectures: [String]
        /// `name:stream` when the term requires an enabled module stream.
        var module: String?
    }

    struct Result: Sendable {
        var terms: [Term]
        /// Why parts of the definition were left out, in words.
        var unsupported: [String]
    }

    /// The largest expansion accepted for one definition; larger ones are refused as unsupported.
    static let maximumTerms = 20_000

    static func terms(of definition: OVALDefinition, in document: OVALDocument, definitions: [String: OVALDefinition])
        -> Result
    {
        guard let criteria = definition.criteria else { return Result(terms: [], unsupported: ["no criteria"]) }
        var unsupported: [String] = []
        guard let expanded = expand(criteria, definitions: definitions, depth: 0, unsupported: &unsupported) else {
            return Result(terms: [], unsupported: unsupported)
        }
        var terms: [Term] = []
        for leaves in expanded {
            guard let read = read(leaves, in: document, unsupported: &unsupported) else { continue }
            for term in read where !terms.contains(term) { terms.append(term) }
        }
        return Result(terms: terms, unsupported: unsupported)
    }

    /// A criterion after expansion: the test and whether it is negated.
    private struct Leaf: Hashable {
        var testID: String
        var negate: Bool
    }

    private static func expand(
        _ node: OVALCriteria, definitions: [String: OVALDefinition], depth: Int, unsupported: inout [String]
    ) -> [[Leaf]]? {
        switch node {
        case .criterion(let testID, let negate, _):
            return [[Leaf(testID: testID, negate: negate)]]
        case .extendDefinition(let id, let negate):
            guard !negate, depth < 8, let target = definitions[id]?.criteria else {
                unsupported.append("extend_definition \(id) cannot be evaluated")
                return nil
            }
            return expand(target, definitions: definitions, depth: depth + 1, unsupported: &unsupported)
        case .node(let operation, let negate, let children):
            guard !negate else {
                unsupported.append("a negated criteria node")
                return nil
            }
            var parts: [[[Leaf]]] = []
            for child in children {
                guard let part = expand(child, definitions: definitions, depth: depth, unsupported: &unsupported)
                else {
                    // Inside an OR, an unevaluable branch only loses that branch.
                    if operation.uppercased() == "OR" { continue }
                    return nil
                }
                parts.append(part)
            }
            switch operation.uppercased() {
            case "OR", "ONE":
                return parts.flatMap { $0 }
            case "AND":
                var product: [[Leaf]] = [[]]
                for part in parts {
                    guard product.count * max(part.count, 1) <= maximumTerms else {
                        unsupported.append("criteria expand to more than \(maximumTerms) terms")
                        return nil
                    }
                    product = product.flatMap { prefix in part.map { prefix + $0 } }
                }
                return product
            default:
                unsupported.append("criteria operator \(operation)")
                return nil
            }
        }
    }

    /// Reads one AND term; `nil` when it cannot be evaluated.
    private static func read(_ leaves: [Leaf], in document: OVALDocument, unsupported: inout [String]) -> [Term]? {
        var packages: [String: [OVALState.Field]] = [:]
        var order: [String] = []
        var release: String?
        var architectures: [String] = []
        var module: String?
        for leaf in leaves {
            guard let test = document.tests[leaf.testID] else {
                unsupported.append("test \(leaf.testID) is not defined")
                return nil
            }
            let object = test.objectID.flatMap { document.objects[$0] }
            let states = test.stateIDs.compactMap { document.states[$0] }
            switch test.kind {
            case "rpminfo_test":
                guard let name = object?.name else {
                    unsupported.append("test \(leaf.testID) names no package")
                    return nil
                }
                let bounds = states.compactMap(\.evr)
                if !bounds.isEmpty {
                    guard !leaf.negate else {
                        unsupported.append("negated package test \(leaf.testID)")
                        return nil
                    }
                    if packages[name] == nil { order.append(name) }
                    packages[name, default: []] += bounds
                } else if let pattern = states.compactMap(\.version).first, name.hasSuffix("-release") {
                    release = leadingRelease(pattern.value)
                } else if let arch = states.compactMap(\.arch).first {
                    architectures.append(arch.value)
                } else if states.contains(where: { $0.signatureKeyID != nil }) || states.isEmpty {
                    continue  // signed by the vendor's key, or merely installed
                } else {
                    unsupported.append("test \(leaf.testID): no state Drydock can evaluate")
                    return nil
                }
            case "textfilecontent54_test":
                guard let stream = states.compactMap(\.text).first.flatMap({ moduleStream($0.value) }),
                    let name = object?.filepath.flatMap(moduleName(path:))
                else {
                    unsupported.append("text test \(leaf.testID) is not a module-stream test")
                    return nil
                }
                module = "\(name):\(stream)"
            default:
                unsupported.append("\(test.kind) \(leaf.testID) cannot be evaluated")
                return nil
            }
        }
        return order.map { name in
            Term(
                package: name, bounds: packages[name] ?? [], release: release, architectures: architectures,
                module: module)
        }
    }

    /// `8` from `^8`, `3` from `^3[^\d]`, `8.6` from `^8\.6`; `nil` when the pattern starts otherwise.
    static func leadingRelease(_ pattern: String) -> String? {
        var text = Substring(pattern)
        if text.first == "^" { text = text.dropFirst() }
        var release = ""
        while let character = text.first {
            if character.isNumber {
                release.append(character)
            } else if text.hasPrefix("\\.") {
                release.append(".")
                text = text.dropFirst()
            } else if character == "." {
                release.append(".")
            } else {
                break
            }
            text = text.dropFirst()
        }
        return release.isEmpty ? nil : release
    }

    /// The stream a module test's pattern requires (`kvm_utils` from `\nstream\s*=\s*kvm_utils\b…`).
    static func moduleStream(_ pattern: String) -> String? {
        guard let range = pattern.range(of: "stream\\s*=\\s*") else { return nil }
        let stream = pattern[range.upperBound...].prefix { $0.isLetter || $0.isNumber || "._-+".contains($0) }
        return stream.isEmpty ? nil : String(stream)
    }

    /// `virt` from `/etc/dnf/modules.d/virt.module`.
    static func moduleName(path: String) -> String? {
        guard path.hasSuffix(".module") else { return nil }
        let file = path.split(separator: "/").last ?? ""
        let name = file.dropLast(".module".count)
        return name.isEmpty ? nil : String(name)
    }
}
