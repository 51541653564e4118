import DrydockModel
import Foundation
import Yams

/// Imports Wolfi's advisory documents (`<package>.advisories.yaml`, schema 2.0.x, wolfi-dev/advisories; the
/// schema Chainguard keeps its own advisories in).
///
/// Recognised by content: YAML with top-level `schema-version`, `package` and `advisories`. Each advisory
/// (`CGA-…`, with its CVE and GHSA `aliases`) becomes one advisory and one affected row for the document's
/// package (an origin package name, matched as Alpine's are) in namespace `Wolfi`. The advisory's state is
/// its latest event by `timestamp` (events are not always listed in time order; on equal times the later
/// one listed wins), mapped as Chainguard's scanners guidance and Trivy map it:
///
/// | latest event | status | range |
/// |---|---|---|
/// | `fixed` (`fixed-version` V) | `fixed` | `introduced 0, fixed V` |
/// | `false-positive-determination` | `not_affected` | `introduced 0, fixed 0` (never matches) |
/// | `true-positive-determination` | `affected` | `introduced 0` |
/// | `pending-upstream-fix` | `fix_deferred` | `introduced 0` |
/// | `fix-not-planned`, `analysis-not-planned` | `will_not_fix` | `introduced 0` |
/// | `detection` | `under_investigation` | `introduced 0` |
///
/// An advisory with no events, or whose latest event is of an unknown type, is skipped with a warning.
public struct WolfiAdvisoryImporter: AdvisoryFileImporter {
    /// Creates the importer.
    public init() {}

    /// `wolfi-advisories`.
    public var format: String { "wolfi-advisories" }

    /// YAML starting with `schema-version:` (after comments) and holding `advisories:`.
    public func recognizes(head: [UInt8]) -> Bool {
        let text = String(decoding: head, as: UTF8.self)
        let firstLine = text.split(separator: "\n").first { !$0.hasPrefix("#") && !$0.allSatisfy(\.isWhitespace) }
        return (firstLine?.hasPrefix("schema-version:") ?? false) && text.contains("\npackage:")
    }

    /// Parses one advisory document; malformed advisories are skipped with warnings.
    public func parse(_ file: FeedFile) throws(VulnDBError) -> ImportedRecords {
        let text = String(decoding: try file.content(), as: UTF8.self)
        let root: Node?
        do {
            root = try Yams.compose(yaml: text, .basic)
        } catch {
            throw VulnDBError(
                code: .malformedInput, reason: "not readable YAML", location: file.path, underlying: "\(error)")
        }
        guard let root, let package = Self.field(Self.field(root, "package"), "name")?.string, !package.isEmpty else {
            throw VulnDBError(code: .malformedInput, reason: "no `package.name`", location: file.path)
        }
        var result = ImportedRecords()
        for (offset, entry) in (Self.field(root, "advisories")?.sequence ?? []).enumerated() {
            guard let id = Self.field(entry, "id")?.string, !id.isEmpty else {
                result.skipped += 1
                result.warnings.append("\(file.path): advisories[\(offset)] has no `id`; skipped")
                continue
            }
            guard let (status, ranges, event) = Self.state(of: entry) else {
                result.skipped += 1
                result.warnings.append("\(file.path): \(id): no usable latest event; skipped")
                continue
            }
            let aliases = (Self.field(entry, "aliases")?.sequence ?? []).compactMap(\.string)
            var advisory = Advisory(
                id: id, aliases: aliases,
                references: ["https://github.com/wolfi-dev/advisories/blob/main/\(package).advisories.yaml"],
                source: format)
            advisory.modified = event.flatMap(Timestamp.parse)
            advisory.description =
                Self.field(entry, "events")?.sequence?.compactMap {
                    Self.field(Self.field($0, "data"), "note")?.string
                }.last
            result.advisories.append(ImportedAdvisory(advisory: advisory, severitySource: nil, isPlaceholder: true))
            result.affected.append(
                AffectedPackage(
                    advisoryID: id, namespace: "Wolfi", packageName: package, ranges: ranges, status: status))
            result.records += 1
        }
        return result
    }

    /// The value of `key` in a mapping node, by a linear scan of its keys' text (Yams' subscript builds and
    /// resolves a key node per lookup, which dominated the import time).
    static func field(_ node: Node?, _ key: String) -> Node? {
        guard let mapping = node?.mapping else { return nil }
        for (name, value) in mapping where name.string == key { return value }
        return nil
    }

    /// The status, range and time of an advisory's latest event.
    static func state(of advisory: Node) -> (VulnerabilityStatus, [AffectedRange], String?)? {
        var latest: (time: Date, index: Int, event: Node)?
        for (index, event) in (Self.field(advisory, "events")?.sequence ?? []).enumerated() {
            let time = Self.field(event, "timestamp")?.string.flatMap(Timestamp.parse) ?? .distantPast
            if latest.map({ time >= $0.time }) ?? true { latest = (time, index, event) }
        }
        guard let event = latest?.event, let type = Self.field(event, "type")?.string else { return nil }
        let open = [AffectedRange(kind: .ecosystem, events: [.introduced("0")])]
        let time = Self.field(event, "timestamp")?.string
        switch type {
        case "fixed":
            guard let version = Self.field(Self.field(event, "data"), "fixed-version")?.string, !version.isEmpty else {
                return nil
            }
            return (.fixed, [AffectedRange(kind: .ecosystem, events: [.introduced("0"), .fixed(version)])], time)
        case "false-positive-determination":
            return (.notAffected, [AffectedRange(kind: .ecosystem, events: [.introduced("0"), .fixed("0")])], time)
        case "true-positive-determination": return (.affected, open, time)
        case "pending-upstream-fix": return (.fixDeferred, open, time)
        case "fix-not-planned", "analysis-not-planned": return (.willNotFix, open, time)
        case "detection": return (.underInvestigation, open, time)
        default: return nil
        }
    }
}
