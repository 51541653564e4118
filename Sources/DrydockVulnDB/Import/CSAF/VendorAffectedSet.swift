import DrydockModel
import DrydockVersions

/// Collects a vendor document's per-package statements (fixed in a version, or an unfixed state) and turns them
/// into one affected row per (advisory, namespace, package, module stream).
///
/// Vendors list one fix per architecture and often several per release stream (a CVE fixed by two RHSAs in one
/// repository): the highest fix by rpm's rules is kept, with the vendor advisories that ship it, as Trivy keeps
/// "the single RHSA with the latest fixed version". A fix outranks an unfixed state for the same row; of several
/// unfixed states the most actionable is kept (`VulnerabilityStatus.actionRank`: `affected`, `under_investigation`,
/// `fix_deferred`, `will_not_fix`, `end_of_life`, `not_affected`).
struct VendorAffectedSet {
    /// What a row is about.
    struct Key: Hashable, Comparable {
        var advisoryID: String
        var namespace: String
        var packageName: String
        var module: String?
        /// Where the row's range starts: `0`, or an Amazon Linux 2 extra's version line, whose fixes are kept
        /// apart from the core repository's.
        var introduced = "0"

        static func < (lhs: Key, rhs: Key) -> Bool {
            (lhs.advisoryID, lhs.namespace, lhs.packageName, lhs.module ?? "", lhs.introduced)
                < (rhs.advisoryID, rhs.namespace, rhs.packageName, rhs.module ?? "", rhs.introduced)
        }
    }

    private struct Entry {
        var fix: String?
        var status: VulnerabilityStatus
        var severity: Severity?
        var vendorIDs: [String]
        var versions: [String]
    }

    private var entries: [Key: Entry] = [:]

    /// Records that `key`'s package is fixed in `version` (`[EPOCH:]VERSION-RELEASE`) by `vendorIDs`; versions
    /// below `key.introduced` were never affected by this entry.
    mutating func addFixed(_ key: Key, version: String, severity: Severity?, vendorIDs: [String]) {
        let fresh = Entry(fix: version, status: .fixed, severity: severity, vendorIDs: vendorIDs, versions: [])
        guard var entry = entries[key], let current = entry.fix else {
            entries[key] = fresh
            return
        }
        let order = (try? VersionScheme.rpm.compare(version, current)) ?? (version < current ? .less : .greater)
        switch order {
        case .greater:
            entries[key] = fresh
        case .equal:
            for id in vendorIDs where !entry.vendorIDs.contains(id) { entry.vendorIDs.append(id) }
            if entry.severity == nil { entry.severity = severity }
            entries[key] = entry
        case .less:
            break
        }
    }

    /// Records an unfixed state for `key`'s package; `versions` are exact affected versions when the vendor names
    /// them (empty: every version).
    mutating func addUnfixed(
        _ key: Key, status: VulnerabilityStatus, severity: Severity?, versions: [String] = []
    ) {
        if var entry = entries[key] {
            guard entry.fix == nil else { return }
            if status.actionRank < entry.status.actionRank {
                entry.status = status
                entry.severity = severity ?? entry.severity
            }
            for version in versions where !entry.versions.contains(version) { entry.versions.append(version) }
            entries[key] = entry
            return
        }
        entries[key] = Entry(fix: nil, status: status, severity: severity, vendorIDs: [], versions: versions)
    }

    /// The rows, sorted by key.
    func records() -> [AffectedPackage] {
        entries.keys.sorted().compactMap { key in
            guard let entry = entries[key] else { return nil }
            let ranges: [AffectedRange]
            if let fix = entry.fix {
                ranges = [AffectedRange(kind: .ecosystem, events: [.introduced(key.introduced), .fixed(fix)])]
            } else if entry.status == .notAffected || !entry.versions.isEmpty {
                ranges = []
            } else {
                ranges = [AffectedRange(kind: .ecosystem, events: [.introduced("0")])]
            }
            return AffectedPackage(
                advisoryID: key.advisoryID, namespace: key.namespace, packageName: key.packageName, ranges: ranges,
                versions: entry.status == .notAffected ? [] : entry.versions, module: key.module, status: entry.status,
                severity: entry.severity, vendorIDs: entry.vendorIDs.sorted())
        }
    }
}
