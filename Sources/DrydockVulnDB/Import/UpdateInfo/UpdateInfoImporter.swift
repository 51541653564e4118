import DrydockModel
import Foundation

/// Imports yum/dnf `updateinfo.xml`: Amazon Linux's ALAS (core, extras and livepatch repositories of Amazon
/// Linux 1, 2 and 2023) and Fedora's updates (Bodhi).
///
/// Recognised by content: an XML document whose root element is `<updates>`. Only `type="security"` updates are
/// imported. The vendor and release come from the update itself, never from the file name:
///
/// | update ID | namespace | vendor severity |
/// |---|---|---|
/// | `ALAS-2018-939` | `Amazon Linux:1` | `amazon` |
/// | `ALAS2-2018-939`, `ALAS2KERNEL-5.15-2022-001`, `ALAS2LIVEPATCH-…`, `ALAS2DOCKER-…` | `Amazon Linux:2` | `amazon` |
/// | `ALAS2022-…` | `Amazon Linux:2022` | `amazon` |
/// | `ALAS2023-2023-001`, `ALAS2023LIVEPATCH-…` | `Amazon Linux:2023` | `amazon` |
/// | `FEDORA-2024-…` with collection `F40` or `<release>Fedora 40</release>` | `Fedora:40` | `fedora` |
///
/// Other vendors' updates (`FEDORA-EPEL-…`, `RLSA-…`, `openSUSE-SU-…`) are skipped with one warning per document.
///
/// Every CVE the update references (`<reference type="cve">`, or CVE IDs in the titles of `bugzilla`
/// references as Fedora writes them) becomes an advisory with a row per binary package of the update's
/// collections: `introduced 0, fixed [EPOCH:]VERSION-RELEASE`, the update ID as vendor ID, its `<severity>` as
/// the row's rating. An update naming no CVE is one advisory under its own ID. Source packages are not rows.
///
/// Amazon Linux 2's extras (`amazon-linux-2---kernel-5.15`, `---php8.2`) ship newer versions of core packages
/// under the same names; their rows start at the extra's version line (`introduced 5.15-0`), so a core kernel
/// 4.14 is not reported for a kernel-5.15 fix (Trivy reports it). Module updates (Fedora's `<module>`) give the
/// rows their `name:stream`.
public struct UpdateInfoImporter: AdvisoryFileImporter {
    /// Creates the importer.
    public init() {}

    /// `updateinfo`.
    public var format: String { "updateinfo" }

    /// A document whose root element is `<updates>`.
    public func recognizes(head: [UInt8]) -> Bool { XMLRootElement.name(head) == "updates" }

    /// Parses one `updateinfo.xml` file (plain or compressed, as repositories serve it).
    public func parse(_ file: FeedFile) throws(VulnDBError) -> ImportedRecords {
        try parse(try file.content(), file: file.path)
    }

    /// Parses one `updateinfo.xml`; malformed XML throws, updates of unknown vendors are skipped.
    public func parse(_ bytes: [UInt8], file: String) throws(VulnDBError) -> ImportedRecords {
        let document = try UpdateInfoDocument.parse(bytes, file: file)
        var result = ImportedRecords()
        var rows = VendorAffectedSet()
        var advisories: [String: ImportedAdvisory] = [:]
        var order: [String] = []
        var unknownVendors: Set<String> = []
        for update in document.updates where update.type?.lowercased() == "security" {
            guard !update.id.isEmpty else {
                result.skipped += 1
                result.warnings.append("\(file): skipped an <update> without an <id>")
                continue
            }
            guard let origin = UpdateOrigin(update) else {
                // The ID's prefix names the vendor: `FEDORA-EPEL` for `FEDORA-EPEL-2024-1`, `ELSA` for `ELSA-2024-1`.
                let prefix = update.id.split(separator: "-").prefix { !$0.contains(where: \.isNumber) }
                unknownVendors.insert(prefix.isEmpty ? update.id : prefix.joined(separator: "-"))
                continue
            }
            result.records += 1
            let rating = update.severity.flatMap(Severity.init(name:))
            let cves = Self.cveIDs(of: update)
            let ids = cves.isEmpty ? [update.id] : cves
            for id in ids {
                if advisories[id] == nil { order.append(id) }
                advisories[id] = merged(advisories[id], id: id, update: update, origin: origin, rating: rating)
                for collection in update.collections {
                    let lowerBound = origin.lowerBound(collection: collection.short)
                    for package in collection.packages {
                        guard !package.name.isEmpty, !package.version.isEmpty, !package.release.isEmpty,
                            package.arch != "src", package.arch != "nosrc"
                        else { continue }
                        let epoch = package.epoch.flatMap { $0 == "0" || $0.isEmpty ? nil : $0 }
                        let fix = (epoch.map { "\($0):" } ?? "") + "\(package.version)-\(package.release)"
                        let line = lowerBound.flatMap { Self.applies($0, to: package.version) ? "\($0)-0" : nil }
                        let key = VendorAffectedSet.Key(
                            advisoryID: id, namespace: origin.namespace, packageName: package.name,
                            module: collection.module, introduced: line ?? "0")
                        rows.addFixed(key, version: fix, severity: rating, vendorIDs: [update.id])
                    }
                }
            }
        }
        if !unknownVendors.isEmpty {
            result.warnings.append(
                "\(file): skipped security updates of vendors Drydock does not import from updateinfo: "
                    + unknownVendors.sorted().joined(separator: ", "))
        }
        result.advisories = order.compactMap { advisories[$0] }
        result.affected = rows.records()
        return result
    }

