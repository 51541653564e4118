import Testing

@testable import DrydockVersions

@Suite struct SemanticVersionTests {
    /// SemVer 2.0's own precedence examples and edge cases, valid in every SemVer dialect.
    static let ordered: [(String, String, VersionOrder)] = [
        ("1.0.0", "2.0.0", .less), ("2.0.0", "2.1.0", .less), ("2.1.0", "2.1.1", .less), ("1.10.0", "1.9.0", .greater),
        ("1.0.0-alpha", "1.0.0", .less), ("1.0.0-alpha", "1.0.0-alpha.1", .less),
        ("1.0.0-alpha.1", "1.0.0-alpha.beta", .less), ("1.0.0-alpha.beta", "1.0.0-beta", .less),
        ("1.0.0-beta", "1.0.0-beta.2", .less), ("1.0.0-beta.2", "1.0.0-beta.11", .less),
        ("1.0.0-beta.11", "1.0.0-rc.1", .less), ("1.0.0-rc.1", "1.0.0", .less), ("1.0.0-2", "1.0.0-10", .less),
        ("1.0.0-a-b", "1.0.0-a", .greater), ("1.0.0-Z", "1.0.0-a", .less),
    ]

    @Test(arguments: ordered, [VersionScheme.semver, .npm, .go, .cargo, .hex, .pub, .swift])
    func compares(_ row: (String, String, VersionOrder), _ scheme: VersionScheme) throws {
        try expectOrder(scheme, row.0, row.1, row.2)
    }

    static let dialects: [(VersionScheme, String, String, VersionOrder)] = [
        // Build metadata is ignored by SemVer, npm, Go, Hex and SwiftPM…
        (.semver, "1.0.0+build.1", "1.0.0+build.2", .equal), (.npm, "1.0.0+a", "1.0.0", .equal),
        (.go, "v2.0.0+incompatible", "v2.0.0", .equal), (.hex, "1.0.0+a", "1.0.0+b", .equal),
        (.swift, "1.0.0+a", "1.0.0", .equal),
        // …but orders Cargo (semver crate) and Pub versions: none first, then identifier by identifier.
        (.cargo, "1.0.0", "1.0.0+a", .less), (.cargo, "1.0.0+2", "1.0.0+10", .less),
        (.pub, "1.0.0+1", "1.0.0", .greater),
        // npm accepts `v` and surrounding spaces; Go accepts `v`, short forms and pseudo-versions.
        (.npm, "v1.2.3", "1.2.3", .equal), (.npm, " 1.2.3 ", "1.2.3", .equal), (.go, "v1.2", "1.2.0", .equal),
        (.go, "v1", "v1.0.0", .equal), (.go, "v0.0.0-20191109021931-daa7c04131f5", "v0.0.1", .less),
        (.go, "v1.2.4-0.20191109021931-daa7c04131f5", "v1.2.3", .greater),
        (.go, "v1.2.4-0.20191109021931-daa7c04131f5", "v1.2.4", .less),
        (.go, "v1.2.4-pre.0.20191109021931-daa7c04131f5", "v1.2.4-pre", .greater),
        // Pub and SwiftPM allow leading zeros.
        (.pub, "01.2.3", "1.2.3", .equal), (.swift, "01.2.3", "1.2.3", .equal), (.swift, "1.0.0-01", "1.0.0-1", .equal),
    ]

    @Test(arguments: dialects)
    func dialect(_ scheme: VersionScheme, _ lhs: String, _ rhs: String, _ expected: VersionOrder) throws {
        try expectOrder(scheme, lhs, rhs, expected)
    }

    static let invalid: [(VersionScheme, String)] = [
        (.semver, "1.2"), (.semver, "v1.2.3"), (.semver, "01.2.3"), (.semver, "1.2.3-01"), (.semver, "1.2.3-"),
        (.semver, "1.2.3+"), (.semver, "1.2.3-a..b"), (.semver, ""), (.semver, "1.2.3.4"), (.semver, "1.2.3 "),
        (.npm, "1.2"), (.npm, "x1.2.3"), (.npm, "=1.2.3"), (.npm, "V1.2.3"), (.npm, "9007199254740992.0.0"),
        (.go, "v1.2-pre"), (.go, "v01.2.3"), (.cargo, "v1.2.3"), (.hex, "1.2"),
        (.swift, "1.2"), (.pub, "1.2"),
    ]

    @Test(arguments: invalid)
    func rejects(_ scheme: VersionScheme, _ version: String) {
        expectInvalid(scheme, version, against: "1.0.0")
    }
}
