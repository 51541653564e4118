import Foundation
import Testing

@testable import DrydockModel

/// Release lifecycles: lookups by os-release ID and version, phases on injected days (never the clock).
@Suite("End of life")
struct EndOfLifeTests {
    /// Noon UTC on `day` (`YYYY-MM-DD`).
    static func date(_ day: String) throws -> Date {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return try #require(formatter.date(from: "\(day)T12:00:00Z"))
    }

    @Test(
        "versions find the longest known release prefix",
        arguments: [
            ("alpine", "3.10.4", "3.10"), ("alpine", "3.10", "3.10"), ("debian", "12.5", "12"), ("debian", "9", "9"),
            ("ubuntu", "22.04", "22.04"), ("rhel", "8.9", "8"), ("ol", "9.3", "9"), ("rocky", "9.3", "9"),
            ("almalinux", "8.10", "8"), ("amzn", "2", "2"), ("amzn", "2023", "2023"), ("amzn", "2018.03", "2018.03"),
            ("sles", "15.5", "15.5"), ("opensuse-leap", "15.6", "15.6"), ("photon", "3.0", "3.0"),
            ("mariner", "2.0", "2.0"), ("fedora", "39", "39"), ("centos", "7", "7"), ("Alpine", "3.18.4", "3.18"),
            ("alpine", "3.24.1", "3.24"), ("ubuntu", "14.10", "14.10"), ("ubuntu", "26.04", "26.04"),
            ("rhel", "10.1", "10"), ("almalinux", "10.0", "10"), ("rocky", "10.1", "10"), ("centos", "10", "10"),
            ("fedora", "44", "44"), ("sles", "16.0", "16.0"), ("sles", "15.1", "15.1"),
            ("opensuse-leap", "16.0", "16.0"), ("opensuse-leap", "15.0", "15.0"), ("photon", "4.0", "4.0"),
        ])
    func lookup(id: String, version: String, release: String) {
        #expect(EndOfLifeTable.vendors.lifecycle(id: id, version: version)?.release == release)
    }

    @Test(
        "rolling, testing and unknown releases have no entry",
        arguments: [
            ("alpine", "edge"), ("debian", "bookworm/sid"), ("wolfi", "20230201"), ("opensuse-tumbleweed", "20240101"),
            ("sles", "15"), ("ubuntu", "99.04"), ("alpine", ""), ("linuxmint", "21.2"),
            // No vendor end published yet (see EndOfLifeData.swift): no entry rather than a guess.
            ("photon", "5.0"), ("ol", "10.0"), ("azurelinux", "3.0"),
        ])
    func noEntry(id: String, version: String) {
        #expect(EndOfLifeTable.vendors.lifecycle(id: id, version: version) == nil)
    }

    @Test(
        "phase on a given day: the end date is the first day out of support",
        arguments: [
            ("alpine", "3.10.4", "2021-04-30", SupportPhase.standard),
            ("alpine", "3.10.4", "2021-05-01", SupportPhase.endOfLife),
            ("debian", "10.13", "2022-09-09", SupportPhase.standard),
            ("debian", "10.13", "2023-01-01", SupportPhase.extended),
            ("debian", "10.13", "2024-06-30", SupportPhase.endOfLife),
            ("ubuntu", "18.04", "2023-05-30", SupportPhase.standard),
            ("ubuntu", "18.04", "2024-01-01", SupportPhase.extended),
            ("ubuntu", "18.04", "2028-05-01", SupportPhase.endOfLife),
            ("ubuntu", "23.04", "2024-01-25", SupportPhase.endOfLife),
            ("rhel", "7.9", "2025-01-01", SupportPhase.extended),
            ("amzn", "2", "2026-07-01", SupportPhase.endOfLife),
            // Entries corrected against the vendors' pages on 2026-11-23.
            ("debian", "12.12", "2026-07-10", SupportPhase.standard),
            ("debian", "12.12", "2026-07-11", SupportPhase.extended),
            ("rhel", "8.10", "2033-01-01", SupportPhase.extended),
            ("rhel", "7.9", "2029-05-31", SupportPhase.endOfLife),
            ("ol", "9.4", "2035-01-01", SupportPhase.extended),
            ("almalinux", "8.10", "2029-04-01", SupportPhase.standard),
            ("photon", "3.0", "2025-01-01", SupportPhase.standard),
            ("photon", "3.0", "2025-10-02", SupportPhase.endOfLife),
            ("opensuse-leap", "15.4", "2023-12-07", SupportPhase.endOfLife),
            ("fedora", "42", "2026-05-27", SupportPhase.standard),
            ("fedora", "42", "2026-05-28", SupportPhase.endOfLife),
            ("ubuntu", "24.04", "2029-06-15", SupportPhase.standard),
            ("amzn", "2018.03", "2022-01-01", SupportPhase.extended),
            ("mariner", "1.0", "2023-08-15", SupportPhase.standard),
        ])
    func phase(id: String, version: String, day: String, expected: SupportPhase) throws {
        let os = OperatingSystem(family: .unknown, version: version, id: id)
        let support = try #require(EndOfLifeTable.vendors.support(of: os, on: try Self.date(day)))
        #expect(support.phase == expected)
        #expect(support.day == day)
        #expect(support.isEndOfLife == (expected == .endOfLife))
    }

