import DrydockModel

/// A set of version-ordering rules: one per package ecosystem family.
///
/// Raw values are the names users pass to `drydock version compare --scheme`.
public enum VersionScheme: String, Sendable, Hashable, Codable, CaseIterable {
    case deb, rpm, apk, pep440, npm, semver, maven, gem, go, cargo, nuget, composer, pub, hex, conan, swift

    /// The scheme whose rules an ecosystem's advisories are written against.
    public init(ecosystem: Ecosystem) {
        switch ecosystem {
        case .alpine: self = .apk
        case .debian, .ubuntu: self = .deb
        case .almaLinux: self = .rpm
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
    case less = "<"
    case equal = "="
    case greater = ">"

    /// Builds an order from the sign of an integer comparison.
    public init(sign: Int) {
        self = sign < 0 ? .less : (sign > 0 ? .greater : .equal)
    }
}

/// Why a version or constraint could not be used.
public struct VersionError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable {
        case invalidVersion
        case invalidConstraint
        case unsupportedScheme
    }

    public var code: Code
    public var reason: String
    /// The offending version or constraint text.
    public var version: String

    public init(code: Code, reason: String, version: String) {
        self.code = code
        self.reason = reason
        self.version = version
    }

    public var description: String { "\(reason) (\"\(version)\")" }
}
