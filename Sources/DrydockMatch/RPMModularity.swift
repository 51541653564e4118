import DrydockModel

/// Keeps module-stream advisories and plain advisories apart for RPM packages (RHEL 8+ modularity).
///
/// When both sides are known the rule is Trivy's for the Red Hat family: a package whose header carries
/// `MODULARITYLABEL` `name:stream:version:context` matches only advisory entries for the same `name:stream`
/// (``AffectedPackage/module``, which the OSV importer reads from the advisory summary, "nodejs:18 security
/// update"; several streams comma-separated); a non-modular package never matches a module entry, and a module build never matches a plain one.
///
/// Where either side is unknown (a package read from a manifest without labels, an entry whose feed does not
/// name the stream), the fallback decides from the versions:
///
/// - an advisory entry whose versions are module builds (`.module+el8…`, `.module_el8…`) never matches a package
///   that is not one;
/// - an advisory entry whose versions are plain builds never matches a module build;
/// - an entry with no version to judge by (only `introduced: 0`, no fix yet) applies to both.
///
/// The fallback cannot tell two streams of the same package apart.
public enum RPMModularity {
    /// Whether an RPM `[EPOCH:]VERSION-RELEASE` is a module build.
    public static func isModuleBuild(_ version: String) -> Bool {
        guard let dash = version.lastIndex(of: "-") else { return false }
        let release = version[version.index(after: dash)...]
        return release.contains(".module+") || release.contains(".module_")
    }

    /// Whether `affected` may apply to `package` (its label, else its advisory version) under the rules above.
    ///
    /// With `strict` (Red Hat's own data, which names the stream of every module entry, as Trivy reads it), a
    /// labelled package never matches an entry without a module, even one with no version to judge by.
    public static func applies(_ affected: AffectedPackage, to package: Package, strict: Bool = false) -> Bool {
        let stream = package.moduleStream
        if let module = affected.module {
            guard let stream else { return false }
            return module.split(separator: ",").contains { $0 == stream }
        }
        if stream != nil, strict || isPlain(affected) { return false }
        return applies(affected, toInstalled: MatchNamespace.advisoryVersion(of: package))
    }

    /// The version-only fallback: whether `affected` may apply to an installed RPM version.
    public static func applies(_ affected: AffectedPackage, toInstalled version: String) -> Bool {
        let judged = judgedVersions(affected)
        guard !judged.isEmpty else { return true }
        let advisoryIsModular = judged.contains(where: isModuleBuild)
        return advisoryIsModular == isModuleBuild(version)
    }

    /// Whether the entry names versions and none of them is a module build.
    static func isPlain(_ affected: AffectedPackage) -> Bool {
        let judged = judgedVersions(affected)
        return !judged.isEmpty && !judged.contains(where: isModuleBuild)
    }

    private static func judgedVersions(_ affected: AffectedPackage) -> [String] {
        var judged: [String] = affected.versions
        for range in affected.ranges {
            for event in range.events {
                switch event {
                case .introduced(let value), .fixed(let value), .lastAffected(let value), .limit(let value):
                    if value != "0" { judged.append(value) }
                }
            }
        }
        return judged
    }
}
