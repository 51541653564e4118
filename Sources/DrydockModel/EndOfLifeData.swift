extension EndOfLifeTable {
    /// Release lifecycles as the vendors publish them, checked on the date in `checked`.
    ///
    /// Sources (facts, not text): alpinelinux.org/releases (end of support of `main`), wiki.debian.org/LTS and
    /// debian.org/releases (security support, then Debian LTS), ubuntu.com/about/release-cycle (standard
    /// support, then Ubuntu Pro ESM; months only, recorded at the month's last day), Red Hat's "Red Hat
    /// Enterprise Linux Life Cycle" (maintenance end, then ELS), centos.org, almalinux.org and rockylinux.org
    /// release pages, Oracle's Linux support policy (premier, then extended), Amazon Linux FAQs, Fedora's
    /// schedule, SUSE's product lifecycle (general, then LTSS), openSUSE Leap's lifetime page, Photon OS and
    /// CBL-Mariner lifecycle announcements. Rolling distributions (Alpine edge, openSUSE Tumbleweed, Wolfi,
    /// Chainguard, Fedora Rawhide) have no end and no entry. CentOS 8 and CentOS Stream 8 share `ID=centos`
    /// and `VERSION_ID=8`; the later Stream date is used so neither is flagged early.
    public static let vendors = EndOfLifeTable(
        entries, checked: "2026-11-23")

    private typealias Pair = (release: String, end: String)
    private typealias Triple = (release: String, standardEnd: String, extendedEnd: String)

    private static func standard(_ id: String, _ pairs: [Pair]) -> [ReleaseLifecycle] {
        pairs.map { ReleaseLifecycle(id: id, release: $0.release, standardEnd: $0.end) }
    }

    private static func extended(_ id: String, _ program: String, free: Bool = false, _ triples: [Triple])
        -> [ReleaseLifecycle]
    {
        triples.map {
            ReleaseLifecycle(
                id: id, release: $0.release, standardEnd: $0.standardEnd, extendedEnd: $0.extendedEnd,
                extendedProgram: program, extendedNeedsSubscription: !free)
        }
    }

    private static var entries: [ReleaseLifecycle] {
        var all: [ReleaseLifecycle] = []
        let alpine: [Pair] = [
            ("3.0", "2016-05-01"), ("3.1", "2016-11-01"), ("3.2", "2017-05-01"), ("3.3", "2017-11-01"),
            ("3.4", "2018-05-01"), ("3.5", "2018-11-01"), ("3.6", "2019-05-01"), ("3.7", "2019-11-01"),
            ("3.8", "2020-05-01"), ("3.9", "2020-11-01"), ("3.10", "2021-05-01"), ("3.11", "2021-11-01"),
            ("3.12", "2022-05-01"), ("3.13", "2022-11-01"), ("3.14", "2023-05-01"), ("3.15", "2023-11-01"),
            ("3.16", "2024-05-23"), ("3.17", "2024-11-22"), ("3.18", "2025-05-09"), ("3.19", "2025-11-01"),
            ("3.20", "2026-04-01"), ("3.21", "2026-11-01"), ("3.22", "2027-05-01"), ("3.23", "2027-11-01"),
        ]
        all += standard("alpine", alpine)
        let debian: [Triple] = [
            ("6", "2014-05-31", "2016-02-29"), ("7", "2016-04-25", "2018-05-31"), ("8", "2018-06-17", "2020-06-30"),
            ("9", "2020-07-06", "2022-06-30"), ("10", "2022-09-10", "2024-06-30"),
            ("11", "2024-08-14", "2026-08-31"), ("12", "2026-06-10", "2028-06-30"),
            ("13", "2028-08-09", "2030-06-30"),
        ]
        all += extended("debian", "Debian LTS", free: true, debian)
        let ubuntuLTS: [Triple] = [
            ("12.04", "2017-04-28", "2019-04-30"), ("14.04", "2019-04-25", "2024-04-30"),
            ("16.04", "2021-04-30", "2026-04-30"), ("18.04", "2023-05-31", "2028-04-30"),
            ("20.04", "2025-05-31", "2030-04-30"), ("22.04", "2027-06-30", "2032-04-30"),
            ("24.04", "2029-05-31", "2034-04-30"),
        ]
        all += extended("ubuntu", "Ubuntu Pro (ESM)", ubuntuLTS)
        let ubuntuInterim: [Pair] = [
            ("18.10", "2019-07-18"), ("19.04", "2020-01-23"), ("19.10", "2020-07-17"), ("20.10", "2021-07-22"),
            ("21.04", "2022-01-20"), ("21.10", "2022-07-14"), ("22.10", "2023-07-20"), ("23.04", "2024-01-25"),
            ("23.10", "2024-07-11"), ("24.10", "2025-07-10"), ("25.04", "2026-01-15"),
        ]
        all += standard("ubuntu", ubuntuInterim)
        let rhel: [Triple] = [
            ("6", "2020-11-30", "2024-06-30"), ("7", "2024-06-30", "2028-06-30"), ("8", "2029-05-31", "2032-05-31"),
            ("9", "2032-05-31", "2035-05-31"),
        ]
        all += extended("rhel", "Red Hat ELS", rhel)
        all += standard("centos", [("6", "2020-11-30"), ("7", "2024-06-30"), ("8", "2024-05-31"), ("9", "2027-05-31")])
        all += standard("almalinux", [("8", "2029-03-01"), ("9", "2032-05-31")])
        all += standard("rocky", [("8", "2029-05-31"), ("9", "2032-05-31")])
        let oracle: [Triple] = [
            ("6", "2021-03-31", "2024-12-31"), ("7", "2024-12-31", "2028-06-30"), ("8", "2029-07-31", "2032-07-31"),
            ("9", "2032-06-30", "2034-06-30"),
        ]
        all += extended("ol", "Oracle Extended Support", oracle)
        all += standard("amzn", [("2018.03", "2023-12-31"), ("2", "2026-06-30")])
        all += extended(
            "amzn", "Amazon Linux 2023 maintenance support", free: true, [("2023", "2027-06-30", "2029-06-30")])
        let fedora: [Pair] = [
            ("35", "2022-12-13"), ("36", "2023-05-16"), ("37", "2023-12-05"), ("38", "2024-05-21"),
            ("39", "2024-11-26"), ("40", "2025-05-13"), ("41", "2025-12-15"),
        ]
        all += standard("fedora", fedora)
        let sles: [Triple] = [
            ("12.5", "2024-10-31", "2027-10-31"), ("15.3", "2022-12-31", "2025-12-31"),
            ("15.4", "2023-12-31", "2026-12-31"), ("15.5", "2024-12-31", "2027-12-31"),
            ("15.6", "2025-12-31", "2028-12-31"), ("15.7", "2031-07-31", "2034-07-31"),
        ]
        all += extended("sles", "SUSE LTSS", sles)
        let leap: [Pair] = [
            ("15.3", "2022-12-31"), ("15.4", "2023-12-31"), ("15.5", "2024-12-31"), ("15.6", "2026-04-30"),
        ]
        all += standard("opensuse-leap", leap)
        all += standard("photon", [("1.0", "2022-02-28"), ("2.0", "2022-12-31"), ("3.0", "2024-03-01")])
        all += standard("mariner", [("1.0", "2023-07-31"), ("2.0", "2025-07-31")])
        return all
    }
}
