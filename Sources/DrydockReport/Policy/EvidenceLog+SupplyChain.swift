import DrydockPolicy
import Foundation

extension EvidenceLog {
    /// One line per supply-chain rule (`docs/supply-chain.md#evidence`): the rule and where it is written,
    /// whether it was met, the signature or attestation that met it (source, signed digest, identity, issuer,
    /// certificate digest or key, signing time, log entries, provenance facts), or every reason nothing did.
    func supplyChainLines(_ report: ScanReport, common: [(String, JSONValue)]) -> [UInt8] {
        var out: [UInt8] = []
        for result in report.supplyChain {
            var rule = JSONObjectBuilder()
            rule.add("name", .string(result.rule.name))
            rule.add("kind", .string(SupplyChainJSON.kind(result.rule.requirement)))
            rule.add("description", string: result.rule.description)
            rule.add("location", .string(result.rule.location.description))
            rule.add("requires", .string(Self.requires(result.rule.requirement)))
            var decision = JSONObjectBuilder()
            decision.add("met", .bool(result.isSatisfied))
            decision.add("action", .string(result.isSatisfied ? "pass" : result.rule.action.rawValue))
            decision.add("imageDigest", string: result.imageDigest)
            if let evidence = result.satisfiedBy { decision.add("satisfiedBy", Self.evidence(evidence)) }
            decision.add("reasons", strings: result.reasons)
            var members = common
            members.append(("supplyChainRule", rule.value))
            members.append(("decision", decision.value))
            out += JSONWriter.writeCompact(.object(members))
            out.append(UInt8(ascii: "\n"))
        }
        return out + attestationLines(report, common: common)
    }

    /// One line per verified attestation the report states: each SLSA provenance (`"attestation": {"kind":
    /// "provenance", …}`) and the SBOM the inventory came from (`"kind": "sbom"`), with who signed it and when.
    func attestationLines(_ report: ScanReport, common: [(String, JSONValue)]) -> [UInt8] {
        var lines: [(String, String?, SupplyChainEvidence)] = report.attestations.provenance.map {
            ("provenance", $0.provenance?.predicateType, $0)
        }
        if let inventory = report.attestations.inventory {
            lines.append(("sbom", inventory.predicateType, inventory.evidence))
        }
        var out: [UInt8] = []
        for (kind, predicateType, evidence) in lines {
            var attestation = JSONObjectBuilder()
            attestation.add("kind", .string(kind))
            attestation.add("predicateType", string: predicateType)
            if kind == "sbom", let format = report.attestations.inventory?.format {
                attestation.add("format", .string(format))
                attestation.add("usedAs", .string("inventory"))
            }
            attestation.add("verifiedBy", Self.evidence(evidence))
            var members = common
            members.append(("attestation", attestation.value))
            out += JSONWriter.writeCompact(.object(members))
            out.append(UInt8(ascii: "\n"))
        }
        return out
    }

    private static func requires(_ requirement: SupplyChainRule.Requirement) -> String {
        switch requirement {
        case .digestReference: return "the image referenced by digest"
        case .signature(let signer): return "a signature by \(signer)"
        case .provenance(let signer, let wanted):
            var parts = ["SLSA provenance signed by \(signer)"]
            if let builder = wanted.builder { parts.append("builder \(builder)") }
            if let source = wanted.sourceRepository { parts.append("source repository \(source)") }
            if let type = wanted.buildType { parts.append("build type \(type)") }
            return parts.joined(separator: ", ")
        }
    }

    private static func evidence(_ evidence: SupplyChainEvidence) -> JSONValue {
        var object = JSONObjectBuilder()
        object.add("source", .string(evidence.source))
        object.add("signedDigest", .string(evidence.signedDigest))
        object.add("identity", string: evidence.identity)
        object.add("issuer", string: evidence.issuer)
        object.add("certificateSHA256", string: evidence.certificateSHA256)
        object.add("key", string: evidence.key)
        if let time = evidence.signingTime {
            object.add("signedAt", .string(TrivyJSONReport.timestamp(time, fractional: false)))
        }
        if !evidence.logIndexes.isEmpty { object.add("logIndexes", .array(evidence.logIndexes.map { .int($0) })) }
        object.add("warning", string: evidence.warning)
        if let facts = evidence.provenance {
            var provenance = JSONObjectBuilder()
            provenance.add("predicateType", .string(facts.predicateType))
            provenance.add("builderID", string: facts.builderID)
            provenance.add("buildType", string: facts.buildType)
            provenance.add("sourceRepository", string: facts.sourceRepository)
            provenance.add("sourceURI", string: facts.sourceURI)
            provenance.add("sourceCommit", string: facts.sourceCommit)
            provenance.add("entryPoint", string: facts.entryPoint)
            provenance.add("invocationID", string: facts.invocationID)
            object.add("provenance", provenance.value)
        }
        return object.value
    }
}
