import DrydockModel

/// The distribution found in an image, with the facts the model's `OperatingSystem` does not hold.
public struct DetectedOS: Sendable, Hashable, Codable {
    /// Family, version and pretty name; `family` is `.unknown` for distributions Drydock does not support.
    public var operatingSystem: OperatingSystem
    /// The distribution's own ID (`alpine`, `debian`, `wolfi`, `linuxmint`), kept even when the family is unknown.
    public var id: String
    /// `ID_LIKE` from os-release (`["debian"]`), possibly empty.
    public var idLike: [String]
    /// The files the answer was read from, in the order they were consulted.
    public var sources: [String]

    /// Creates a detection result.
    public init(operatingSystem: OperatingSystem, id: String, idLike: [String] = [], sources: [String] = []) {
        self.operatingSystem = operatingSystem
        self.id = id
        self.idLike = idLike
        self.sources = sources
    }
}

/// The release files an OS is recognised from, as bytes already read from the image.
public struct OSReleaseFiles: Sendable, Hashable {
    /// `etc/os-release`, or `usr/lib/os-release` when the former is absent.
    public var osRelease: [UInt8]?
    /// `etc/alpine-release` (`3.10.4`).
    public var alpineRelease: [UInt8]?
    /// `etc/debian_version` (`12.5`, `bookworm/sid`).
    public var debianVersion: [UInt8]?

    /// Creates the set; pass `nil` for files that are absent.
    public init(osRelease: [UInt8]? = nil, alpineRelease: [UInt8]? = nil, debianVersion: [UInt8]? = nil) {
        self.osRelease = osRelease
        self.alpineRelease = alpineRelease
        self.debianVersion = debianVersion
    }
}

/// Recognises the distribution from its release files. Pure: bytes in, value out.
///
/// - The family comes from os-release `ID` (`alpine`, `debian`, `ubuntu`); any other ID gives family
///   `.unknown` with the ID kept in `DetectedOS.id`. `ID_LIKE` is recorded but never used to guess a
///   family: a derivative's advisories are not its parent's.
/// - Without os-release (or without `ID` in it), `etc/alpine-release` means Alpine and
///   `etc/debian_version` means Debian.
/// - Alpine's version comes from `etc/alpine-release` (`3.10.4`), else `VERSION_ID`.
/// - Debian's comes from `etc/debian_version` (point release `12.5`, or `bookworm/sid` on testing),
///   else `VERSION_ID`. Ubuntu also ships `etc/debian_version` (`bookworm/sid`), which is ignored.
public enum OSDetector {
    /// The detected distribution, or `nil` when the files name none.
    public static func detect(_ files: OSReleaseFiles) -> DetectedOS? {
        let release = files.osRelease.map { OSReleaseFile.parse($0) }
        let alpineVersion = files.alpineRelease.flatMap(firstLine)
        let debianVersion = files.debianVersion.flatMap(firstLine)
        var sources: [String] = []

        let id: String
        if let releaseID = release?.id {
            id = releaseID
            sources.append("os-release")
        } else if alpineVersion != nil {
            id = "alpine"
        } else if debianVersion != nil {
            id = "debian"
        } else {
            return nil
        }
        let family = OSFamily(rawValue: id).flatMap { $0 == .unknown ? nil : $0 } ?? .unknown

        let version: String
        switch family {
        case .alpine:
            if let alpineVersion {
                version = alpineVersion
                sources.append("etc/alpine-release")
            } else {
                version = release?.versionID ?? ""
            }
        case .debian:
            if let debianVersion {
                version = debianVersion
                sources.append("etc/debian_version")
            } else {
                version = release?.versionID ?? ""
            }
        case .ubuntu, .unknown:
            version = release?.versionID ?? ""
        }
        return DetectedOS(
            operatingSystem: OperatingSystem(
                family: family, version: version, prettyName: release?.prettyName, id: id),
            id: id, idLike: release?.idLike ?? [], sources: sources)
    }

    /// The first line of a one-line release file, trimmed; `nil` when it is blank.
    static func firstLine(_ bytes: [UInt8]) -> String? {
        let text = String(decoding: bytes, as: UTF8.self)
        let line = text.split(whereSeparator: \.isNewline).first.map { $0.trimmingSpaces() } ?? ""
        return line.isEmpty ? nil : String(line)
    }
}
