import Testing

@testable import DrydockVersions

@Suite struct RPMVersionTests {
    static let ordered: [(String, String, VersionOrder)] = [
        // Epoch first; missing epoch is 0.
        ("1:1.0-1", "2.0-1", .greater), ("0:1.0-1", "1.0-1", .equal), ("2:1.0-1", "10:1.0-1", .less),
        // Digit segments numerically, leading zeros ignored; digits beat letters.
        ("1.10-1", "1.9-1", .greater), ("1.01-1", "1.1-1", .equal), ("1.0a-1", "1.0.1-1", .less),
        ("1.a-1", "1.1-1", .less), ("2.0-1", "2.0.0-1", .less),
        // Letter segments by bytes; separators only split.
        ("1.0a-1", "1.0b-1", .less), ("1.0_1-1", "1.0.1-1", .equal), ("1.0+1-1", "1.0.1-1", .equal),
        ("1.0-1.el8", "1.0-1.el8_7", .less), ("1.0-1.el8_7.1", "1.0-1.el8_7", .greater),
        ("5.72-1001.module_el8.1.0+6019+b22674e1", "5.72-1001.module_el8.1.0+6020+b22674e1", .less),
        // `~` sorts before everything, `^` after the end but before anything else.
        ("1.0~rc1-1", "1.0-1", .less), ("1.0~~-1", "1.0~-1", .less), ("1.0^1-1", "1.0-1", .greater),
        ("1.0^1-1", "1.0.1-1", .less), ("1.0^git1-1", "1.0^git2-1", .less), ("1.0~rc1^1-1", "1.0~rc1-1", .greater),
        // Release compares after version; a missing release sorts first (rpm.labelCompare).
        ("1.0-2", "1.0-10", .less), ("1.0", "1.0-1", .less), ("1.0", "1.0", .equal),
        ("3:2.4.6-1.el9", "3:2.4.6-1.el9", .equal),
    ]

    @Test(arguments: ordered)
    func compares(_ lhs: String, _ rhs: String, _ expected: VersionOrder) throws {
        try expectOrder(.rpm, lhs, rhs, expected)
    }

    @Test(arguments: ["", "a:1.0", ":1.0", "1.0-", "1:-1", "1.0 -1"])
    func rejects(_ version: String) {
        expectInvalid(.rpm, version, against: "1.0-1")
    }
}