    /// One advisory record per ID, filled from the first update that names it; the highest rating is kept.
    private func merged(
        _ existing: ImportedAdvisory?, id: String, update: UpdateInfoDocument.Update, origin: UpdateOrigin,
        rating: Severity?
    ) -> ImportedAdvisory {
        if var existing {
            if let rating, rating > (existing.advisory.vendorSeverity[origin.source] ?? .unknown) {
                existing.advisory.vendorSeverity[origin.source] = rating
                existing.advisory.severity = rating
            }
            return existing
        }
        let isOwnID = id == update.id
        var advisory = Advisory(
            id: id, title: isOwnID ? update.title : nil,
            description: isOwnID ? update.description : Self.paragraph(about: id, in: update.description),
            severity: rating, severitySource: rating == nil ? nil : origin.source,
            references: update.references.compactMap(\.href),
            published: update.issued.flatMap(Self.date), modified: update.updated.flatMap(Self.date),
            source: format)
        if let rating { advisory.vendorSeverity[origin.source] = rating }
        // A CVE's record is a placeholder: a full record of the CVE from another feed (NVD, Red Hat) replaces it.
        return ImportedAdvisory(
            advisory: advisory, severitySource: rating == nil ? nil : origin.source, isPlaceholder: !isOwnID)
    }

    /// The CVE IDs an update names: `cve` references, then CVE IDs in other references' titles and IDs.
    static func cveIDs(of update: UpdateInfoDocument.Update) -> [String] {
        var ids: [String] = []
        func add(_ text: String?) {
            for id in CVEText.ids(in: text ?? "") where !ids.contains(id) { ids.append(id) }
        }
        for reference in update.references where reference.type?.lowercased() == "cve" { add(reference.id) }
        for reference in update.references where reference.type?.lowercased() != "cve" {
            add(reference.title)
        }
        return ids
    }

    /// The paragraph of an Amazon description that follows `CVE-…:` (`\tA flaw was found…`), trimmed.
    static func paragraph(about id: String, in description: String?) -> String? {
        guard let description else { return nil }
        let lines = description.split(separator: "\n", omittingEmptySubsequences: false)
        guard let start = lines.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == id + ":" }) else {
            return nil
        }
        var paragraph: [String] = []
        for line in lines[(start + 1)...] {
            let text = line.trimmingCharacters(in: .whitespaces)
            if text.isEmpty || (text.hasSuffix(":") && CVEText.ids(in: text) == [String(text.dropLast())]) { break }
            paragraph.append(text)
        }
        return paragraph.isEmpty ? nil : paragraph.joined(separator: " ")
    }

    /// Whether `version` (an upstream version) is on the `line` (`5.15` for `5.15.43`, `8.2` for `8.2.10`).
    static func applies(_ line: String, to version: String) -> Bool {
        let lineParts = line.split(separator: ".")
        let parts = version.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count >= lineParts.count else { return false }
        return zip(lineParts, parts).allSatisfy { $0 == $1 }
    }

    /// `2018-01-11 21:05`, `2023-02-17 20:41:00` (UTC), RFC 3339, or seconds since 1970.
    static func date(_ text: String) -> Date? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let seconds = Double(trimmed), seconds > 0 { return Date(timeIntervalSince1970: seconds) }
        if let date = Timestamp.parse(trimmed) { return date }
        let parts = trimmed.split(whereSeparator: { $0 == " " || $0 == "T" })
        guard parts.count >= 1 else { return nil }
        let day = parts[0]
        var time = parts.count > 1 ? String(parts[1]) : "00:00:00"
        if time.split(separator: ":").count == 2 { time += ":00" }
        return Timestamp.parse("\(day)T\(time)Z")
    }
}

/// Finds CVE IDs in free text (`CVE-2023-3341 bind: stack exhaustion …`).
enum CVEText {
    /// The CVE IDs in `text`, in order, without repeats.
    static func ids(in text: String) -> [String] {
        var ids: [String] = []
        let bytes = Array(text.utf8)
        var index = 0
        while index + 4 < bytes.count {
            guard bytes[index] == UInt8(ascii: "C"), bytes[index + 1] == UInt8(ascii: "V"),
                bytes[index + 2] == UInt8(ascii: "E"), bytes[index + 3] == UInt8(ascii: "-")
            else {
                index += 1
                continue
            }
            var end = index + 4
            let yearStart = end
            while end < bytes.count, (48...57).contains(bytes[end]) { end += 1 }
            guard end - yearStart == 4, end < bytes.count, bytes[end] == UInt8(ascii: "-") else {
                index += 1
                continue
            }
            end += 1
            let numberStart = end
            while end < bytes.count, (48...57).contains(bytes[end]) { end += 1 }
            if end - numberStart >= 4 {
                let id = String(decoding: bytes[index..<end], as: UTF8.self)
                if !ids.contains(id) { ids.append(id) }
            }
            index = end
        }
        return ids
    }
}
