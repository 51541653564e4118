import Testing

@testable import DrydockVersions

/// Maven, RubyGems, NuGet, Composer and Conan ordering rules, one table row per rule.
@Suite struct EcosystemVersionTests {
    static let maven: [(String, String, VersionOrder)] = [
        // Padding: trailing zeros and release qualifiers vanish.
        ("1", "1.0.0", .equal), ("1.0.0-1", "1-1", .equal), ("1.0.Final", "1", .equal), ("1.0-ga", "1.0", .equal),
        ("1.0.RELEASE", "1.0", .equal), ("1.0.0", "1.0.0.0.1", .less), ("1.12345678901234567890", "1.2", .greater),
        // Qualifier order and aliases.
        ("1-alpha", "1-beta", .less), ("1-beta", "1-milestone", .less), ("1-milestone", "1-rc", .less),
        ("1-rc", "1-cr", .equal), ("1-rc", "1-SNAPSHOT", .less), ("1-SNAPSHOT", "1", .less), ("1", "1-sp", .less),
        ("1-sp", "1-foo", .less), ("1-foo", "1-goo", .less), ("1-foo", "1.1", .less), ("2.0.1", "2.0.1-xyz", .less),
        ("1.0-RC1", "1.0-rc1", .equal), ("1.0-b1", "1.0-beta1", .equal), ("1.0-b", "1.0", .greater),
        ("1a1", "1-alpha-1", .equal), ("1.0-alpha", "1.0-alpha1", .less), ("1.0-alpha2", "1.0-alpha10", .less),
        // Numbers beat qualifiers and lists.
        ("1.0.1", "1.0-sp1", .greater), ("1.0-1", "1.0.1", .less),
    ]

    @Test(arguments: maven)
    func mavenOrder(_ lhs: String, _ rhs: String, _ expected: VersionOrder) throws {
        try expectOrder(.maven, lhs, rhs, expected)
    }

    static let gem: [(String, String, VersionOrder)] = [
        ("1.0", "1", .equal), ("1.0.0", "1", .equal), ("1.0.0.1", "1.0", .greater), ("1.10", "1.9", .greater),
        ("1.0.a", "1.0", .less), ("1.0.a", "1.0.b", .less), ("1.0.a10", "1.0.a9", .greater), ("1.a", "1.0.a", .equal),
        ("1.0.beta", "1.0.rc", .less), ("1.0.RC1", "1.0.rc1", .less), ("1.0-rc1", "1.0.rc1", .less),
        ("1.0-rc1", "1.0", .less), ("", "0", .equal), ("  1.0  ", "1", .equal), ("2.0.0.pre", "1.9", .greater),
    ]

    @Test(arguments: gem)
    func gemOrder(_ lhs: String, _ rhs: String, _ expected: VersionOrder) throws {
        try expectOrder(.gem, lhs, rhs, expected)
    }

    static let nuget: [(String, String, VersionOrder)] = [
        ("1.0", "1.0.0", .equal), ("1.0", "1.0.0.0", .equal), ("1.0.0.1", "1.0.0", .greater),
        ("01.0.0", "1.0.0", .equal),
        ("1.0.0-beta", "1.0.0", .less), ("1.0.0-Beta", "1.0.0-beta", .equal), ("1.0.0-beta.2", "1.0.0-beta.10", .less),
        ("1.0.0-alpha", "1.0.0-alpha.1", .less), ("1.0.0+meta", "1.0.0", .equal), ("1.0.0-1", "1.0.0-a", .less),
        ("1.0.0-ALPHA", "1.0.0-beta", .less), ("2.0", "10.0", .less),
    ]

    @Test(arguments: nuget)
    func nugetOrder(_ lhs: String, _ rhs: String, _ expected: VersionOrder) throws {
        try expectOrder(.nuget, lhs, rhs, expected)
    }

    static let composer: [(String, String, VersionOrder)] = [
        ("1.0", "1.0.0", .equal), ("v1.0.0.0", "1.0", .equal), ("1.0.0-beta1", "1.0.0-RC1", .less),
        ("1.0.0-RC1", "1.0.0", .less), ("1.0.0", "1.0.0-patch1", .less), ("1.0.0-dev", "1.0.0-alpha", .less),
        ("1.0.0-beta1-dev", "1.0.0-beta1", .less), ("1.0.0-stable", "1.0.0", .equal), ("1.0.0@beta", "1.0.0", .equal),
        ("1.0.0-alpha2", "1.0.0-a2", .equal), ("1.0.0-p1", "1.0.0-patch1", .equal), ("1.0.0-pl1", "1.0.0-p1", .equal),
        ("1.0.0.1", "1.0.0", .greater), ("1.0.0-beta2", "1.0.0-beta10", .less), ("dev-main", "dev-main", .equal),
        ("1.0.0+build", "1.0.0", .equal), ("1.10", "1.9", .greater),
    ]

    @Test(arguments: composer)
    func composerOrder(_ lhs: String, _ rhs: String, _ expected: VersionOrder) throws {
        try expectOrder(.composer, lhs, rhs, expected)
    }

    static let conan: [(String, String, VersionOrder)] = [
        ("1.0", "1", .equal), ("1.0.0", "1", .equal), ("1.2", "1.10", .less), ("1.a", "1.2", .greater),
        ("1.0-pre", "1.0", .less), ("1.0-pre", "0.9", .greater), ("1.0+build", "1.0", .greater),
        ("1.0-alpha", "1.0-beta", .less), ("1.0a", "1.0b", .less), ("1.2.3-pre+b1", "1.2.3-pre+b2", .less),
    ]

    @Test(arguments: conan)
    func conanOrder(_ lhs: String, _ rhs: String, _ expected: VersionOrder) throws {
        try expectOrder(.conan, lhs, rhs, expected)
    }

    static let invalid: [(VersionScheme, String)] = [
        (.maven, ""), (.maven, "1.0 beta"), (.gem, "1..0"), (.gem, "a1"), (.gem, "1.0-"), (.gem, "1.0 beta"),
        (.gem, "-1"), (.nuget, "1.0.0.0.0"), (.nuget, ""), (.nuget, "a"), (.nuget, "1.0-"), (.nuget, "v1.0"),
        (.composer, "foo"), (.composer, "1.0.0-gamma"), (.composer, ""), (.conan, ""), (.conan, "1 2"),
    ]

    @Test(arguments: invalid)
    func rejects(_ scheme: VersionScheme, _ version: String) {
        expectInvalid(scheme, version, against: "1.0.0")
    }

    @Test func composerBranchesHaveNoOrder() {
        expectInvalid(.composer, "dev-main", against: "1.0.0")
        #expect((try? VersionScheme.composer.compare("1.x-dev", "1.5.0")) == .greater)
        #expect(throws: VersionError.self) { try VersionScheme.composer.compare("dev-main", "dev-feature") }
    }
}
