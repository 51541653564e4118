import DrydockModel
import Foundation

/// Imports Photon OS's CVE metadata (`photon_cve_metadata/cve_data_photonN.0.json`): one row per CVE and
/// (binary) package with `aff_ver` ("all versions before 2.14.12-1.ph5 are vulnerable"), `res_ver` (the fixed
/// version, `NA` when none) and `cve_score` (CVSS v3 base score).
///
/// Recognised by content: a JSON array whose first element has `cve_id`, `pkg` and `res_ver`. The release is
/// read from the dist tag of the versions (`.ph5` → `Photon OS:5.0`, the tag every Photon build carries),
/// else from the file name, the only other place it is stated. The score becomes the `photon` vendor
/// severity by CVSS v3's scale, as Trivy rates Photon.
public struct PhotonCVEImporter: AdvisoryImporter {
    /// Creates the importer.
    public init() {}

    /// `photon-cve-metadata`.
    public var format: String { "photon-cve-metadata" }

    /// An array of objects with `cve_id`, `pkg` and `res_ver`.
    public func recognizes(_ document: JSONValue) -> Bool {
        guard let first = document.arrayValue?.first else { return false }
        return first["cve_id"] != nil && first["pkg"] != nil && first["res_ver"] != nil
    }

    /// Parses one release's metadata; malformed rows are skipped with warnings.
    public func parse(_ document: JSONValue, file: String) throws(VulnDBError) -> ImportedRecords {
        let rows = document.arrayValue ?? []
        guard let release = Self.release(rows, file: file) else {
            throw VulnDBError(
                code: .malformedInput, reason: "cannot tell the Photon OS release (no `.phN` versions)", location: file)
        }
        let namespace = "Photon OS:\(release)"
        var result = ImportedRecords()
        var advisories: [String: Advisory] = [:]
        var order: [String] = []
        for (offset, row) in rows.enumerated() {
            guard let id = row["cve_id"]?.stringValue, !id.isEmpty, let package = row["pkg"]?.stringValue,
                !package.isEmpty
            else {
                result.skipped += 1
                result.warnings.append("\(file): skipped row \(offset): no `cve_id` or `pkg`")
                continue
            }
            let fixed = Self.fixedVersion(row)
            var events: [RangeEvent] = [.introduced("0")]
            if let fixed { events.append(.fixed(fixed)) }
            let severity: Severity? =
                if case .number(let score) = row["cve_score"] ?? .null { Severity(cvssScore: score) } else { nil }
            result.affected.append(
                AffectedPackage(
                    advisoryID: id, namespace: namespace, packageName: package,
                    ranges: [AffectedRange(kind: .ecosystem, events: events)],
                    status: fixed == nil ? .affected : .fixed,
                    severity: severity))
            result.records += 1
            if advisories[id] == nil {
                advisories[id] = Advisory(id: id, source: format)
                order.append(id)
            }
            if let severity, severity > (advisories[id]?.vendorSeverity["photon"] ?? .unknown) {
                advisories[id]?.vendorSeverity["photon"] = severity
                advisories[id]?.severity = severity
                advisories[id]?.severitySource = "photon"
            }
        }
        result.advisories = order.compactMap { advisories[$0] }.map {
            ImportedAdvisory(advisory: $0, severitySource: $0.severitySource, isPlaceholder: true)
        }
        return result
    }

    /// `res_ver`, else the version named in `aff_ver` ("all versions before V are vulnerable"); `nil` when
    /// no fix is published (`NA`, "all versions are vulnerable").
    static func fixedVersion(_ row: JSONValue) -> String? {
        if let resolved = row["res_ver"]?.stringValue?.trimmingCharacters(in: .whitespaces), !resolved.isEmpty,
            resolved.uppercased() != "NA"
        {
            return resolved
        }
        let words = (row["aff_ver"]?.stringValue ?? "").split(separator: " ")
        if let before = words.firstIndex(of: "before"), before + 1 < words.count {
            return String(words[before + 1])
        }
        return nil
    }

    /// The release (`5.0`) from the versions' `.phN` tags, else the file name (`cve_data_photon5.0.json`).
    static func release(_ rows: [JSONValue], file: String) -> String? {
        var counts: [String: Int] = [:]
        for row in rows.prefix(5000) {
            guard let version = row["res_ver"]?.stringValue, let range = version.range(of: ".ph", options: .backwards)
            else { continue }
            let digits = version[range.upperBound...].prefix { $0.isNumber }
            if !digits.isEmpty { counts["\(digits).0", default: 0] += 1 }
        }
        if let best = counts.max(by: { $0.value < $1.value }) { return best.key }
        let name = file.split(separator: "/").last.map(String.init) ?? file
        guard let range = name.range(of: #"[0-9]+\.[0-9]+"#, options: .regularExpression) else { return nil }
        return String(name[range])
    }
}
