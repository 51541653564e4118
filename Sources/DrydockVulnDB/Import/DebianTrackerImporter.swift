import DrydockModel
import Foundation

/// Imports the Debian security tracker's JSON (`security-tracker.debian.org/tracker/data/json`).
///
/// The document maps source package → CVE (or `TEMP-…`) ID → `{description, scope, releases}`, and
/// each release codename → `{status, repositories, fixed_version, urgency, nodsa, nodsa_reason}`.
/// Recognised by content: an object whose first package maps IDs to objects with `releases`.
///
/// Every (package, ID, release) becomes one affected row in `Debian:<number>` (``releaseNumbers``;
/// unknown codenames are skipped and counted) with the vendor's status kept:
///
/// | tracker | status | range |
/// |---|---|---|
/// | `resolved`, `fixed_version` V | `fixed` | `introduced 0, fixed V` |
/// | `resolved`, `fixed_version` `0` | `not_affected` | `introduced 0, fixed 0` |
/// | `open` | `affected` | `introduced 0` |
/// | `open` with `nodsa_reason` `ignored` | `will_not_fix` | `introduced 0` |
/// | `open` with `nodsa_reason` `postponed` | `fix_deferred` | `introduced 0` |
/// | `undetermined` | `under_investigation` | `introduced 0` |
///
/// A `fixed_version` in angle brackets (`<unfixed>`, `<not-affected>`, `<end-of-life>`, `<ignored>`,
/// `<postponed>`, `<undetermined>`), as in the tracker's list files, overrides the status. The
/// release's `urgency` becomes the row's severity (`unimportant` → low, `not yet assigned` → none)
/// and the highest one the advisory's `debian` vendor severity.
public struct DebianTrackerImporter: AdvisoryImporter {
    /// Codename → release number, for the namespaces (`bookworm` → `Debian:12`).
    public static let releaseNumbers: [String: String] = [
        "squeeze": "6", "wheezy": "7", "jessie": "8", "stretch": "9", "buster": "10", "bullseye": "11",
        "bookworm": "12", "trixie": "13", "forky": "14", "duke": "15", "sid": "sid",
    ]

    /// Creates the importer.
    public init() {}

    /// `debian-tracker`.
    public var format: String { "debian-tracker" }

    /// An object whose first package maps an ID to an object with `releases`.
    public func recognizes(_ document: JSONValue) -> Bool {
        guard let packages = document.objectValue, let first = packages.first,
            let ids = first.value.objectValue, let firstID = ids.first
        else { return false }
        return firstID.value["releases"]?.objectValue != nil
    }

    /// Parses the tracker document; malformed entries are skipped with warnings.
    public func parse(_ document: JSONValue, file: String) throws(VulnDBError) -> ImportedRecords {
        guard let packages = document.objectValue else {
            throw VulnDBError(code: .malformedInput, reason: "the tracker document is not an object", location: file)
        }
        var result = ImportedRecords()
        var advisories: [String: Advisory] = [:]
        var order: [String] = []
        var unknownReleases: Set<String> = []
        for (package, entries) in packages {
            guard let ids = entries.objectValue else {
                result.skipped += 1
                result.warnings.append("\(file): skipped \(package): not an object of IDs")
                continue
            }
            for (id, entry) in ids {
                guard let releases = entry["releases"]?.objectValue else {
                    result.skipped += 1
                    result.warnings.append("\(file): skipped \(package) \(id): no `releases` object")
                    continue
                }
                result.records += 1
                if advisories[id] == nil {
                    order.append(id)
                    advisories[id] = Advisory(id: id, title: entry["description"]?.stringValue, source: format)
                }
                for (codename, release) in releases {
                    guard let number = Self.releaseNumbers[codename] else {
                        unknownReleases.insert(codename)
                        continue
                    }
                    guard let resolved = Self.status(of: release) else {
                        result.skipped += 1
                        result.warnings.append("\(file): skipped \(package) \(id) \(codename): unreadable status")
                        continue
                    }
                    let (status, ranges) = resolved
                    let urgency = release["urgency"]?.stringValue.flatMap(Self.severity(urgency:))
                    if let urgency, urgency > (advisories[id]?.vendorSeverity["debian"] ?? .unknown) {
                        advisories[id]?.vendorSeverity["debian"] = urgency
                    }
                    let namespace = number == "sid" ? "Debian:sid" : AdvisoryNamespace.debian(release: number)
                    result.affected.append(
                        AffectedPackage(
                            advisoryID: id, namespace: namespace, packageName: package, ranges: ranges,
                            status: status, severity: urgency))
                }
            }
        }
        for codename in unknownReleases.sorted() {
            result.warnings.append("\(file): ignored release `\(codename)`: no known Debian release number")
        }
        for id in order {
            guard var advisory = advisories[id] else { continue }
            if let severity = advisory.vendorSeverity["debian"] {
                advisory.severity = severity
                advisory.severitySource = "debian"
            }
            result.advisories.append(
                ImportedAdvisory(advisory: advisory, severitySource: advisory.severitySource, isPlaceholder: true))
        }
        return result
    }

    /// The vendor status and the range it implies, or `nil` when the entry has no usable status.
    static func status(of release: JSONValue) -> (VulnerabilityStatus, [AffectedRange])? {
        let open = [AffectedRange(kind: .ecosystem, events: [.introduced("0")])]
        func fixed(_ version: String) -> [AffectedRange] {
            [AffectedRange(kind: .ecosystem, events: [.introduced("0"), .fixed(version)])]
        }
        let fixedVersion = release["fixed_version"]?.stringValue
        if let fixedVersion, fixedVersion.hasPrefix("<") {
            switch fixedVersion {
            case "<unfixed>": return (.affected, open)
            case "<not-affected>", "<removed>": return (.notAffected, fixed("0"))
            case "<end-of-life>": return (.endOfLife, open)
            case "<ignored>": return (.willNotFix, open)
            case "<postponed>": return (.fixDeferred, open)
            case "<undetermined>": return (.underInvestigation, open)
            default: return nil
            }
        }
        switch release["status"]?.stringValue {
        case "resolved":
            guard let fixedVersion, !fixedVersion.isEmpty else { return nil }
            return fixedVersion == "0" ? (.notAffected, fixed("0")) : (.fixed, fixed(fixedVersion))
        case "open":
            switch release["nodsa_reason"]?.stringValue {
            case "ignored": return (.willNotFix, open)
            case "postponed": return (.fixDeferred, open)
            default: return (.affected, open)
            }
        case "undetermined":
            return (.underInvestigation, open)
        default:
            return nil
        }
    }

    /// Debian's urgency as a severity: `unimportant`/`low` → low, `medium` → medium, `high` → high;
    /// `not yet assigned` and `end-of-life` → none. A trailing `*` or `**` (tracker guesses) is ignored.
    static func severity(urgency: String) -> Severity? {
        var text = Substring(urgency)
        while text.hasSuffix("*") { text = text.dropLast() }
        switch text.trimmingCharacters(in: .whitespaces) {
        case "unimportant", "low": return .low
        case "medium": return .medium
        case "high": return .high
        default: return nil
        }
    }
}
