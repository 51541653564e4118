import Testing

@testable import DrydockVersions

@Suite struct APKVersionTests {
    static let ordered: [(String, String, VersionOrder)] = [
        // Digit components compare numerically; more components is greater.
        ("1.2.3", "1.2.10", .less), ("1.10", "1.9", .greater), ("1.0", "1.0.0", .less), ("2", "10", .less),
        ("1.2", "1.2", .equal),
        // After the first component, a leading zero makes the component compare as a string.
        ("1.01", "1.1", .less), ("1.001", "1.01", .less), ("1.0", "1.00", .less), ("1.05", "1.1", .less),
        ("1.09", "1.010", .greater), ("1.010", "1.9", .less), ("01", "1", .equal),
        // One letter after the digits: greater than none, compares by code.
        ("1.0a", "1.0", .greater), ("1.0a", "1.0b", .less), ("1.0z", "1.0.1", .less), ("1.2a", "1.2a", .equal),
        // Pre-release suffixes sort below the release, in order alpha < beta < pre < rc.
        ("1.0_alpha", "1.0", .less), ("1.0_alpha", "1.0_beta", .less), ("1.0_beta", "1.0_pre", .less),
        ("1.0_pre", "1.0_rc", .less), ("1.0_rc1", "1.0_rc2", .less), ("1.0_rc10", "1.0_rc9", .greater),
        ("1.0_rc1", "1.0", .less), ("1.0_alpha1", "1.0_alpha", .greater),
        // Post-release suffixes sort above the release, in order cvs < svn < git < hg < p.
        ("1.0_cvs", "1.0", .greater), ("1.0_cvs", "1.0_svn", .less), ("1.0_svn", "1.0_git", .less),
        ("1.0_git", "1.0_hg", .less), ("1.0_hg", "1.0_p", .less), ("1.0_p1", "1.0_p2", .less),
        ("1.0_git20200101", "1.0_git20200102", .less), ("1.0_p1", "1.0.1", .less),
        ("1.0_rc1_p1", "1.0_rc1", .greater), ("1.0_rc1_p1", "1.0", .less),
        // The -rN revision compares last; absent revision is -r0.
        ("1.0-r1", "1.0-r2", .less), ("1.0-r10", "1.0-r9", .greater), ("1.0", "1.0-r0", .less),
        ("1.0-r1", "1.0.1", .less), ("1.0-r1", "1.0a", .less), ("1.0_p1-r0", "1.0-r5", .greater),
        ("2.9.0-r0", "2.10.0-r0", .less), ("1.1.1g-r0", "1.1.1k-r0", .less),
        // A `~hash` commit component compares as a string, after suffixes and before the revision.
        ("1.0~abc", "1.0~abd", .less), ("1.0", "1.0~abc", .less), ("1.0~abc", "1.0-r1", .greater),
        ("1.0_git1~ab-r2", "1.0_git1~ab-r1", .greater), ("1.0_rc1~ab", "1.0", .less),
    ]

    @Test(arguments: ordered)
    func compares(_ lhs: String, _ rhs: String, _ expected: VersionOrder) throws {
        #expect(try VersionScheme.apk.compare(lhs, rhs) == expected)
        let reversed: VersionOrder = expected == .less ? .greater : (expected == .greater ? .less : .equal)
        #expect(try VersionScheme.apk.compare(rhs, lhs) == reversed)
    }

    static let invalid: [String] = [
        "", "a", "1.2a3", "1.0_", "1.0_1", "1.0-r", "1.0~", "1.0~xyz", "1.0-r1-r2", "1.0-r1~ab", ".1", "1.",
        "1.0-1", "1.0_foo", "1.0ab", "1.0-r1a", "1.0_p1a", "1.0-r1.2", "1.0 ", "1.0_rc1.2", "1.0A", "1.0-",
    ]

    @Test(arguments: invalid)
    func rejects(_ version: String) {
        #expect(throws: VersionError.self) { try VersionScheme.apk.compare(version, "1.0") }
        #expect(throws: VersionError.self) { try VersionScheme.apk.compare("1.0", version) }
    }
}
