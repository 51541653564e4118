import Yams

/// Reads a policy file's `supplyChain:` section (`docs/supply-chain.md#policy-rules`).
enum SupplyChainPolicyParser {
    static let sectionKeys = ["trustedRoot", "repository", "requireDigest", "signatures", "provenance"]
    static let signatureKeys = ["name", "description", "action", "key", "keyless", "insecureIgnoreTlog"]
    static let provenanceKeys =
        signatureKeys + [
            "builder", "builderRegExp", "sourceRepository", "sourceRepositoryRegExp", "buildType", "buildTypeRegExp",
        ]
    static let keylessKeys = ["subject", "subjectRegExp", "issuer", "issuerRegExp"]

    static func parse(_ node: Node, reader: YAMLReader, into diagnostics: inout [PolicyDiagnostic])
        throws(PolicyError) -> SupplyChainPolicy
    {
        var policy = SupplyChainPolicy(location: reader.location(node))
        for (key, keyNode, value) in try reader.mapping(node, "supplyChain") {
            switch key {
            case "trustedRoot": policy.trustedRoot = try reader.nonEmptyString(value, "trustedRoot")
            case "repository": policy.repository = try reader.nonEmptyString(value, "repository")
            case "requireDigest":
                if try reader.bool(value, "requireDigest") {
                    policy.rules.append(
                        SupplyChainRule(
                            name: "requireDigest", description: "the image is referenced by digest",
                            requirement: .digestReference, location: reader.location(keyNode)))
                }
            case "signatures", "provenance":
                for (index, item) in try reader.sequence(value, key).enumerated() {
                    policy.rules.append(
                        try rule(item, section: key, index: index, reader: reader, into: &diagnostics))
                }
            default:
                diagnostics.append(unknown(key, in: "supplyChain", known: sectionKeys, at: reader.location(keyNode)))
            }
        }
        return policy
    }

    private static func rule(
        _ node: Node, section: String, index: Int, reader: YAMLReader, into diagnostics: inout [PolicyDiagnostic]
    ) throws(PolicyError) -> SupplyChainRule {
        let location = reader.location(node)
        var name = "\(section)[\(index)]"
        var description: String?
        var action = Decision.Action.fail
        var signers: [SignerRequirement] = []
        var ignoreTlog = false
        var matches: [String: TextMatch] = [:]
        let known = section == "signatures" ? signatureKeys : provenanceKeys
        for (key, keyNode, value) in try reader.mapping(node, "a \(section) rule") {
            switch key {
            case "name": name = try reader.nonEmptyString(value, "name")
            case "description": description = try reader.nonEmptyString(value, "description")
            case "action":
                action = try PolicyParser.action(value, reader: reader, "action")
                guard action != .ignore else {
                    throw PolicyError(
                        .schema, "a supply-chain rule's action is fail or warn, not ignore", at: reader.location(value))
                }
            case "key": signers.append(.key(path: try reader.nonEmptyString(value, "key")))
            case "keyless": signers.append(try keyless(value, rule: name, reader: reader, into: &diagnostics))
            case "insecureIgnoreTlog": ignoreTlog = try reader.bool(value, "insecureIgnoreTlog")
            case _ where known.contains(key):
                let field = key.hasSuffix("RegExp") ? String(key.dropLast("RegExp".count)) : key
                guard matches[field] == nil else {
                    throw PolicyError(
                        .schema, "give \(field) or \(field)RegExp, not both", at: reader.location(keyNode))
                }
                matches[field] = try textMatch(value, key: key, reader: reader)
            default:
                diagnostics.append(unknown(key, in: "rule '\(name)'", known: known, at: reader.location(keyNode)))
            }
        }
        guard signers.count == 1, let signer = signers.first else {
            throw PolicyError(
                .schema,
                "rule '\(name)' needs exactly one signer: 'key: FILE' or 'keyless: {subject…, issuer…}'", at: location)
        }
        if ignoreTlog, case .keyless = signer {
            throw PolicyError(
                .schema,
                "rule '\(name)': insecureIgnoreTlog is for key rules only; a keyless signature needs its log entry "
                    + "(the certificate is judged at the logged time)", at: location)
        }
        guard section == "provenance" else {
            return SupplyChainRule(
                name: name, description: description, action: action, requirement: .signature(signer),
                location: location, insecureIgnoreTlog: ignoreTlog)
        }
        let facts = ProvenanceRequirement(
            builder: matches["builder"], sourceRepository: matches["sourceRepository"],
            buildType: matches["buildType"])
        return SupplyChainRule(
            name: name, description: description, action: action, requirement: .provenance(signer, facts),
            location: location, insecureIgnoreTlog: ignoreTlog)
    }

    private static func keyless(
        _ node: Node, rule: String, reader: YAMLReader, into diagnostics: inout [PolicyDiagnostic]
    ) throws(PolicyError) -> SignerRequirement {
        var subject: TextMatch?
        var issuer: TextMatch?
        for (key, keyNode, value) in try reader.mapping(node, "keyless") {
            switch key {
            case "subject", "subjectRegExp":
                guard subject == nil else {
                    throw PolicyError(.schema, "give subject or subjectRegExp, not both", at: reader.location(keyNode))
                }
                subject = try textMatch(value, key: key, reader: reader)
            case "issuer", "issuerRegExp":
                guard issuer == nil else {
                    throw PolicyError(.schema, "give issuer or issuerRegExp, not both", at: reader.location(keyNode))
                }
                issuer = try textMatch(value, key: key, reader: reader)
            default:
                diagnostics.append(
                    unknown(key, in: "rule '\(rule)' keyless", known: keylessKeys, at: reader.location(keyNode)))
            }
        }
        guard let subject, let issuer else {
            throw PolicyError(
                .schema,
                "rule '\(rule)': keyless needs a subject (subject or subjectRegExp) and an issuer (issuer or "
                    + "issuerRegExp); an identity without both would accept anyone's signature",
                at: reader.location(node))
        }
        return .keyless(subject: subject, issuer: issuer)
    }

    private static func textMatch(_ node: Node, key: String, reader: YAMLReader) throws(PolicyError) -> TextMatch {
        let text = try reader.nonEmptyString(node, key)
        guard key.hasSuffix("RegExp") else { return .exact(text) }
        do {
            _ = try Regex(text)
        } catch {
            throw PolicyError(
                .schema, "\(key) '\(text)' is not a regular expression: \(error)", at: reader.location(node))
        }
        return .regularExpression(text)
    }

    private static func unknown(_ key: String, in place: String, known: [String], at location: SourceLocation)
        -> PolicyDiagnostic
    {
        PolicyDiagnostic(
            .unknownField, "unknown field '\(key)' in \(place), ignored (known: \(known.joined(separator: ", ")))",
            at: location)
    }
}
