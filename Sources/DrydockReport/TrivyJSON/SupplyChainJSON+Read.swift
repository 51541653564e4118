import DrydockPolicy
import Foundation

/// `Drydock.SupplyChain`, `Drydock.Provenance` and `Drydock.InventorySource` read back, so that `convert` and
/// `--baseline` keep them: the inverse of ``SupplyChainJSON``.
extension SupplyChainJSON {
    /// The rule results of `Drydock.SupplyChain`; an entry without a rule name or a known kind is skipped.
    static func read(_ value: JSONValue) -> [SupplyChainRuleResult] {
        (value.arrayValue ?? []).compactMap { entry in
            guard let name = entry["Rule"]?.stringValue, let requirement = requirement(entry) else { return nil }
            // A met rule's action is written as `pass`: its own (`fail` or `warn`) only matters when not met.
            let action = entry["Action"]?.stringValue.flatMap(Decision.Action.init(rawValue:)) ?? .fail
            let rule = SupplyChainRule(
                name: name, description: entry["Description"]?.stringValue, action: action,
                requirement: requirement, location: location(entry["Location"]?.stringValue ?? ""),
                insecureIgnoreTlog: entry["Requires"]?["InsecureIgnoreTlog"]?.boolValue ?? false)
            return SupplyChainRuleResult(
                rule: rule, imageDigest: entry["ImageDigest"]?.stringValue,
                satisfiedBy: entry["SatisfiedBy"].flatMap(evidence), reasons: entry["Reasons"]?.stringArray ?? [])
        }
    }

    /// `Drydock.Provenance` and `Drydock.InventorySource` of the `Drydock` object.
    static func readAttestations(_ drydock: JSONValue) -> ImageAttestations {
        var attestations = ImageAttestations()
        for entry in drydock["Provenance"]?.arrayValue ?? [] {
            guard var signer = entry["VerifiedBy"].flatMap(evidence) else { continue }
            signer.provenance = provenanceFacts(entry)
            attestations.provenance.append(signer)
        }
        if let source = drydock["InventorySource"], let predicateType = source["PredicateType"]?.stringValue,
            let format = source["Format"]?.stringValue, let signer = source["VerifiedBy"].flatMap(evidence)
        {
            attestations.inventory = AttestedInventory(predicateType: predicateType, format: format, evidence: signer)
        }
        return attestations
    }

    static func evidence(_ value: JSONValue) -> SupplyChainEvidence? {
        guard let source = value["Source"]?.stringValue, let digest = value["SignedDigest"]?.stringValue else {
            return nil
        }
        return SupplyChainEvidence(
            source: source, signedDigest: digest, identity: value["Identity"]?.stringValue,
            issuer: value["Issuer"]?.stringValue, certificateSHA256: value["CertificateSHA256"]?.stringValue,
            key: value["Key"]?.stringValue,
            signingTime: value["SignedAt"]?.stringValue.flatMap(TrivyJSONReportReader.parseTimestamp),
            logIndexes: (value["LogIndexes"]?.arrayValue ?? []).compactMap { $0.intValue.map(Int64.init) },
            provenance: value["Provenance"].flatMap(provenanceFacts), warning: value["Warning"]?.stringValue)
    }

    /// The facts ``provenance(_:)`` wrote (`SourceRepository` is derived from `SourceURI`, so not read).
    static func provenanceFacts(_ value: JSONValue) -> ProvenanceFacts? {
        guard let predicateType = value["PredicateType"]?.stringValue else { return nil }
        return ProvenanceFacts(
            predicateType: predicateType, builderID: value["BuilderID"]?.stringValue,
            buildType: value["BuildType"]?.stringValue, sourceURI: value["SourceURI"]?.stringValue,
            sourceCommit: value["SourceCommit"]?.stringValue, entryPoint: value["EntryPoint"]?.stringValue,
            invocationID: value["InvocationID"]?.stringValue)
    }

    private static func requirement(_ entry: JSONValue) -> SupplyChainRule.Requirement? {
        let requires = entry["Requires"] ?? .object([])
        func match(_ key: String) -> TextMatch? {
            if let text = requires[key]?.stringValue { return .exact(text) }
            return requires[key + "Regexp"]?.stringValue.map(TextMatch.regularExpression)
        }
        func signer() -> SignerRequirement? {
            if let key = requires["Key"]?.stringValue { return .key(path: key) }
            guard let subject = match("Identity"), let issuer = match("Issuer") else { return nil }
            return .keyless(subject: subject, issuer: issuer)
        }
        switch entry["Kind"]?.stringValue {
        case "digest": return .digestReference
        case "signature": return signer().map(SupplyChainRule.Requirement.signature)
        case "provenance":
            guard let signer = signer() else { return nil }
            return .provenance(
                signer,
                ProvenanceRequirement(
                    builder: match("Builder"), sourceRepository: match("SourceRepository"),
                    buildType: match("BuildType")))
        default: return nil
        }
    }

    /// `file:line` back into a location (a path may hold colons: only a numeric last part is the line).
    private static func location(_ text: String) -> SourceLocation {
        if let colon = text.lastIndex(of: ":"), let line = Int(text[text.index(after: colon)...]) {
            return SourceLocation(file: String(text[..<colon]), line: line)
        }
        return SourceLocation(file: text)
    }
}
