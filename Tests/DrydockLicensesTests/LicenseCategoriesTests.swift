import DrydockLicenses
import DrydockModel
import Testing

@Suite struct LicenseCategoriesTests {
    static let defaults: [(String, LicenseFinding.Category)] = [
        ("MIT", .notice), ("Apache-2.0", .notice), ("BSD-3-Clause", .notice), ("Artistic-1.0-Perl", .notice),
        ("GPL-2.0-or-later", .restricted), ("GPL-3.0-only", .restricted), ("LGPL-2.1-or-later", .restricted),
        ("GPL-2.0-only WITH Classpath-exception-2.0", .restricted), ("Sleepycat", .restricted),
        ("AGPL-3.0-only", .forbidden), ("CC-BY-NC-4.0", .forbidden), ("WTFPL", .forbidden),
        ("MPL-2.0", .reciprocal), ("EPL-1.0", .reciprocal), ("Ruby", .reciprocal),
        ("CC0-1.0", .unencumbered), ("Unlicense", .unencumbered), ("0BSD", .unencumbered),
        ("LicenseRef-foo", .unknown), ("PSF-2.0", .unknown),
        // A family without a version takes its family's category when all its members share one.
        ("LicenseRef-GPL", .restricted), ("LicenseRef-LGPL", .restricted), ("LicenseRef-BSD", .notice),
        ("LicenseRef-Apache", .notice), ("LicenseRef-MPL", .reciprocal), ("LicenseRef-CC-BY", .unknown),
        // As packages write them: normalised first.
        ("GPLv2+", .restricted), ("Apache License 2.0", .notice), ("gpl-2.0", .restricted),
        // Expressions: AND the most restrictive, OR the least restrictive known choice.
        ("MIT OR GPL-2.0-only", .notice), ("MIT AND GPL-2.0-only", .restricted), ("MIT AND LicenseRef-x", .unknown),
        ("AGPL-3.0-only AND LicenseRef-x", .forbidden), ("MIT OR LicenseRef-x", .notice),
        ("(MIT OR AGPL-3.0-only) AND MPL-2.0", .reciprocal),
    ]

    @Test(arguments: defaults)
    func trivyDefaults(name: String, expected: LicenseFinding.Category) {
        #expect(LicenseCategories.trivyDefaults.category(of: name) == expected, "\(name)")
    }

    @Test func severities() {
        #expect(LicenseCategories.severity(of: .forbidden) == .critical)
        #expect(LicenseCategories.severity(of: .restricted) == .high)
        #expect(LicenseCategories.severity(of: .reciprocal) == .medium)
        #expect(LicenseCategories.severity(of: .notice) == .low)
        #expect(LicenseCategories.severity(of: .permissive) == .low)
        #expect(LicenseCategories.severity(of: .unencumbered) == .low)
        #expect(LicenseCategories.severity(of: .unknown) == .unknown)
    }

    @Test func configuredListsReplaceTheDefaults() {
        let categories = LicenseCategories(overrides: [
            .forbidden: ["mit", "LicenseRef-Proprietary"], .permissive: ["ISC"],
        ])
        #expect(categories.category(of: "MIT") == .forbidden)
        #expect(categories.category(of: "Proprietary") == .forbidden)
        // AGPL left the forbidden list and is in no other: unknown.
        #expect(categories.category(of: "AGPL-3.0-only") == .unknown)
        // A license in two lists: the more restrictive list wins (ISC stays notice).
        #expect(categories.category(of: "ISC") == .notice)
        #expect(categories.category(of: "GPL-2.0-or-later") == .restricted)
    }
}
