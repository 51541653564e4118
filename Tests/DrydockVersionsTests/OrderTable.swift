import Testing

@testable import DrydockVersions

/// Checks one table row in both directions.
func expectOrder(_ scheme: VersionScheme, _ lhs: String, _ rhs: String, _ expected: VersionOrder) throws {
    #expect(try scheme.compare(lhs, rhs) == expected, "\(scheme) \(lhs) vs \(rhs)")
    let reversed: VersionOrder = expected == .less ? .greater : (expected == .greater ? .less : .equal)
    #expect(try scheme.compare(rhs, lhs) == reversed, "\(scheme) \(rhs) vs \(lhs)")
}

/// Checks that `version` is rejected on either side of a comparison.
func expectInvalid(_ scheme: VersionScheme, _ version: String, against other: String) {
    #expect(throws: VersionError.self, "\(scheme) accepted \(version)") { try scheme.compare(version, other) }
    #expect(throws: VersionError.self, "\(scheme) accepted \(version)") { try scheme.compare(other, version) }
}
