import DrydockModel

/// What the matching entries of one advisory say for one package: the fixes above the installed version, the
/// vendor's unfixed states, its rating, the vendor advisories that ship the fixes and, for Go, the vulnerable
/// functions.
struct VendorHit {
    /// Fixed versions above the installed one, from every matching entry.
    var fixes: [String] = []
    /// Unfixed vendor states of the matching entries that name no fix for this version.
    var states: [VulnerabilityStatus] = []
    /// The first per-entry rating (namespace order, the binary's name before the source's) and the namespace that
    /// gave it.
    var rating: (Severity, String)?
    /// Vendor advisory IDs of the entries whose fix applies (`RHSA-2024:2447`, `ALAS2-2024-2503`), first seen first.
    var vendorIDs: [String] = []
    /// The Go packages and functions the matching entries name (OSV's `ecosystem_specific.imports`).
    var goImports: [GoVulnerableSymbols] = []
    /// Whether a matching entry names none: the whole module is affected, so reachability cannot be told.
    var goImportsMissing = false

    /// Adds one matching entry and the fixes it gives for the installed version.
    mutating func add(_ affected: AffectedPackage, fixes: [String]) {
        self.fixes += fixes
        if fixes.isEmpty, let status = affected.status, status != .fixed { states.append(status) }
        if rating == nil, let severity = affected.severity, severity != .unknown {
            rating = (severity, affected.namespace)
        }
        if !fixes.isEmpty {
            for id in affected.vendorIDs where !vendorIDs.contains(id) { vendorIDs.append(id) }
        }
        if affected.goImports.isEmpty { goImportsMissing = true }
        for item in affected.goImports where !goImports.contains(item) { goImports.append(item) }
    }

    /// Adds another advisory's hit (an alias of this one).
    mutating func merge(_ other: VendorHit) {
        fixes += other.fixes
        states += other.states
        if rating == nil { rating = other.rating }
        for id in other.vendorIDs where !vendorIDs.contains(id) { vendorIDs.append(id) }
        goImportsMissing = goImportsMissing || other.goImportsMissing
        for item in other.goImports where !goImports.contains(item) { goImports.append(item) }
    }
}
