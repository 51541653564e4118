/// One RPM named by a vendor advisory: a binary or source package, with its `[EPOCH:]VERSION-RELEASE` when the
/// advisory gives one, its architecture and its module stream.
///
/// Read from a purl (`pkg:rpm/redhat/openssl@3.0.7-27.el9?arch=x86_64&epoch=1`,
/// `…?arch=src&rpmmod=go-toolset:rhel8`) when the vendor gives one, else from the product's name or ID
/// (`openssl-1:3.0.7-27.el9.x86_64`, `perl-FCGI-1:0.78-12.module+el8.10.0+23147+20b7d289.x86_64::perl-FCGI:0.78`,
/// `golang-bin::go-toolset:rhel8`, `openssl.src`, `bind-9.9.4P2-0.6.1.i586`, `samba-4.19.2+git.322.7e9201cef5-1.1`,
/// `libsamba-util0`).
struct RPMComponent: Hashable {
    /// The package name.
    var name: String
    /// The epoch, when the vendor states one (`0` is kept as given, and left out of ``evr``).
    var epoch: String?
    /// `VERSION-RELEASE`, or `nil` for a bare package name (an unfixed or not-affected entry).
    var versionRelease: String?
    /// The architecture (`x86_64`, `noarch`, `src`), when given.
    var arch: String?
    /// The module stream `name:stream` (`go-toolset:rhel8`), for module builds.
    var module: String?

    /// Whether this is a source package (`arch` `src`/`nosrc`).
    var isSource: Bool { arch == "src" || arch == "nosrc" }

    /// `[EPOCH:]VERSION-RELEASE` with a zero epoch left out, as Drydock prints installed RPM versions.
    var evr: String? {
        guard let versionRelease else { return nil }
        if let epoch, epoch != "0", !epoch.isEmpty { return "\(epoch):\(versionRelease)" }
        return versionRelease
    }

    /// Architectures RPM-based vendors publish, used to cut the `.ARCH` suffix off product names.
    static let architectures: Set<String> = [
        "noarch", "src", "nosrc", "x86_64", "i386", "i486", "i586", "i686", "athlon", "aarch64", "ppc", "ppc64",
        "ppc64le", "ppc64p7", "s390", "s390x", "ia64", "armv7hl", "armv6hl", "armhfp", "riscv64", "loongarch64",
    ]

    /// Reads an `rpm` purl; `nil` for other purl types.
    init?(purl: String) {
        guard purl.hasPrefix("pkg:rpm/") else { return nil }
        var rest = Substring(purl.dropFirst("pkg:rpm/".count))
        if let hash = rest.firstIndex(of: "#") { rest = rest[..<hash] }
        var qualifiers: [String: String] = [:]
        if let question = rest.firstIndex(of: "?") {
            for pair in rest[rest.index(after: question)...].split(separator: "&") {
                let parts = pair.split(separator: "=", maxSplits: 1)
                if parts.count == 2 { qualifiers[String(parts[0])] = Self.percentDecoded(parts[1]) }
            }
            rest = rest[..<question]
        }
        var version: String?
        if let at = rest.lastIndex(of: "@") {
            version = Self.percentDecoded(rest[rest.index(after: at)...])
            rest = rest[..<at]
        }
        guard let slash = rest.lastIndex(of: "/") else { return nil }
        let name = Self.percentDecoded(rest[rest.index(after: slash)...])
        guard !name.isEmpty else { return nil }
        self.name = name
        self.versionRelease = version.flatMap { $0.isEmpty ? nil : $0 }
        self.epoch = qualifiers["epoch"]
        self.arch = qualifiers["arch"]
        self.module = qualifiers["rpmmod"].flatMap(Self.stream(ofLabel:))
    }

    /// Reads a product name or ID: `NAME[-[EPOCH:]VERSION-RELEASE][.ARCH][.rpm][::MODULE:STREAM]`.
    init?(nevra text: String) {
        var rest = Substring(text)
        var module: String?
        if let range = rest.range(of: "::") {
            module = Self.stream(ofLabel: String(rest[range.upperBound...]))
            rest = rest[..<range.lowerBound]
        }
        if rest.hasSuffix(".rpm") { rest = rest.dropLast(4) }
        var arch: String?
        if let dot = rest.lastIndex(of: "."), Self.architectures.contains(String(rest[rest.index(after: dot)...])) {
            arch = String(rest[rest.index(after: dot)...])
            rest = rest[..<dot]
        }
        guard !rest.isEmpty else { return nil }
        self.arch = arch
        self.module = module
        // NAME-VERSION-RELEASE: the last two dash-separated fields, when the version starts with a digit (after an
        // optional `EPOCH:`); otherwise the whole text is a bare name (`samba-ad-dc`, `libsamba-util0-32bit`).
        if let releaseDash = rest.lastIndex(of: "-"), let versionDash = rest[..<releaseDash].lastIndex(of: "-") {
            let release = rest[rest.index(after: releaseDash)...]
            var version = rest[rest.index(after: versionDash)..<releaseDash]
            var epoch: String?
            if let colon = version.firstIndex(of: ":") {
                epoch = String(version[..<colon])
                version = version[version.index(after: colon)...]
            }
            let epochIsNumber = epoch.map { !$0.isEmpty && $0.allSatisfy(\.isNumber) } ?? true
            if epochIsNumber, let first = version.first, first.isNumber, !release.isEmpty {
                name = String(rest[..<versionDash])
                self.epoch = epoch
                versionRelease = "\(version)-\(release)"
                return
            }
        }
        name = String(rest)
        epoch = nil
        versionRelease = nil
    }

    /// `name:stream` of a modularity label `name:stream[:version:context]`.
    static func stream(ofLabel label: String) -> String? {
        let parts = label.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count >= 2, !parts[0].isEmpty, !parts[1].isEmpty else { return nil }
        return "\(parts[0]):\(parts[1])"
    }

    /// Percent-decoding for purl segments (`%2B` → `+`); invalid escapes are kept as written.
    static func percentDecoded(_ text: Substring) -> String {
        guard text.contains("%") else { return String(text) }
        var bytes: [UInt8] = []
        var utf8 = Array(text.utf8)[...]
        while let byte = utf8.popFirst() {
            if byte == UInt8(ascii: "%"), utf8.count >= 2,
                let value = UInt8(String(decoding: utf8.prefix(2), as: UTF8.self), radix: 16)
            {
                bytes.append(value)
                utf8 = utf8.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