    @Test("summaries name the release, the date and what it means")
    func summaries() throws {
        let alpine = OperatingSystem(family: .alpine, version: "3.10.4", id: "alpine")
        let eol = try #require(EndOfLifeTable.vendors.support(of: alpine, on: try Self.date("2026-11-23")))
        #expect(eol.summary == "alpine 3.10 is end of life since 2021-05-01: its packages get no more fixes")

        let ubuntu = OperatingSystem(family: .ubuntu, version: "20.04", id: "ubuntu")
        let esm = try #require(EndOfLifeTable.vendors.support(of: ubuntu, on: try Self.date("2026-11-23")))
        #expect(
            esm.summary
                == "ubuntu 20.04 standard support ended 2025-05-31: fixes come only with Ubuntu Pro (ESM) until 2030-04-30"
        )

        let debian = OperatingSystem(family: .debian, version: "11.9", id: "debian")
        let lts = try #require(EndOfLifeTable.vendors.support(of: debian, on: try Self.date("2025-01-01")))
        #expect(
            lts.summary == "debian 11 standard support ended 2024-08-14: fixes come through Debian LTS until 2026-08-31"
        )

        let fresh = try #require(EndOfLifeTable.vendors.support(of: alpine, on: try Self.date("2020-01-01")))
        #expect(fresh.summary == nil)
    }

    @Test("without an os-release ID the family names the distribution")
    func familyFallback() throws {
        let os = OperatingSystem(family: .alpine, version: "3.12.0")
        #expect(EndOfLifeTable.vendors.support(of: os, on: try Self.date("2023-01-01"))?.phase == .endOfLife)
    }

    @Test("a table is dated, and a later entry for the same release wins")
    func customTable() throws {
        let table = EndOfLifeTable(
            [
                ReleaseLifecycle(id: "x", release: "1", standardEnd: "2020-01-01"),
                ReleaseLifecycle(id: "x", release: "1", standardEnd: "2030-01-01"),
            ], checked: "2026-01-01")
        #expect(table.checked == "2026-01-01")
        #expect(table.lifecycle(id: "x", version: "1.2")?.standardEnd == "2030-01-01")
        #expect(EndOfLifeTable.day(try Self.date("2024-02-29")) == "2024-02-29")
        #expect(EndOfLifeTable.vendors.checked.count == 10)
    }

    @Test("every table date is a real YYYY-MM-DD day, extended ends follow standard ends, no entry is shadowed")
    func tableIsWellFormed() throws {
        let all = EndOfLifeTable.lifecycles
        for entry in all {
            for day in [entry.standardEnd, entry.extendedEnd].compactMap(\.self) {
                #expect(EndOfLifeTable.day(try Self.date(day)) == day, "\(entry.id) \(entry.release): \(day)")
            }
            if let extended = entry.extendedEnd {
                #expect(extended > entry.standardEnd, "\(entry.id) \(entry.release)")
                #expect(entry.extendedProgram != nil, "\(entry.id) \(entry.release)")
            }
            #expect(EndOfLifeTable.vendors.lifecycle(id: entry.id, version: entry.release) == entry)
        }
        #expect(Set(all.map { "\($0.id) \($0.release)" }).count == all.count)
        #expect(all.count >= 110)
    }

    /// Releases images still use, by os-release ID: each must have an entry.
    static let inUse: [(id: String, releases: [String])] = [
        ("alpine", (7...24).map { "3.\($0)" }), ("debian", (8...13).map(String.init)),
        (
            "ubuntu",
            [
                "14.04", "14.10", "15.04", "15.10", "16.04", "16.10", "17.04", "17.10", "18.04", "18.10", "19.04",
                "19.10", "20.04", "20.10", "21.04", "21.10", "22.04", "22.10", "23.04", "23.10", "24.04",
                "24.10", "25.04", "25.10", "26.04",
            ]
        ),
        ("rhel", ["7", "8", "9", "10"]), ("almalinux", ["8", "9", "10"]), ("rocky", ["8", "9", "10"]),
        ("ol", ["7", "8", "9"]), ("amzn", ["2018.03", "2", "2023"]), ("fedora", (38...43).map(String.init)),
        ("sles", ["12.5", "15.3", "15.4", "15.5", "15.6", "15.7"]),
        ("opensuse-leap", ["15.3", "15.4", "15.5", "15.6"]), ("photon", ["3.0", "4.0"]),
        ("mariner", ["1.0", "2.0"]),
    ]

    @Test("the releases images still use are all in the table", arguments: inUse)
    func coverage(id: String, releases: [String]) {
        for release in releases {
            #expect(EndOfLifeTable.vendors.lifecycle(id: id, version: release)?.release == release, "\(id) \(release)")
        }
    }
}
