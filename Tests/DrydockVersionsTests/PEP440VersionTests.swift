import Testing

@testable import DrydockVersions

@Suite struct PEP440VersionTests {
    static let ordered: [(String, String, VersionOrder)] = [
        // Epoch, then release with trailing zeros ignored.
        ("1!1.0", "2.0", .greater), ("0!1.0", "1.0", .equal), ("1.0", "1.0.0", .equal), ("1.2", "1.10", .less),
        // dev < a < b < rc < release < post; a dev release of a pre/post sorts below it.
        ("1.0.dev0", "1.0a0", .less), ("1.0a1", "1.0b1", .less), ("1.0b2", "1.0rc1", .less), ("1.0rc1", "1.0", .less),
        ("1.0", "1.0.post1", .less), ("1.0a1.dev1", "1.0a1", .less), ("1.0.post1.dev1", "1.0.post1", .less),
        ("1.0.post1.dev1", "1.0", .greater), ("1.0a1.post1", "1.0a2", .less), ("1.0a1.post1", "1.0a1", .greater),
        ("1.0.dev1", "1.0.dev2", .less), ("1.0rc1", "1.0c1", .equal),
        // Normalisation: spellings, separators, implicit numbers, case, v prefix, whitespace.
        ("1.0alpha1", "1.0a1", .equal), ("1.0-beta.2", "1.0b2", .equal), ("1.0pre1", "1.0rc1", .equal),
        ("1.0preview1", "1.0rc1", .equal), ("1.0a", "1.0a0", .equal), ("1.0-1", "1.0.post1", .equal),
        ("1.0rev2", "1.0.post2", .equal), ("1.0r", "1.0.post0", .equal), ("1.0_post_3", "1.0.post3", .equal),
        ("1.0.DEV", "1.0.dev0", .equal), ("V1.0", "1.0", .equal), (" 1.0\n", "1.0", .equal),
        ("1.0RC1", "1.0rc1", .equal), ("01.002", "1.2", .equal),
        // Local versions sort above the public version; numbers above strings; more segments higher.
        ("1.0+local", "1.0", .greater), ("1.0+1", "1.0+abc", .greater), ("1.0+abc.1", "1.0+abc", .greater),
        ("1.0+abc", "1.0+abd", .less), ("1.0+ABC", "1.0+abc", .equal), ("1.0+a-b_c", "1.0+a.b.c", .equal),
        ("1.0+2", "1.0+10", .less), ("1.0+local", "1.0.post1", .less),
    ]

    @Test(arguments: ordered)
    func compares(_ lhs: String, _ rhs: String, _ expected: VersionOrder) throws {
        try expectOrder(.pep440, lhs, rhs, expected)
    }

    @Test(arguments: [
        "", "1.0.", "a1.0", "1.0+", "1.0+a..b", "1.0-", "1.0 1", "1.0ab", "1..0", "1.0.post1.post2",
        "1.0dev1.a1", "1.0+a+b",
    ])
    func rejects(_ version: String) {
        expectInvalid(.pep440, version, against: "1.0")
    }
}
