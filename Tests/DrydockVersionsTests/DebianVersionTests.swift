import Testing

@testable import DrydockVersions

@Suite struct DebianVersionTests {
    static let ordered: [(String, String, VersionOrder)] = [
        // Epochs compare first, numerically; no epoch is epoch 0.
        ("1:1.0", "2.0", .greater), ("0:1.0", "1.0", .equal), ("2:0.1", "10:0.1", .less),
        ("1:1.0-1", "1:1.0-1", .equal),
        // Digit runs compare numerically, leading zeros ignored.
        ("1.10", "1.9", .greater), ("1.010", "1.10", .equal), ("1.0", "1.00", .equal), ("2", "10", .less),
        ("1.2.3", "1.2.3.0", .less), ("20231231", "20240101", .less),
        // `~` sorts before everything, even the end of the string.
        ("1.0~rc1", "1.0", .less), ("1.0~~", "1.0~", .less), ("1.0~~a", "1.0~", .less), ("1.0~", "1.0", .less),
        ("1.0~rc1", "1.0~rc2", .less), ("1.0~beta", "1.0~rc", .less),
        // Letters sort before non-letters; the end sorts before letters.
        ("1.0a", "1.0+", .less), ("1.0a", "1.0.", .less), ("1.0", "1.0a", .less), ("1.0+", "1.0.", .less),
        ("1.0Z", "1.0a", .less), ("1.0+dfsg", "1.0", .greater), ("1.0+b1", "1.0.1", .less),
        // Revision after upstream; absent revision equals `0`; last hyphen splits.
        ("1.0-1", "1.0-2", .less), ("1.0", "1.0-0", .equal), ("1.0-1", "1.0", .greater),
        ("1.0-1-1", "1.0-1-2", .less), ("1.0-beta-1", "1.0-1", .greater), ("2.30-1ubuntu1", "2.30-1", .greater),
        ("1.2.3-1+deb12u1", "1.2.3-1", .greater), ("1.2.3-1~bpo11+1", "1.2.3-1", .less),
        ("7.88.1-10+deb12u5", "7.88.1-10+deb12u12", .less),
        // Colons are allowed in the upstream part after the epoch.
        ("1:2:3", "1:2:4", .less),
        // dpkg warns about but still compares versions not starting with a digit.
        ("a", "b", .less), ("abc1", "abc2", .less),
        // Surrounding whitespace is ignored.
        (" 1.0 ", "1.0", .equal),
    ]

    @Test(arguments: ordered)
    func compares(_ lhs: String, _ rhs: String, _ expected: VersionOrder) throws {
        #expect(try VersionScheme.deb.compare(lhs, rhs) == expected)
        let reversed: VersionOrder = expected == .less ? .greater : (expected == .greater ? .less : .equal)
        #expect(try VersionScheme.deb.compare(rhs, lhs) == reversed)
    }

    static let invalid: [String] = [
        "", "   ", "1.0 1", ":1.0", "a:1.0", "-1:1.0", "1:", "1.0-", "-1", "1:-1", "99999999999:1.0",
    ]

    @Test(arguments: invalid)
    func rejects(_ version: String) {
        #expect(throws: VersionError.self) { try VersionScheme.deb.compare(version, "1.0") }
        #expect(throws: VersionError.self) { try VersionScheme.deb.compare("1.0", version) }
    }
}
