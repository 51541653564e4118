import DrydockModel
import Foundation
import Testing

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
        ])
    func lookup(id: String, version: String, release: String) {
        #expect(EndOfLifeTable.vendors.lifecycle(id: id, version: version)?.release == release)
    }

    @Test(
        "rolling, testing and unknown releases have no entry",
        arguments: [
            ("alpine", "edge"), ("debian", "bookworm/sid"), ("wolfi", "20230201"), ("opensuse-tumbleweed", "20240101"),
            ("sles", "15"), ("ubuntu", "99.04"), ("alpine", ""), ("linuxmint", "21.2"),
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

    @Test("every table date is a real YYYY-MM-DD day and extended ends follow standard ends")
    func tableIsWellFormed() throws {
        let ids = [
            "alpine", "debian", "ubuntu", "rhel", "centos", "almalinux", "rocky", "ol", "amzn", "fedora", "sles",
            "opensuse-leap", "photon", "mariner",
        ]
        let releases = [
            "3.0", "3.10", "3.23", "6", "7", "8", "9", "10", "11", "12", "13", "14.04", "16.04", "18.04", "20.04",
            "22.04", "24.04", "23.10", "2", "2023", "2018.03", "39", "41", "12.5", "15.5", "15.7", "1.0", "2.0", "3.0",
        ]
        var found = 0
        for id in ids {
            for release in releases {
                guard let entry = EndOfLifeTable.vendors.lifecycle(id: id, version: release),
                    entry.release == release
                else { continue }
                found += 1
                for day in [entry.standardEnd, entry.extendedEnd].compactMap(\.self) {
                    let round = EndOfLifeTable.day(try Self.date(day))
                    #expect(round == day, "\(id) \(release): \(day)")
                }
                if let extended = entry.extendedEnd { #expect(extended > entry.standardEnd) }
            }
        }
        #expect(found >= 50)
    }
}
