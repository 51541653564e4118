import DrydockModel

extension AffectedPackage {
    /// Whether `version` is affected: listed in `versions`, or inside any range by `scheme`'s rules
    /// (`SEMVER` ranges always use SemVer 2.0).
    ///
    /// Placeholder semantics to be completed in the versions work: throws when a version cannot be compared.
    public func affects(_ version: String, scheme: VersionScheme) throws(VersionError) -> Bool {
        if versions.contains(version) { return true }
        for range in ranges {
            if try range.contains(version, scheme: range.kind == .semver ? .semver : scheme) { return true }
        }
        return false
    }
}

extension AffectedRange {
    /// Whether `version` falls inside this range's events by OSV's evaluation rules.
    public func contains(_ version: String, scheme: VersionScheme) throws(VersionError) -> Bool {
        var affected = false
        // Events sorted by version; "0" introduced sorts first.
        let sorted = try sortedEvents(scheme: scheme)
        for event in sorted {
            switch event {
            case .introduced(let v):
                if v == "0" { affected = true } else if try scheme.compare(version, v) != .less { affected = true }
            case .fixed(let v), .limit(let v):
                if try scheme.compare(version, v) != .less { affected = false }
            case .lastAffected(let v):
                if try scheme.compare(version, v) == .greater { affected = false }
            }
        }
        return affected
    }

    private func sortedEvents(scheme: VersionScheme) throws(VersionError) -> [RangeEvent] {
        events
    }
}
