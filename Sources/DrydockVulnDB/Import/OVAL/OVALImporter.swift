import DrydockModel
import DrydockVersions
import Foundation

/// Imports vendor OVAL files: Oracle Linux ELSA, Photon OS PHSA, Azure Linux and CBL-Mariner.
///
/// Recognised by content (the root element `<oval_definitions>`, plain or compressed) and by vendor (the
/// definition IDs' namespace, else the generator). Definitions are read through their criteria
/// (``OVALPackageTerms``); each package term becomes an affected row in the release's namespace
/// (``OVALVendor/namespace(release:)``):
///
/// | state | range | status |
/// |---|---|---|
/// | `evr` `less than` V | `introduced 0, fixed V` | `fixed` |
/// | `evr` `less than or equal` V | `introduced 0, last_affected V` | `affected` |
/// | `evr` `greater than` A (with one of the above) | the same, from `introduced A` | as above |
/// | `evr` `equals` V | the version V listed | `affected` |
///
/// Rows are per CVE (the advisory ID is the CVE; the vendor's ELSA or PHSA is a reference and the title),
/// so one vulnerability is one finding whatever advisory fixed it; a definition naming no CVE keeps its
/// vendor ID. The vendor's severity (`advisory/severity`, Microsoft's `severity`) is the row's severity and
/// the advisory's vendor rating. Microsoft definitions with `patchable` `Not Applicable` ("no longer is or
/// was never applicable") add no row. RPM versions are normalised: a `0:` epoch is dropped, and the
/// damage found in Microsoft's files is repaired or reported (``OVALVersions``).
public struct OVALImporter: AdvisoryFileImporter {
    /// Creates the importer.
    public init() {}

    /// `oval`.
    public var format: String { "oval" }

    /// A document whose root element is `<oval_definitions>`.
    public func recognizes(head: [UInt8]) -> Bool {
        XMLRootElement.name(head) == "oval_definitions"
    }

    /// Parses one OVAL file (a compressed one as it decompresses); definitions that cannot be evaluated are
    /// skipped with warnings.
    public func parse(_ file: FeedFile) throws(VulnDBError) -> ImportedRecords {
        let document =
            file.compression == .none
            ? try OVALParser.parse(file.bytes, file: file.path)
            : try OVALParser.parse(stream: file.stream(), file: file.path)
        guard let vendor = OVALVendor.of(document) else {
            throw VulnDBError(
                code: .unknownFormat,
                reason: "OVAL from \(document.generator ?? "an unknown generator") is not a vendor feed Drydock reads "
                    + "(Oracle ELSA, Photon PHSA, Azure Linux, CBL-Mariner)",
                location: file.path)
        }
        return OVALRecords(vendor: vendor, document: document, file: file.path, format: format).records()
    }
}

/// Builds the records of one parsed OVAL document.
struct OVALRecords {
    let vendor: OVALVendor
    let document: OVALDocument
    let file: String
    let format: String

