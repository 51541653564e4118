import DrydockModel

/// What a vendor release file (`etc/redhat-release`, `etc/system-release`, `etc/SuSE-release`, …) says.
public struct LegacyReleaseFile: Sendable, Hashable {
    /// The file it was read from.
    public var path: String
    /// The os-release `ID` the distribution would have (`rhel`, `centos`, `amzn`, `sles`).
    public var id: String
    /// The family.
    public var family: OSFamily
    /// The release (`7.9.2009`, `2`, `2018.03`, `12.3`, `3.0`); empty when the file names none.
    public var version: String

    /// Creates a value.
    public init(path: String, id: String, family: OSFamily, version: String) {
        self.path = path
        self.id = id
        self.family = family
        self.version = version
    }

    /// The first file of `OSReleaseFiles.legacyPaths` present in `files` that names a supported distribution.
    ///
    /// The order matters: Oracle Linux ships an `etc/redhat-release` that names Red Hat, CentOS one that names
    /// CentOS, so the specific files come first.
    public static func detect(_ files: [String: [UInt8]]) -> LegacyReleaseFile? {
        for path in OSReleaseFiles.legacyPaths {
            guard let bytes = files[path], let parsed = parse(bytes, path: path) else { continue }
            return parsed
        }
        return nil
    }

    /// Parses one vendor file; `nil` when it names no supported distribution.
    public static func parse(_ bytes: [UInt8], path: String) -> LegacyReleaseFile? {
        let text = String(decoding: bytes, as: UTF8.self)
        let lines = text.split(whereSeparator: \.isNewline).map { String($0.trimmingSpaces()) }
        guard let first = lines.first(where: { !$0.isEmpty }) else { return nil }
        if path.hasSuffix("SuSE-release") { return suse(first: first, lines: lines, path: path) }
        let words = first.split(separator: " ").map(String.init)
        if first.hasPrefix("VMware Photon") {
            return LegacyReleaseFile(path: path, id: "photon", family: .photon, version: numericWord(words) ?? "")
        }
        if first.hasPrefix("CBL-Mariner") {
            return LegacyReleaseFile(path: path, id: "mariner", family: .cblMariner, version: numericWord(words) ?? "")
        }
        let release = words.firstIndex(of: "release").flatMap { $0 + 1 < words.count ? words[$0 + 1] : nil } ?? ""
        let vendors: [(String, String, OSFamily)] = [
            ("CentOS", "centos", .centos), ("Rocky", "rocky", .rocky), ("AlmaLinux", "almalinux", .alma),
            ("Oracle", "ol", .oracle), ("Fedora", "fedora", .fedora), ("Red Hat", "rhel", .redhat),
            ("Amazon Linux", "amzn", .amazon),
        ]
        for (prefix, id, family) in vendors where first.hasPrefix(prefix) {
            return LegacyReleaseFile(path: path, id: id, family: family, version: release)
        }
        return nil
    }

    /// `etc/SuSE-release`: a title line, then `VERSION = 12` and `PATCHLEVEL = 3` (SLES `12.3`).
    static func suse(first: String, lines: [String], path: String) -> LegacyReleaseFile? {
        var fields: [String: String] = [:]
        for line in lines {
            guard let equals = line.firstIndex(of: "=") else { continue }
            fields[String(line[..<equals].trimmingSpaces())] = String(
                line[line.index(after: equals)...].trimmingSpaces())
        }
        let version = fields["VERSION"] ?? ""
        if first.hasPrefix("openSUSE") {
            return LegacyReleaseFile(path: path, id: "opensuse-leap", family: .openSUSELeap, version: version)
        }
        guard first.hasPrefix("SUSE Linux Enterprise Server") else { return nil }
        let patch = fields["PATCHLEVEL"].flatMap { Int($0) } ?? 0
        return LegacyReleaseFile(
            path: path, id: "sles", family: .sles, version: patch > 0 ? "\(version).\(patch)" : version)
    }

    /// The first word that starts with a digit (`3.0` in `VMware Photon OS 3.0`).
    static func numericWord(_ words: [String]) -> String? {
        words.first { $0.first?.isNumber ?? false }
    }
}
