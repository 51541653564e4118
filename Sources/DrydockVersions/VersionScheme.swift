import DrydockModel

/// A set of version-ordering rules: one per package ecosystem family.
///
/// Raw values are the names users pass to `drydock version compare --scheme`.
public enum VersionScheme: String, Sendable, Hashable, Codable, CaseIterable {
    /// Debian and Ubuntu (dpkg).
    case deb
    /// RPM (`rpmvercmp` with epoch, release, `~` and `^`).
    case rpm
    /// Alpine (apk-tools).
    case apk
    /// Python (PEP 440 as PyPI `packaging` implements it).
    case pep440
    /// npm (node-semver).
    case npm
    /// SemVer 2.0, used for OSV `SEMVER` ranges.
    case semver
    /// Maven (`ComparableVersion`).
    case maven
    /// RubyGems (`Gem::Version`).
    case gem
    /// Go modules (SemVer with `v`, pseudo-versions, `+incompatible`).
    case go
    /// Cargo (the `semver` crate).
    case cargo
    /// NuGet (`NuGetVersion`).
    case nuget
    /// Composer (normalised versions compared by PHP's `version_compare`).
    case composer
    /// Dart and Flutter packages (`pub_semver`).
    case pub
    /// Hex (Elixir `Version`).
    case hex
    /// Conan 2 (`conans.model.version.Version`).
    case conan
    /// Swift packages (SwiftPM `Version`).
    case swift

    /// The scheme whose rules an ecosystem's advisories are written against.
    public init(ecosystem: Ecosystem) {
        switch ecosystem {
        case .alpine, .wolfi, .chainguard: self = .apk
        case .debian, .ubuntu: self = .deb
        case .almaLinux, .redHat, .rockyLinux, .centOS, .oracleLinux, .amazonLinux, .fedora, .suse, .openSUSE,
            .photonOS, .mariner, .azureLinux:
            self = .rpm
        case .pypi: self = .pep440
        case .npm: self = .npm
        case .maven: self = .maven
        case .go: self = .go
        case .cratesIO: self = .cargo
        case .rubyGems: self = .gem
        case .packagist: self = .composer
        case .nuget: self = .nuget
        case .pub: self = .pub
        case .hex: self = .hex
        case .swiftURL: self = .swift
        case .conanCenter: self = .conan
        // CocoaPods' `Pod::Version` extends RubyGems' version rules.
        case .cocoaPods: self = .gem
        // Conda has its own ordering; PEP 440 orders the versions conda channels publish in practice.
        case .conda: self = .pep440
        // Julia's `VersionNumber` follows SemVer 2.0; OSV's Julia records use `SEMVER` ranges.
        case .julia: self = .semver
        }
    }

    /// Orders two versions by this scheme's rules.
    ///
    /// Throws when either string is not a valid version for the scheme; never treats an
    /// unparseable version as equal to anything.
    public func compare(_ lhs: String, _ rhs: String) throws(VersionError) -> VersionOrder {
        switch self {
        case .deb: return try DebianVersion.compare(lhs, rhs)
        case .apk: return try APKVersion.compare(lhs, rhs)
        case .rpm: return try RPMVersion.compare(lhs, rhs)
        case .pep440: return try PEP440Version.compare(lhs, rhs)
        case .npm: return try SemanticVersion.compare(lhs, rhs, dialect: .npm)
        case .semver: return try SemanticVersion.compare(lhs, rhs, dialect: .strict)
        case .go: return try SemanticVersion.compare(lhs, rhs, dialect: .go)
        case .cargo: return try SemanticVersion.compare(lhs, rhs, dialect: .cargo)
        case .hex: return try SemanticVersion.compare(lhs, rhs, dialect: .hex)
        case .pub: return try SemanticVersion.compare(lhs, rhs, dialect: .pub)
        case .swift: return try SemanticVersion.compare(lhs, rhs, dialect: .swift)
        case .maven: return try MavenVersion.compare(lhs, rhs)
        case .gem: return try RubyGemsVersion.compare(lhs, rhs)
        case .nuget: return try NuGetVersion.compare(lhs, rhs)
        case .composer: return try ComposerVersion.compare(lhs, rhs)
        case .conan: return try ConanVersion.compare(lhs, rhs)
        }
    }
}

/// The result of comparing two versions.
public enum VersionOrder: String, Sendable, Hashable {
    /// The left version is lower.
    case less = "<"
    /// Both versions are equal under the scheme (not necessarily the same text).
    case equal = "="
    /// The left version is higher.
    case greater = ">"

    /// Builds an order from the sign of an integer comparison.
    public init(sign: Int) {
        self = sign < 0 ? .less : (sign > 0 ? .greater : .equal)
    }
}

/// Why a version or constraint could not be used.
public struct VersionError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of problem it is.
    public enum Code: String, Sendable, Hashable {
        /// A version the scheme cannot parse.
        case invalidVersion
        /// A constraint the scheme's constraint syntax cannot read.
        case invalidConstraint
        /// An unknown scheme name.
        case unsupportedScheme
    }

    /// What kind of problem it is.
    public var code: Code
    /// What is wrong, for people.
    public var reason: String
    /// The offending version or constraint text.
    public var version: String

    /// Creates an error.
    public init(code: Code, reason: String, version: String) {
        self.code = code
        self.reason = reason
        self.version = version
    }

    /// The reason followed by the quoted offending text.
    public var description: String { "\(reason) (\"\(version)\")" }
}
