extension NPMRange {
    /// Applies Pub's rule for an exclusive maximum (`pub_semver`'s `VersionRange`): `<2.0.0` also excludes
    /// the pre-releases of 2.0.0, as if it were `<2.0.0-0`, unless that maximum is itself a pre-release or has
    /// build metadata, or the minimum is a pre-release of the same `major.minor.patch`
    /// (`>=2.0.0-alpha <2.0.0` keeps 2.0.0's pre-releases). Only the tightest maximum of each set matters.
    func withPubExclusiveMaxima() -> NPMRange {
        NPMRange(alternatives: alternatives.map(Self.pubAdjusted))
    }

    private static func pubAdjusted(_ set: [Comparator]) -> [Comparator] {
        var minimum: Comparator?
        var maximum: Comparator?
        for comparator in set {
            if comparator.op != .less && comparator.op != .lessOrEqual {
                if let current = minimum {
                    if (try? VersionScheme.pub.compare(comparator.version, current.version)) == .greater {
                        minimum = comparator
                    }
                } else {
                    minimum = comparator
                }
            }
            if comparator.op != .greater && comparator.op != .greaterOrEqual {
                if let current = maximum {
                    let order = try? VersionScheme.pub.compare(comparator.version, current.version)
                    if order == .less || (order == .equal && comparator.op == .less) { maximum = comparator }
                } else {
                    maximum = comparator
                }
            }
        }
        guard let maximum, maximum.op == .less, releaseTriple(maximum.version) == nil,
            !maximum.version.contains("+")
        else { return set }
        if let minimum, let triple = releaseTriple(minimum.version), triple == Substring(maximum.version) {
            return set
        }
        return set + [Comparator(op: .less, version: maximum.version + "-0")]
    }
}
