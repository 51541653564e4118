import DrydockModel

/// What makes "the same finding" across two scans: its kind and ID, the identity of its package, and the
/// identity of its target.
///
/// - The **package identity** is `TYPE/NAME`: the purl type and the package's name as Trivy writes `PkgName`
///   (`deb/libssl3`, `pypi/django`, `maven/org.apache.logging.log4j:log4j-core`, `golang/github.com/x/y`,
///   `npm/@scope/pkg`), taken from the purl when there is one and from the ecosystem and name otherwise. No
///   version, epoch, architecture or `distro` qualifier: a package upgraded from 3.0.11 to 3.0.13 that is still
///   vulnerable keeps its findings' identity, and so does an image whose OS moved from 12.5 to 12.6. PyPI names
///   are compared PEP 503-normalised. Drydock's and Trivy's reports give the same identity.
/// - The **target identity** is `os-pkgs` for the operating system's packages (the target name there carries the
///   image name and OS release, both of which change between builds) and the target name otherwise (a
///   lockfile path, a binary path, `Java`, `Python`).
/// - Misconfigurations and secrets have no package: their identity is ID + target.
///
/// Two findings of one package and ID in one target (two copies of a jar) share a fingerprint; baselines pair
/// them by file path first, then in order.
public struct FindingFingerprint: Sendable, Hashable, CustomStringConvertible {
    public var kind: FindingKind
    public var id: String
    public var package: String
    public var target: String

    public init(kind: FindingKind, id: String, package: String, target: String) {
        self.kind = kind
        self.id = id
        self.package = package
        self.target = target
    }

    /// The fingerprint of `finding` in the target named `targetName` of class `targetKind`, under `id` (one of
    /// the finding's IDs; the shown one by default).
    public init(_ finding: Finding, targetName: String, targetKind: TargetKind, id: String? = nil) {
        self.init(
            kind: finding.kind, id: id ?? finding.id,
            package: finding.package.map(FindingFingerprint.packageIdentity) ?? "",
            target: FindingFingerprint.targetIdentity(name: targetName, kind: targetKind))
    }

    /// `vulnerability|CVE-2024-0727|deb/libssl3|os-pkgs`.
    public var description: String { "\(kind.rawValue)|\(id)|\(package)|\(target)" }

    /// The target identity: `os-pkgs` for OS package targets, the target's name otherwise.
    public static func targetIdentity(name: String, kind: TargetKind) -> String {
        kind == .osPackages ? kind.rawValue : name
    }

    /// `TYPE/NAME` for a package, version-free.
    public static func packageIdentity(_ package: Package) -> String {
        if let purl = package.purl.flatMap(PackageURL.init) {
            return identity(type: purl.type, name: trivyName(purl))
        }
        return identity(type: purlType(package.ecosystem), name: package.name)
    }

    private static func identity(type: String, name: String) -> String {
        switch type {
        case "pypi": "pypi/" + PythonName.normalize(name)
        case "apk": "apk/" + name.lowercased()
        default: type + "/" + name
        }
    }

    /// The package name as Trivy's `PkgName` spells it, from a purl: OS packages by name alone, Maven
    /// `group:artifact`, CocoaPods `name/subpath`, others `namespace/name`.
    static func trivyName(_ purl: PackageURL) -> String {
        switch purl.type {
        case "apk", "deb", "rpm", "alpm": return purl.name
        case "maven", "gradle": return purl.namespace.map { "\($0):\(purl.name)" } ?? purl.name
        case "cocoapods": return purl.subpath.map { "\(purl.name)/\($0)" } ?? purl.name
        default: return purl.namespace.map { "\($0)/\(purl.name)" } ?? purl.name
        }
    }

    /// The purl type of an ecosystem's packages.
    static func purlType(_ ecosystem: Ecosystem) -> String {
        if ecosystem.isRPM { return "rpm" }
        switch ecosystem {
        case .alpine, .wolfi, .chainguard: return "apk"
        case .debian, .ubuntu: return "deb"
        case .pypi: return "pypi"
        case .npm: return "npm"
        case .maven: return "maven"
        case .go: return "golang"
        case .cratesIO: return "cargo"
        case .rubyGems: return "gem"
        case .packagist: return "composer"
        case .nuget: return "nuget"
        case .pub: return "pub"
        case .hex: return "hex"
        case .swiftURL: return "swift"
        case .conanCenter: return "conan"
        case .cocoaPods: return "cocoapods"
        case .conda: return "conda"
        default: return ecosystem.rawValue.lowercased()
        }
    }
}
