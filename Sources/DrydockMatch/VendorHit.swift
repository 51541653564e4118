import DrydockModel

/// What the matching entries of one advisory say for one package: the fixes above the installed version, the
/// vendor's unfixed states, its rating and the vendor advisories that ship the fixes.
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
    }

    /// Adds another advisory's hit (an alias of this one).
    mutating func merge(_ other: VendorHit) {
        fixes += other.fixes
        states += other.states
        if rating == nil { rating = other.rating }
        for id in other.vendorIDs where !vendorIDs.contains(id) { vendorIDs.append(id) }
    }
}
