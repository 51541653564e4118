import DrydockModel

/// Keeps module-stream advisories and plain advisories apart for RPM packages (RHEL 8+ modularity).
///
/// A package built in a module stream carries `.module+el8…` (Red Hat) or `.module_el8…` (AlmaLinux, Rocky)
/// in its release; so do the fixed versions of advisories published for module streams. The OSV records of
/// AlmaLinux and Rocky do not name the stream (no `ecosystem_specific`, no `name:stream` prefix), so the rule
/// is decided from the versions:
///
/// - an advisory entry whose versions are module builds never matches a package that is not (a module-stream
///   advisory never matches a non-modular package);
/// - an advisory entry whose versions are plain builds never matches a module build (a non-modular advisory
///   never matches a package of some module stream: its `nodejs` is another stream's);
/// - an entry with no version to judge by (only `introduced: 0`, no fix yet) applies to both.
///
/// Trivy keys advisories by `module:stream::name` and skips packages whose release says "module" but whose
/// header has no modularity label; two module builds of different streams of the same package cannot be told
/// apart from OSV data alone (that needs the package's `MODULARITYLABEL` in the model and the stream in the feed).
public enum RPMModularity {
    /// Whether an RPM `[EPOCH:]VERSION-RELEASE` is a module build.
    public static func isModuleBuild(_ version: String) -> Bool {
        guard let dash = version.lastIndex(of: "-") else { return false }
        let release = version[version.index(after: dash)...]
        return release.contains(".module+") || release.contains(".module_")
    }

    /// Whether `affected` may apply to an installed RPM version under the rule above.
    public static func applies(_ affected: AffectedPackage, toInstalled version: String) -> Bool {
        var judged: [String] = affected.versions
        for range in affected.ranges {
            for event in range.events {
                switch event {
                case .introduced(let value), .fixed(let value), .lastAffected(let value), .limit(let value):
                    if value != "0" { judged.append(value) }
                }
            }
        }
        guard !judged.isEmpty else { return true }
        let advisoryIsModular = judged.contains(where: isModuleBuild)
        return advisoryIsModular == isModuleBuild(version)
    }
}
