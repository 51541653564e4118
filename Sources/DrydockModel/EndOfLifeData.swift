extension EndOfLifeTable {
    /// Release lifecycles as the vendors publish them, checked on the date in `checked`.
    ///
    /// Every family below names the pages its dates were checked against (facts, not text) on 2026-11-23,
    /// mostly through endoflife.date's data (snapshot of 2026-08-22, whose entries link the vendor pages)
    /// and stored copies of the vendor pages themselves. Dates marked "unconfirmed" could not be matched to
    /// a vendor statement. A date is the day the vendor gives as the end; a vendor that publishes only a
    /// month is recorded at the month's last day; where sources disagree the later date is used, so a
    /// release is never flagged early. Rolling distributions (Alpine edge, openSUSE Tumbleweed, Wolfi,
    /// Chainguard, Fedora Rawhide) have no end and no entry; neither have releases whose vendor has not
    /// published an end yet (Photon OS 5.0, Oracle Linux 10, Azure Linux 3.0).
    public static let vendors = EndOfLifeTable(lifecycles, checked: "2026-11-23")

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

    /// Every entry of `vendors`, family by family.
    static var lifecycles: [ReleaseLifecycle] {
        alpine + debian + ubuntu + redHatFamily + amazon + fedora + suse + photon + mariner
    }

    /// alpinelinux.org/releases (end of support of `main`) and the release posts
    /// alpinelinux.org/posts/Alpine-3.x.0-released.html, as endoflife.date/alpine links them, checked 2026-11-23.
    /// 3.24 (released 2026-06-09): 2028-06-01 from endoflife.date only, unconfirmed against alpinelinux.org.
    private static var alpine: [ReleaseLifecycle] {
        standard(
            "alpine",
            [
                ("3.0", "2016-05-01"), ("3.1", "2016-11-01"), ("3.2", "2017-05-01"), ("3.3", "2017-11-01"),
                ("3.4", "2018-05-01"), ("3.5", "2018-11-01"), ("3.6", "2019-05-01"), ("3.7", "2019-11-01"),
                ("3.8", "2020-05-01"), ("3.9", "2020-11-01"), ("3.10", "2021-05-01"), ("3.11", "2021-11-01"),
                ("3.12", "2022-05-01"), ("3.13", "2022-11-01"), ("3.14", "2023-05-01"), ("3.15", "2023-11-01"),
                ("3.16", "2024-05-23"), ("3.17", "2024-11-22"), ("3.18", "2025-05-09"), ("3.19", "2025-11-01"),
                ("3.20", "2026-04-01"), ("3.21", "2026-11-01"), ("3.22", "2027-05-01"), ("3.23", "2027-11-01"),
                ("3.24", "2028-06-01"),
            ])
    }

    /// debian.org/releases, wiki.debian.org/LTS and the Debian LTS announcements (debian.org/News, e.g. the
    /// 2024 buster end-of-life / bullseye hand-over notice), checked 2026-11-23. 9: security support ended
    /// 2020-07-06. 10: security support until the last point release 2022-09-10. 12: announced as 2026-06-10,
    /// then run to the last point release on 2026-07-11 (debian.org/News/2026/2026051602 via endoflife.date;
    /// debian.club agrees); the later day is used. 13: 2028-08-09 and LTS to 2030-06-30 are scheduled.
    private static var debian: [ReleaseLifecycle] {
        extended(
            "debian", "Debian LTS", free: true,
            [
                ("6", "2014-05-31", "2016-02-29"), ("7", "2016-04-25", "2018-05-31"),
                ("8", "2018-06-17", "2020-06-30"), ("9", "2020-07-06", "2022-06-30"),
                ("10", "2022-09-10", "2024-06-30"), ("11", "2024-08-14", "2026-08-31"),
                ("12", "2026-07-11", "2028-06-30"), ("13", "2028-08-09", "2030-06-30"),
            ])
    }

    /// ubuntu.com/about/release-cycle (months; recorded at the month's last day) and the ubuntu-announce
    /// end-of-life notices (exact days), checked 2026-11-23. LTS: standard support, then Ubuntu Pro ESM
    /// (10 years; the Legacy add-on beyond that is not counted). Standard ends of 22.04, 24.04 and 26.04
    /// are unconfirmed: copies of Ubuntu's table disagree (April in 2024 copies, May, then June in Alibaba
    /// Cloud's 2026 copy of it); the latest, June of the fifth year, is used. Interim days from the
    /// end-of-life notices; 19.10: 2020-07-17 (the notice; endoflife.date says 2020-07-06); 25.10 and
    /// 26.10: "July" only, day unconfirmed.
    private static var ubuntu: [ReleaseLifecycle] {
        let lts = extended(
            "ubuntu", "Ubuntu Pro (ESM)",
            [
                ("12.04", "2017-04-28", "2019-04-30"), ("14.04", "2019-04-30", "2024-04-30"),
                ("16.04", "2021-04-30", "2026-04-30"), ("18.04", "2023-05-31", "2028-04-30"),
                ("20.04", "2025-05-31", "2030-04-30"), ("22.04", "2027-06-30", "2032-04-30"),
                ("24.04", "2029-06-30", "2034-04-30"), ("26.04", "2031-06-30", "2036-04-30"),
            ])
        let interim = standard(
            "ubuntu",
            [
                ("14.10", "2015-07-23"), ("15.04", "2016-02-04"), ("15.10", "2016-07-28"), ("16.10", "2017-07-20"),
                ("17.04", "2018-01-13"), ("17.10", "2018-07-19"), ("18.10", "2019-07-18"), ("19.04", "2020-01-23"),
                ("19.10", "2020-07-17"), ("20.10", "2021-07-22"), ("21.04", "2022-01-20"), ("21.10", "2022-07-14"),
                ("22.10", "2023-07-20"), ("23.04", "2024-01-25"), ("23.10", "2024-07-11"), ("24.10", "2025-07-10"),
                ("25.04", "2026-01-15"), ("25.10", "2026-07-31"), ("26.10", "2027-07-31"),
            ])
        return lts + interim
    }

    /// RHEL and UBI (`ID=rhel`): access.redhat.com/support/policy/updates/errata and Red Hat's product
    /// life-cycle data (maintenance support end, then the ELS add-on), as endoflife.date/rhel retrieves it,
    /// checked 2026-11-23. ELS was extended: RHEL 7 from 2028-06-30 (Red Hat's 2023 "4 years of ELS" post)
    /// to 2029-05-31, RHEL 8/9/10 by a year in July 2026. CentOS (`ID=centos`, CentOS Linux 6/7, CentOS
    /// Stream 8/9/10): centos.org; CentOS 8 and Stream 8 share `VERSION_ID=8`, so the later Stream date is
    /// used; Stream 10: 2030-05-31 per endoflife.date, unconfirmed (2030-01-01 is also published).
    /// AlmaLinux: almalinux.org (8 corrected to RHEL's 2029-05-31 by AlmaLinux in May 2026; it was
    /// 2029-03-01). Rocky: wiki.rockylinux.org/rocky/version (8, 9); 10 from endoflife.date, unconfirmed.
    /// Oracle Linux: Oracle's Lifetime Support Policy (elsp-lifetime-069338.pdf; premier, then extended
    /// support; months), as endoflife.date/oracle-linux and its issue #5047 quote it; 10 has no dates yet.
    private static var redHatFamily: [ReleaseLifecycle] {
        let rhel = extended(
            "rhel", "Red Hat ELS",
            [
                ("6", "2020-11-30", "2024-06-30"), ("7", "2024-06-30", "2029-05-31"),
                ("8", "2029-05-31", "2033-05-31"), ("9", "2032-05-31", "2036-05-31"),
                ("10", "2035-05-31", "2039-05-31"),
            ])
        let centos = standard(
            "centos",
            [("6", "2020-11-30"), ("7", "2024-06-30"), ("8", "2024-05-31"), ("9", "2027-05-31"), ("10", "2030-05-31")])
        let alma = standard("almalinux", [("8", "2029-05-31"), ("9", "2032-05-31"), ("10", "2035-05-31")])
        let rocky = standard("rocky", [("8", "2029-05-31"), ("9", "2032-05-31"), ("10", "2035-05-31")])
        let oracle = extended(
            "ol", "Oracle Extended Support",
            [
                ("6", "2021-03-31", "2024-12-31"), ("7", "2024-12-31", "2028-06-30"),
                ("8", "2029-07-31", "2032-07-31"), ("9", "2032-06-30", "2035-06-30"),
            ])
        return rhel + centos + alma + rocky + oracle
    }

    /// aws.amazon.com/amazon-linux-ami/faqs, aws.amazon.com/amazon-linux-2/faqs and the Amazon Linux 2023
    /// FAQ, checked 2026-11-23 (AL2 was checked earlier by this table's author). Amazon Linux AMI
    /// (`VERSION_ID=2018.03`): standard support to 2020-12-31, then maintenance support (critical and
    /// important fixes for everyone) to 2023-12-31; AL2: 2026-06-30; AL2023: standard to 2027-06-30, then
    /// maintenance support to 2029-06-30.
    private static var amazon: [ReleaseLifecycle] {
        extended(
            "amzn", "Amazon Linux maintenance support", free: true,
            [("2018.03", "2020-12-31", "2023-12-31"), ("2023", "2027-06-30", "2029-06-30")])
            + standard("amzn", [("2", "2026-06-30")])
    }

    /// docs.fedoraproject.org/en-US/releases/eol and the release schedules (end of life one month after the
    /// second next release), as endoflife.date/fedora records them, checked 2026-11-23. 42 ended a day
    /// late, on 2026-05-28 (scheduled 2026-05-27); 43 (2026-12-09) and 44 (2027-06-02) are scheduled.
    private static var fedora: [ReleaseLifecycle] {
        standard(
            "fedora",
            [
                ("35", "2022-12-13"), ("36", "2023-05-16"), ("37", "2023-12-05"), ("38", "2024-05-21"),
                ("39", "2024-11-26"), ("40", "2025-05-13"), ("41", "2025-12-15"), ("42", "2026-05-28"),
                ("43", "2026-12-09"), ("44", "2027-06-02"),
            ])
    }

    /// SLES (`ID=sles`, also SLE BCI images): suse.com/lifecycle (general support, then LTSS; months), as
    /// endoflife.date/sles records it, checked 2026-11-23; 16.0 (general 2027-11-30, LTSS 2030-11-30) from
    /// endoflife.date only, unconfirmed against suse.com. openSUSE Leap: en.opensuse.org/Lifetime and
    /// en.opensuse.org/openSUSE:Roadmap (15.6 extended to 2026-04-30; Leap 16.x gets 24 months each,
    /// 16.0 to 2027-10-31), earlier releases from their release notes via endoflife.date/opensuse.
    private static var suse: [ReleaseLifecycle] {
        let sles = extended(
            "sles", "SUSE LTSS",
            [
                ("12.5", "2024-10-31", "2027-10-31"), ("15.1", "2021-01-31", "2024-01-31"),
                ("15.2", "2021-12-31", "2024-12-31"), ("15.3", "2022-12-31", "2025-12-31"),
                ("15.4", "2023-12-31", "2026-12-31"), ("15.5", "2024-12-31", "2027-12-31"),
                ("15.6", "2025-12-31", "2028-12-31"), ("15.7", "2031-07-31", "2034-07-31"),
                ("16.0", "2027-11-30", "2030-11-30"),
            ])
        let leap = standard(
            "opensuse-leap",
            [
                ("15.0", "2019-12-03"), ("15.1", "2021-02-02"), ("15.2", "2022-01-04"), ("15.3", "2022-12-31"),
                ("15.4", "2023-12-07"), ("15.5", "2024-12-31"), ("15.6", "2026-04-30"), ("16.0", "2027-10-31"),
            ])
        return sles + leap
    }

    /// Photon OS: blogs.vmware.com (1.x end of support 2022-02-28) and the dates a Broadcom maintainer set in
    /// endoflife.date (PR #9025, aligned with vSphere 7/8: 3.0 to 2025-10-02, 4.0 to 2027-10-11), checked
    /// 2026-11-23. 2.0: 2022-12-31 unconfirmed (endoflife.date says 2022-12-01; no vendor notice found).
    private static var photon: [ReleaseLifecycle] {
        standard(
            "photon",
            [("1.0", "2022-02-28"), ("2.0", "2022-12-31"), ("3.0", "2025-10-02"), ("4.0", "2027-10-11")])
    }

    /// CBL-Mariner (`ID=mariner`): github.com/microsoft/azurelinux issues #6306 (1.0 end of life) and #13555
    /// (2.0 "June 2025"), Azure CLI's and .NET's container notices (1.0 moved to 2023-08-31; 2.0 "July
    /// 2025"), checked 2026-11-23; the later month's last day is used. Azure Linux 3.0 (`ID=azurelinux`)
    /// has no published end.
    private static var mariner: [ReleaseLifecycle] {
        standard("mariner", [("1.0", "2023-08-31"), ("2.0", "2025-07-31")])
    }
}
