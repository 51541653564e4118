/// A version parsed once, so that evaluating a range compares it with every event without parsing it
/// again. Schemes whose comparison works directly on bytes keep the text.
enum PreparedVersion {
    case text(String)
    case pep440(PEP440Version)
    case maven([MavenVersion.Item])
    case gem([RubyGemsVersion.Segment])

    /// Parses `text` for `scheme`, throwing when it is not a valid version.
    init(_ text: String, scheme: VersionScheme) throws(VersionError) {
        switch scheme {
        case .pep440: self = .pep440(try PEP440Version.parse(text))
        case .maven: self = .maven(try MavenVersion.parse(text))
        case .gem: self = .gem(try RubyGemsVersion.canonicalSegments(text))
        default:
            // Validated by the first comparison, which every prepared event goes through.
            self = .text(text)
        }
    }

    /// Orders this version against `other`, both prepared for `scheme`.
    func compare(to other: PreparedVersion, scheme: VersionScheme) throws(VersionError) -> VersionOrder {
        switch (self, other) {
        case (.pep440(let a), .pep440(let b)): return PEP440Version.compare(a, b)
        case (.maven(let a), .maven(let b)): return VersionOrder(sign: MavenVersion.compare(.list(a), .list(b)))
        case (.gem(let a), .gem(let b)): return RubyGemsVersion.compare(a, b)
        case (.text(let a), .text(let b)): return try scheme.compare(a, b)
        default:
            throw VersionError(code: .unsupportedScheme, reason: "versions prepared for different schemes", version: "")
        }
    }
}
