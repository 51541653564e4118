import DrydockModel

/// Forms package URLs (purl) for OS packages the way Trivy writes them.
///
/// - apk: `pkg:apk/alpine/NAME@VERSION?arch=ARCH&distro=3.10.4` (name lower-cased, as the apk purl type asks).
/// - deb: `pkg:deb/debian/NAME@VERSION?arch=ARCH&distro=debian-12.5`; an epoch is moved out of the version
///   into an `epoch` qualifier (`login@4.13%2Bdfsg1-1?arch=amd64&distro=debian-12.5&epoch=1`), as Trivy does.
/// - rpm: `pkg:rpm/redhat/NAME@VERSION-RELEASE?arch=ARCH&distro=redhat-9.3&epoch=1`; the epoch is moved into a
///   qualifier as for deb. SUSE families use the namespace `suse` (SLES, SLE Micro) or `opensuse` (Leap,
///   Tumbleweed), since their family names hold spaces and dots.
///
/// The namespace is the distribution family (`ubuntu` for Ubuntu), or the os-release ID for distributions
/// Drydock does not support; without a detected OS, namespace and `distro` are left out. Qualifiers are
/// sorted by key and every component is percent-encoded per the purl specification (only `A-Z a-z 0-9
/// . - _ ~` stay as they are, so `+` becomes `%2B`).
public enum OSPackageURL {
    /// The purl for `package` read from a database of `kind`, on `os` when one was detected.
    public static func make(for package: Package, kind: PackageDatabaseKind, os: DetectedOS?) -> String {
        var qualifiers: [(String, String)] = []
        if let arch = package.architecture, !arch.isEmpty { qualifiers.append(("arch", arch)) }
        let namespace = os.map(Self.namespace(of:))
        let type: String
        var name = package.name
        var version = package.version
        switch kind {
        case .apk:
            type = "apk"
            name = name.lowercased()
            if let os, !os.operatingSystem.version.isEmpty {
                qualifiers.append(("distro", os.operatingSystem.version))
            }
        case .dpkg, .rpm:
            type = kind == .rpm ? "rpm" : "deb"
            if let namespace, let os, !os.operatingSystem.version.isEmpty {
                qualifiers.append(("distro", "\(namespace)-\(os.operatingSystem.version)"))
            }
            if let colon = version.firstIndex(of: ":") {
                let epoch = version[..<colon]
                if !epoch.isEmpty, epoch.allSatisfy({ $0.isASCII && $0.isNumber }) {
                    if epoch.contains(where: { $0 != "0" }) { qualifiers.append(("epoch", String(epoch))) }
                    version = String(version[version.index(after: colon)...])
                }
            }
        }
        qualifiers.sort { $0.0 < $1.0 }
        var purl = "pkg:\(type)/"
        if let namespace, !namespace.isEmpty { purl += percentEncode(namespace) + "/" }
        purl += percentEncode(name) + "@" + percentEncode(version)
        if !qualifiers.isEmpty {
            purl += "?" + qualifiers.map { "\($0.0)=\(percentEncode($0.1))" }.joined(separator: "&")
        }
        return purl
    }

    /// The purl namespace for a detected OS: the family (`redhat`, `alma`, `wolfi`), `suse` or `opensuse` for
    /// the SUSE families, the os-release ID for unsupported distributions.
    static func namespace(of os: DetectedOS) -> String {
        switch os.operatingSystem.family {
        case .unknown: os.id
        case .sles, .sleMicro: "suse"
        case .openSUSELeap, .openSUSETumbleweed: "opensuse"
        default: os.operatingSystem.family.rawValue
        }
    }

    /// Percent-encodes every byte outside the purl's unreserved set `A-Z a-z 0-9 . - _ ~`.
    public static func percentEncode(_ text: String) -> String {
        let hex: [Character] = Array("0123456789ABCDEF")
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                result.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                result.append("%")
                result.append(hex[Int(byte >> 4)])
                result.append(hex[Int(byte & 0x0F)])
            }
        }
        return result
    }
}
