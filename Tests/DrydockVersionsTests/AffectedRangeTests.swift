import DrydockModel
import Testing

@testable import DrydockVersions

@Suite struct AffectedRangeTests {
    static func package(_ events: [RangeEvent], versions: [String] = [], kind: AffectedRange.Kind = .ecosystem)
        -> AffectedPackage
    {
        AffectedPackage(
            advisoryID: "TEST-1", namespace: "PyPI", packageName: "demo",
            ranges: events.isEmpty ? [] : [AffectedRange(kind: kind, events: events)], versions: versions)
    }

    static let cases: [([RangeEvent], String, Bool, [String])] = [
        // introduced/fixed pair: affected from introduced up to (not including) fixed.
        ([.introduced("1.0"), .fixed("1.5")], "0.9", false, []),
        ([.introduced("1.0"), .fixed("1.5")], "1.0", true, ["1.5"]),
        ([.introduced("1.0"), .fixed("1.5")], "1.4.9", true, ["1.5"]),
        ([.introduced("1.0"), .fixed("1.5")], "1.5", false, []),
        ([.introduced("1.0"), .fixed("1.5")], "2.0", false, []),
        // introduced 0 is the beginning, whatever the scheme.
        ([.introduced("0"), .fixed("1.5")], "0.0.1", true, ["1.5"]),
        ([.introduced("0"), .fixed("1.5")], "1.5rc1", true, ["1.5"]),
        // Events are evaluated in version order, not in the order listed.
        ([.fixed("2.5"), .introduced("2.0"), .fixed("1.5"), .introduced("1.0")], "1.2", true, ["1.5"]),
        ([.fixed("2.5"), .introduced("2.0"), .fixed("1.5"), .introduced("1.0")], "1.7", false, []),
        ([.fixed("2.5"), .introduced("2.0"), .fixed("1.5"), .introduced("1.0")], "2.1", true, ["2.5"]),
        ([.fixed("2.5"), .introduced("2.0"), .fixed("1.5"), .introduced("1.0")], "3.0", false, []),
        // last_affected includes its own version; no fix is known.
        ([.introduced("1.0"), .lastAffected("1.4")], "1.4", true, []),
        ([.introduced("1.0"), .lastAffected("1.4")], "1.4.1", false, []),
        ([.introduced("0"), .lastAffected("1.4")], "0.1", true, []),
        // limit bounds the range from above without being a fix.
        ([.introduced("1.0"), .limit("2.0")], "1.9", true, []),
        ([.introduced("1.0"), .limit("2.0")], "2.0", false, []),
        ([.introduced("1.0"), .limit("*")], "9.0", true, []),
        // introduced only: open-ended.
        ([.introduced("1.0")], "99", true, []),
        // Comparison is by the scheme, not by text: 1.10 > 1.9.
        ([.introduced("1.2"), .fixed("1.10")], "1.9", true, ["1.10"]),
    ]

    @Test(arguments: cases)
    func evaluates(_ events: [RangeEvent], _ version: String, _ affected: Bool, _ fixes: [String]) throws {
        let package = Self.package(events)
        #expect(try package.affects(version, scheme: .pep440) == affected)
        #expect(try package.fixedVersions(for: version, scheme: .pep440) == fixes)
    }

    @Test func listedVersionsWithRangesMatchBySchemeToo() throws {
        // gevent's PYSEC-2023-177 lists `23.9.0` beside a range fixed in `23.9.0`: `23.9` is that release.
        let package = Self.package([.introduced("5.0"), .fixed("6.0")], versions: ["1.0", "0!7.0", "09.1"])
        #expect(try package.affects("1.0", scheme: .pep440))
        #expect(try package.affects("5.5", scheme: .pep440))
        #expect(try package.affects("1.0.0", scheme: .pep440))
        #expect(try package.affects("7.0", scheme: .pep440))
        #expect(try package.affects("9.1.0", scheme: .pep440))
        #expect(try !package.affects("1.0.1", scheme: .pep440))
        #expect(try !package.affects("10.0", scheme: .pep440))
    }

    @Test(arguments: [
        ("1.0", "1", true), ("v01.2", "1", true), ("0.5", "0", true), ("00.1", "0", true), ("12.0", "1", false),
        ("1.0", "12", false), ("abc", "", true), ("abc", "0", false), ("0.1", "", false),
    ])
    func leadingNumberPrefilter(text: String, lead: String, same: Bool) {
        #expect(AffectedPackage.hasLeadingNumber(Array(lead.utf8), text) == same)
        #expect((AffectedPackage.leadingNumber(text) == lead) == same)
    }

    @Test func listedVersionsMatchExactlyOrByScheme() throws {
        let package = Self.package([], versions: ["1.0", "2.0.post1"])
        #expect(try package.affects("1.0", scheme: .pep440))
        #expect(try package.affects("1.0.0", scheme: .pep440))
        #expect(try package.affects("2.0-1", scheme: .pep440))
        #expect(try !package.affects("2.0", scheme: .pep440))
    }

    @Test func invalidVersionsThrow() {
        let package = Self.package([.introduced("1.0"), .fixed("2.0")])
        #expect(throws: VersionError.self) { try package.affects("not a version", scheme: .pep440) }
        let broken = Self.package([.introduced("1.0"), .fixed("2.0 beta")])
        #expect(throws: VersionError.self) { try broken.affects("1.5", scheme: .pep440) }
    }

    @Test func anAffectingRangeWinsOverABrokenOne() throws {
        let package = AffectedPackage(
            advisoryID: "TEST-2", namespace: "PyPI", packageName: "demo",
            ranges: [
                AffectedRange(kind: .ecosystem, events: [.introduced("0"), .fixed("bad version!")]),
                AffectedRange(kind: .ecosystem, events: [.introduced("1.0"), .fixed("1.2")]),
            ])
        #expect(try package.affects("1.1", scheme: .pep440))
        #expect(try package.fixedVersions(for: "1.1", scheme: .pep440) == ["1.2"])
    }

    @Test func semverRangesUseTheEcosystemDialect() throws {
        let go = Self.package([.introduced("0"), .fixed("1.2.4")], kind: .semver)
        #expect(try go.affects("v1.2.3", scheme: .go))
        #expect(try go.affects("v1.2.4-0.20191109021931-daa7c04131f5", scheme: .go))
        #expect(try !go.affects("v1.2.4", scheme: .go))
        let python = Self.package([.introduced("0"), .fixed("1.2.4")], kind: .semver)
        #expect(try python.affects("1.2.3", scheme: .pep440))
    }
}
