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

/// Recognises the distribution from its release files. Pure: bytes in, value out.
///
/// - The family comes from os-release `ID` (`OSIdentity.family(forID:)`: `rhel` → `redhat`, `almalinux` →
///   `alma`, `amzn` → `amazon`, `sles`, `sle-micro`, `opensuse-leap`, …); any other ID gives family
///   `.unknown` with the ID kept in `DetectedOS.id`. `ID_LIKE` is recorded but never used to guess a
///   family: a derivative's advisories are not its parent's.
/// - Without os-release (or without `ID` in it), `etc/alpine-release` means Alpine, `etc/debian_version`
///   Debian, and the vendor files name the rest (`LegacyReleaseFile`): `etc/centos-release`,
///   `etc/oracle-release`, `etc/fedora-release`, `etc/redhat-release` (RHEL, CentOS, Rocky, AlmaLinux),
///   `etc/system-release` (Amazon Linux), `etc/SuSE-release`, `etc/photon-release`, `etc/mariner-release`.
/// - Alpine's version comes from `etc/alpine-release` (`3.10.4`), else `VERSION_ID`; Debian's from
///   `etc/debian_version` (point release `12.5`, or `bookworm/sid` on testing), else `VERSION_ID`. Ubuntu
///   also ships `etc/debian_version` (`bookworm/sid`), which is ignored. CentOS prefers `etc/centos-release`
///   (`7.9.2009`, where os-release says `7`). Every other family takes `VERSION_ID`, else its vendor file.
/// - Ubuntu Pro / ESM is recognised from `var/lib/ubuntu-advantage/status.json` or an `ubuntu-esm-*` apt
///   source list (`UbuntuExtendedSupport`).
public enum OSDetector {
    /// The detected distribution, or `nil` when the files name none.
    public static func detect(_ files: OSReleaseFiles) -> DetectedOS? {
        let release = files.osRelease.map { OSReleaseFile.parse($0) }
        let alpineVersion = files.alpineRelease.flatMap(firstLine)
        let debianVersion = files.debianVersion.flatMap(firstLine)
        let legacy = LegacyReleaseFile.detect(files.legacy)
        var sources: [String] = []

        let id: String
        let family: OSFamily
        if let releaseID = release?.id {
            id = releaseID
            family = OSIdentity.family(forID: releaseID)
            sources.append("os-release")
        } else if alpineVersion != nil {
            (id, family) = ("alpine", .alpine)
        } else if let legacy {
            (id, family) = (legacy.id, legacy.family)
        } else if debianVersion != nil {
            (id, family) = ("debian", .debian)
        } else {
            return nil
        }

        var version = release?.versionID ?? ""
        switch family {
        case .alpine:
            if let alpineVersion {
                version = alpineVersion
                sources.append("etc/alpine-release")
            }
        case .debian:
            if let debianVersion {
                version = debianVersion
                sources.append("etc/debian_version")
            }
        case .unknown, .ubuntu:
            break
        default:
            // The vendor file of the same family refines or replaces VERSION_ID (CentOS `7.9.2009`).
            if let legacy, legacy.family == family, !legacy.version.isEmpty,
                version.isEmpty || (family == .centos && legacy.version.hasPrefix(version + "."))
            {
                version = legacy.version
                sources.append(legacy.path)
            }
        }
        var extended = false
        if family == .ubuntu, let source = UbuntuExtendedSupport.source(files) {
            extended = true
            sources.append(source)
        }
        return DetectedOS(
            operatingSystem: OperatingSystem(
                family: family, version: version, prettyName: release?.prettyName, id: id, extendedSupport: extended),
            id: id, idLike: release?.idLike ?? [], sources: sources)
    }

    /// The first line of a one-line release file, trimmed; `nil` when it is blank.
    static func firstLine(_ bytes: [UInt8]) -> String? {
        let text = String(decoding: bytes, as: UTF8.self)
        let line = text.split(whereSeparator: \.isNewline).first.map { $0.trimmingSpaces() } ?? ""
        return line.isEmpty ? nil : String(line)
    }
}