    func records() -> ImportedRecords {
        var result = ImportedRecords()
        let byID = Dictionary(document.definitions.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let fileRelease =
            vendor == .azureLinux || vendor == .mariner ? OVALVendor.microsoftRelease(document, file: file) : nil
        var advisories: [String: ImportedAdvisory] = [:]
        var order: [String] = []
        for definition in document.definitions {
            guard ["patch", "vulnerability"].contains(definition.definitionClass) else { continue }
            if definition.patchable?.lowercased() == "not applicable" { continue }
            let read = OVALPackageTerms.terms(of: definition, in: document, definitions: byID)
            let label = vendor.advisoryID(of: definition) ?? definition.id
            for problem in read.unsupported { result.warnings.append("\(file): \(label): skipped part: \(problem)") }
            guard !read.terms.isEmpty else {
                result.skipped += 1
                if read.unsupported.isEmpty {
                    result.warnings.append("\(file): \(label): no package condition; skipped")
                }
                continue
            }
            let cves = vendor.cveIDs(of: definition)
            let ids = cves.isEmpty ? [vendor.advisoryID(of: definition) ?? definition.id] : cves
            let severity = definition.severity.flatMap(Severity.init(name:))
            var rows: [AffectedPackage] = []
            for term in merged(read.terms) {
                let release = term.release ?? fileRelease ?? OVALVendor.platformRelease(definition.platforms)
                guard let release else {
                    result.warnings.append("\(file): \(label): \(term.package): no release stated; skipped")
                    continue
                }
                guard let (ranges, versions, status) = rangesAndStatus(term, label: label, warnings: &result.warnings)
                else { continue }
                for id in ids {
                    rows.append(
                        AffectedPackage(
                            advisoryID: id, namespace: vendor.namespace(release: release), packageName: term.package,
                            ranges: ranges, versions: versions, module: term.module, status: status,
                            severity: severity))
                }
            }
            guard !rows.isEmpty else {
                result.skipped += 1
                continue
            }
            result.records += 1
            result.affected += rows
            for id in ids {
                let advisory = advisory(id: id, definition: definition, severity: severity)
                if let existing = advisories[id] {
                    advisories[id] = Self.merge(existing, advisory)
                } else {
                    advisories[id] = advisory
                    order.append(id)
                }
            }
        }
        result.advisories = order.compactMap { advisories[$0] }
        return result
    }

    /// Terms that differ only by architecture, merged (Drydock matches without architecture: see the docs).
    private func merged(_ terms: [OVALPackageTerms.Term]) -> [OVALPackageTerms.Term] {
        var result: [OVALPackageTerms.Term] = []
        for var term in terms {
            let architectures = term.architectures
            term.architectures = []
            if let index = result.firstIndex(of: term) {
                result[index].architectures += architectures
            } else {
                result.append(term)
            }
        }
        return result
    }

    private func rangesAndStatus(_ term: OVALPackageTerms.Term, label: String, warnings: inout [String])
        -> ([AffectedRange], [String], VulnerabilityStatus)?
    {
        var introduced = "0"
        var upper: RangeEvent?
        var versions: [String] = []
        for bound in term.bounds {
            guard let value = OVALVersions.normalise(bound.value, package: term.package) else {
                warnings.append("\(file): \(label): \(term.package): unusable version \"\(bound.value)\"; skipped")
                return nil
            }
            switch bound.operation.lowercased() {
            case "less than": upper = .fixed(value)
            case "less than or equal": upper = .lastAffected(value)
            case "greater than", "greater than or equal":
                introduced = OVALVersions.isZero(value) ? "0" : value
            case "equals": versions.append(value)
            default:
                warnings.append("\(file): \(label): \(term.package): evr operation \"\(bound.operation)\"; skipped")
                return nil
            }
        }
        if !versions.isEmpty && upper == nil && introduced == "0" { return ([], versions, .affected) }
        var events: [RangeEvent] = [.introduced(introduced)]
        if let upper { events.append(upper) }
        let status: VulnerabilityStatus = if case .fixed = upper { .fixed } else { .affected }
        return ([AffectedRange(kind: .ecosystem, events: events)], versions, status)
    }

    private func advisory(id: String, definition: OVALDefinition, severity: Severity?) -> ImportedAdvisory {
        var references: [String] = []
        for reference in definition.references {
            if let url = reference.url, !references.contains(url) { references.append(url) }
        }
        var advisory = Advisory(
            // Oracle's description is the package changelog, not a description of the vulnerability.
            id: id, title: definition.title.map(Self.oneLine),
            description: vendor == .oracle ? nil : definition.description,
            severity: severity, severitySource: severity == nil ? nil : vendor.severitySource,
            cvss: cvss(definition.cves.first { $0.id == id }), references: references,
            published: definition.issued.flatMap(Self.date), modified: definition.updated.flatMap(Self.date),
            source: format)
        if let severity { advisory.vendorSeverity[vendor.severitySource] = severity }
        return ImportedAdvisory(
            advisory: advisory, severitySource: advisory.severitySource, isPlaceholder: id.hasPrefix("CVE-"))
    }

    /// Oracle's `cvss3="7.5/CVSS:3.1/AV:N/…"` and `cvss2="7.8/AV:N/…"` attributes.
    private func cvss(_ cve: OVALDefinition.CVE?) -> [CVSSScore] {
        guard let cve else { return [] }
        var scores: [CVSSScore] = []
        for text in [cve.cvss3, cve.cvss2].compactMap({ $0 }) {
            guard let slash = text.firstIndex(of: "/") else { continue }
            let vector = String(text[text.index(after: slash)...])
            if let score = OSVImporter.cvssScore(type: nil, vector: vector, source: vendor.severitySource) {
                scores.append(score)
            }
        }
        return scores
    }

    /// One CVE named by several definitions (an ELSA per release): the first keeps its text, references
    /// and ratings are merged, the highest rating wins.
    static func merge(_ first: ImportedAdvisory, _ second: ImportedAdvisory) -> ImportedAdvisory {
        var merged = first
        for reference in second.advisory.references where !merged.advisory.references.contains(reference) {
            merged.advisory.references.append(reference)
        }
        for (source, rating) in second.advisory.vendorSeverity
        where rating > (merged.advisory.vendorSeverity[source] ?? .unknown) {
            merged.advisory.vendorSeverity[source] = rating
            merged.advisory.severity = rating
        }
        for score in second.advisory.cvss where !merged.advisory.cvss.contains(score) {
            merged.advisory.cvss.append(score)
        }
        return merged
    }

    static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    static func date(_ text: String) -> Date? {
        Timestamp.parse(text) ?? Timestamp.parse(text + "T00:00:00Z")
    }
}
