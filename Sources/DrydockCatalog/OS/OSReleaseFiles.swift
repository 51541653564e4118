/// The release files an OS is recognised from, as bytes already read from the image.
public struct OSReleaseFiles: Sendable, Hashable {
    /// The vendor release files read besides os-release, in the order `OSDetector` consults them.
    public static let legacyPaths = [
        "etc/centos-release", "etc/oracle-release", "etc/fedora-release", "etc/redhat-release",
        "etc/system-release", "etc/SuSE-release", "etc/photon-release", "etc/mariner-release",
    ]
    /// Ubuntu Pro's client status (`ua status` writes it); ESM is on when an `esm-*` service is enabled.
    public static let ubuntuAdvantageStatusPath = "var/lib/ubuntu-advantage/status.json"
    /// The folder of apt source lists, where Ubuntu Pro puts `ubuntu-esm-infra.list` / `ubuntu-esm-apps.sources`.
    public static let aptSourcesFolder = "etc/apt/sources.list.d/"

    /// `etc/os-release`, or `usr/lib/os-release` when the former is absent.
    public var osRelease: [UInt8]?
    /// `etc/alpine-release` (`3.10.4`).
    public var alpineRelease: [UInt8]?
    /// `etc/debian_version` (`12.5`, `bookworm/sid`).
    public var debianVersion: [UInt8]?
    /// Vendor release files by path (`etc/redhat-release`, `etc/system-release`, `etc/SuSE-release`, …).
    public var legacy: [String: [UInt8]]
    /// `var/lib/ubuntu-advantage/status.json`, when present.
    public var ubuntuAdvantageStatus: [UInt8]?
    /// Files in `etc/apt/sources.list.d/` whose name starts with `ubuntu-esm-`, by path.
    public var esmSourceLists: [String: [UInt8]]

    /// Creates the set; pass `nil` (or nothing) for files that are absent.
    public init(
        osRelease: [UInt8]? = nil, alpineRelease: [UInt8]? = nil, debianVersion: [UInt8]? = nil,
        legacy: [String: [UInt8]] = [:], ubuntuAdvantageStatus: [UInt8]? = nil, esmSourceLists: [String: [UInt8]] = [:]
    ) {
        self.osRelease = osRelease
        self.alpineRelease = alpineRelease
        self.debianVersion = debianVersion
        self.legacy = legacy
        self.ubuntuAdvantageStatus = ubuntuAdvantageStatus
        self.esmSourceLists = esmSourceLists
    }

    /// Whether `path` is an Ubuntu ESM apt source list (`etc/apt/sources.list.d/ubuntu-esm-infra.list`).
    public static func isESMSourceList(_ path: String) -> Bool {
        guard path.hasPrefix(aptSourcesFolder) else { return false }
        let name = path.dropFirst(aptSourcesFolder.count)
        return name.hasPrefix("ubuntu-esm-") && !name.contains("/")
    }

    /// Collects the files from a merged view, through `raw(path)` (the bytes of a release file, or `nil`).
    static func collect(paths: [String], raw: (String) -> [UInt8]?) -> OSReleaseFiles {
        var files = OSReleaseFiles(
            osRelease: raw("etc/os-release") ?? raw("usr/lib/os-release"), alpineRelease: raw("etc/alpine-release"),
            debianVersion: raw("etc/debian_version"), ubuntuAdvantageStatus: raw(ubuntuAdvantageStatusPath))
        for path in legacyPaths { files.legacy[path] = raw(path) }
        for path in paths where isESMSourceList(path) { files.esmSourceLists[path] = raw(path) }
        return files
    }
}
