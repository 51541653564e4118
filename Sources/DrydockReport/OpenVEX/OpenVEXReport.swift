import DrydockModel
import DrydockPolicy
import Foundation

/// Writes the scan's triage decisions as an OpenVEX 0.2.0 document (`--format openvex`).
///
/// One statement per triaged vulnerability finding:
/// - set aside by a VEX statement: that statement's status (`not_affected` or `fixed`), justification and
///   impact statement, carried through;
/// - set aside by an exception, a policy rule, an ignore file or an inline comment: `not_affected`, the
///   rule's reason as impact statement (OpenVEX has no "risk accepted"; the status notes say which rule);
/// - reported, with an `affected` or `under_investigation` VEX statement: that status, carried through.
///
/// Findings left out by `--severity` or `--ignore-unfixed`, and reported findings nobody triaged, are not
/// statements. The product is the image's digest purl (`pkg:oci/…@sha256:…`) with the package as subcomponent
/// when the image has a repository digest, else the package's purl. Fed back with `--vex`, the document sets
/// the same findings aside. A scan with nothing triaged gives a document with no statements (the OpenVEX
/// schema asks for at least one; tools read it as "nothing to say").
public struct OpenVEXReport: Sendable {
    /// The document's `author`.
    public var author: String
    /// The document's `tooling`.
    public var tooling: String

    public init(author: String = "Drydock", tooling: String) {
        self.author = author
        self.tooling = tooling
    }

    /// The document as UTF-8 JSON bytes.
    public func render(_ report: ScanReport) -> [UInt8] {
        JSONWriter.write(document(report))
    }

    public func document(_ report: ScanReport) -> JSONValue {
        let image = ImageProductIdentity(report.artifact).digestPURL
        var statements: [JSONValue] = []
        for target in report.targets {
            for decided in target.findings {
                if let statement = statement(for: decided, image: image) { statements.append(statement) }
            }
        }
        return envelope(statements, createdAt: report.createdAt)
    }

    /// The OpenVEX 0.2.0 document around `statements`: its `@id` derived from them and the time, so the same
    /// statements at the same time give the same document.
    func envelope(_ statements: [JSONValue], createdAt: Date) -> JSONValue {
        let timestamp = TrivyJSONReport.timestamp(createdAt, fractional: false)
        var root = JSONObjectBuilder()
        root.add("@context", .string("https://openvex.dev/ns/v0.2.0"))
        root.add(
            "@id",
            .string("urn:uuid:" + OpenVEXReport.uuid(JSONWriter.write(.array(statements)) + Array(timestamp.utf8))))
        root.add("author", .string(author))
        root.add("timestamp", .string(timestamp))
        root.add("version", .int(1))
        root.add("tooling", .string(tooling))
        root.add("statements", .array(statements))
        return root.value
    }

    private func statement(for decided: DecidedFinding, image: PackageURL?) -> JSONValue? {
        guard let finding = decided.finding.vulnerability, let purl = finding.package.purl else { return nil }
        let decision = decided.decision
        let triaged = decision.action == .ignore && ![.flag, .defaultPolicy].contains(decision.rule.source)
        guard triaged || decision.vex != nil else { return nil }
        var object = JSONObjectBuilder()
        var vulnerability = JSONObjectBuilder()
        vulnerability.add("name", .string(finding.vulnerabilityID))
        var seen: Set<String> = [finding.vulnerabilityID]
        vulnerability.add("aliases", strings: finding.allIDs.filter { seen.insert($0).inserted })
        object.add("vulnerability", vulnerability.value)
        object.add("products", .array([product(purl, image: image)]))
        if let vex = decision.vex, triaged ? decision.rule.source == .vex : true {
            let status = VEXStatus(rawValue: vex.status) ?? .underInvestigation
            object.add("status", .string(status.rawValue))
            object.add("status_notes", .string("Drydock: VEX statement at \(vex.location.description)"))
            switch status {
            case .notAffected:
                // OpenVEX asks for a justification or an impact statement: an unmapped justification is kept
                // in words.
                let justification = vex.justification.flatMap(OpenVEXReport.justification)
                object.add("justification", string: justification)
                let impact =
                    justification == nil ? vex.statement ?? vex.justification ?? "not affected per VEX" : vex.statement
                object.add("impact_statement", string: impact)
            case .affected:
                object.add("action_statement", .string(vex.statement ?? OpenVEXReport.action(for: finding)))
            case .fixed, .underInvestigation:
                break
            }
        } else {
            let rule = decision.rule
            object.add("status", .string(VEXStatus.notAffected.rawValue))
            var notes = "Drydock: set aside by \(rule.source.rawValue)"
            if let id = rule.id { notes += " \(id)" }
            if let location = rule.location { notes += " at \(location.description)" }
            object.add("status_notes", .string(notes))
            object.add("impact_statement", .string(rule.description))
        }
        return object.value
    }

    private func product(_ purl: String, image: PackageURL?) -> JSONValue {
        guard let image else { return .object([("@id", .string(purl))]) }
        return .object([
            ("@id", .string(image.description)), ("subcomponents", .array([.object([("@id", .string(purl))])])),
        ])
    }

    /// What to do about an affected finding when the VEX statement says nothing.
    static func action(for finding: VulnerabilityFinding) -> String {
        if let fixed = finding.fixedVersion { return "Update \(finding.package.name) to \(fixed) or later." }
        return "No fixed version of \(finding.package.name) is known; see the advisory."
    }

    /// A `not_affected` justification in OpenVEX's vocabulary: OpenVEX's and CSAF's labels as they are,
    /// CycloneDX's mapped to the nearest; `nil` when there is none.
    public static func justification(_ text: String) -> String? {
        switch text {
        case "component_not_present", "vulnerable_code_not_present", "vulnerable_code_not_in_execute_path",
            "vulnerable_code_cannot_be_controlled_by_adversary", "inline_mitigations_already_exist":
            text
        case "code_not_present": "vulnerable_code_not_present"
        case "code_not_reachable": "vulnerable_code_not_in_execute_path"
        case "requires_configuration", "requires_environment": "vulnerable_code_cannot_be_controlled_by_adversary"
        case "requires_dependency": "component_not_present"
        case "protected_by_compiler", "protected_at_runtime", "protected_at_perimeter",
            "protected_by_mitigating_control":
            "inline_mitigations_already_exist"
        default: nil
        }
    }

    /// A UUID-shaped name derived from `bytes` (two FNV-1a 64-bit hashes), so identical documents get one ID.
    static func uuid(_ bytes: [UInt8]) -> String {
        func fnv(_ seed: UInt64) -> UInt64 {
            var hash = seed
            for byte in bytes {
                hash ^= UInt64(byte)
                hash = hash &* 0x100_0000_01b3
            }
            return hash
        }
        let high = fnv(0xcbf2_9ce4_8422_2325)
        let low = fnv(0x8422_2325_cbf2_9ce4)
        let hex = String(format: "%016llx%016llx", high, low)
        let characters = Array(hex)
        let groups = [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { String(characters[$0]) }
        return groups.joined(separator: "-")
    }
}
