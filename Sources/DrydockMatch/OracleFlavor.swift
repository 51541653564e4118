import DrydockModel

/// Oracle Linux builds some packages in flavors that advisories fix separately: `ksplice` userspace builds
/// (`2:2.34-60.0.3.ksplice1.el9_2.7`) and FIPS builds (`10:3.6.16-4.0.1.el8_fips`). An advisory entry applies
/// only to packages of its own flavor, as Trivy decides: a fix for the normal build never closes (nor opens)
/// a finding on a ksplice build.
public enum OracleFlavor: String, Sendable {
    case normal, fips, ksplice

    /// The flavor of an RPM version: `_fips` at the end, a `ksplice` release component, else normal.
    public init(version: String) {
        let lowered = version.lowercased()
        if lowered.hasSuffix("_fips") {
            self = .fips
        } else if lowered.split(separator: ".").contains(where: { $0.hasPrefix("ksplice") }) {
            self = .ksplice
        } else {
            self = .normal
        }
    }

    /// Whether `affected` may apply to an installed version: entries whose versions (fixed, introduced,
    /// listed) are of another flavor do not; an entry naming no version applies to every flavor.
    public static func applies(_ affected: AffectedPackage, to installed: String) -> Bool {
        var versions = affected.versions
        for range in affected.ranges {
            for event in range.events {
                switch event {
                case .introduced(let value), .fixed(let value), .lastAffected(let value), .limit(let value):
                    if value != "0" { versions.append(value) }
                }
            }
        }
        guard !versions.isEmpty else { return true }
        let flavor = OracleFlavor(version: installed)
        return versions.contains { OracleFlavor(version: $0) == flavor }
    }
}
