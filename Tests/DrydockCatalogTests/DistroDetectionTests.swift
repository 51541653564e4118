import DrydockModel
import DrydockTestSupport
import Foundation
import Testing

@testable import DrydockCatalog

/// One distribution's release files and what must be recognised from them.
struct DistroSample: Sendable, CustomStringConvertible {
    var title: String
    var osRelease: String?
    var legacy: [String: String] = [:]
    var family: OSFamily
    var version: String
    var advisoryRelease: String
    var id: String

    var description: String { title }

    var files: OSReleaseFiles {
        OSReleaseFiles(osRelease: osRelease.map { Array($0.utf8) }, legacy: legacy.mapValues { Array($0.utf8) })
    }
}

@Suite("Detecting every supported distribution")
struct DistroDetectionTests {
    static func osRelease(_ id: String, _ version: String, _ pretty: String = "") -> String {
        "NAME=\"x\"\nID=\"\(id)\"\nVERSION_ID=\"\(version)\"\nPRETTY_NAME=\"\(pretty)\"\n"
    }

    static let fromOSRelease: [DistroSample] = [
        .init(
            title: "RHEL UBI 9", osRelease: osRelease("rhel", "9.3", "Red Hat Enterprise Linux 9.3 (Plow)"),
            family: .redhat, version: "9.3", advisoryRelease: "9", id: "rhel"),
        .init(
            title: "CentOS 7 with its centos-release", osRelease: osRelease("centos", "7"),
            legacy: ["etc/centos-release": "CentOS Linux release 7.9.2009 (Core)\n"], family: .centos,
            version: "7.9.2009", advisoryRelease: "7", id: "centos"),
        .init(
            title: "CentOS Stream 9", osRelease: osRelease("centos", "9"), family: .centos, version: "9",
            advisoryRelease: "9", id: "centos"),
        .init(
            title: "Rocky Linux 9", osRelease: osRelease("rocky", "9.3"), family: .rocky, version: "9.3",
            advisoryRelease: "9", id: "rocky"),
        .init(
            title: "AlmaLinux 8", osRelease: osRelease("almalinux", "8.9"), family: .alma, version: "8.9",
            advisoryRelease: "8", id: "almalinux"),
        .init(
            title: "Oracle Linux 9", osRelease: osRelease("ol", "9.3"), family: .oracle, version: "9.3",
            advisoryRelease: "9", id: "ol"),
        .init(
            title: "Amazon Linux 2", osRelease: osRelease("amzn", "2"), family: .amazon, version: "2",
            advisoryRelease: "2", id: "amzn"),
        .init(
            title: "Amazon Linux 2023", osRelease: osRelease("amzn", "2023"), family: .amazon, version: "2023",
            advisoryRelease: "2023", id: "amzn"),
        .init(
            title: "Amazon Linux 1", osRelease: osRelease("amzn", "2018.03"), family: .amazon, version: "2018.03",
            advisoryRelease: "1", id: "amzn"),
        .init(
            title: "Fedora 40", osRelease: osRelease("fedora", "40"), family: .fedora, version: "40",
            advisoryRelease: "40", id: "fedora"),
        .init(
            title: "SLES 15 SP5 (and the BCI images)", osRelease: osRelease("sles", "15.5"), family: .sles,
            version: "15.5", advisoryRelease: "15.5", id: "sles"),
        .init(
            title: "SLE Micro 5.5", osRelease: osRelease("sle-micro", "5.5"), family: .sleMicro, version: "5.5",
            advisoryRelease: "5.5", id: "sle-micro"),
        .init(
            title: "SLE Micro for Rancher", osRelease: osRelease("sle-micro-rancher", "5.4"), family: .sleMicro,
            version: "5.4", advisoryRelease: "5.4", id: "sle-micro-rancher"),
        .init(
            title: "SUSE Linux Micro 6.0", osRelease: osRelease("sl-micro", "6.0"), family: .sleMicro,
            version: "6.0", advisoryRelease: "6.0", id: "sl-micro"),
        .init(
            title: "openSUSE Leap 15.5", osRelease: osRelease("opensuse-leap", "15.5"), family: .openSUSELeap,
            version: "15.5", advisoryRelease: "15.5", id: "opensuse-leap"),
        .init(
            title: "openSUSE Tumbleweed", osRelease: osRelease("opensuse-tumbleweed", "20240101"),
            family: .openSUSETumbleweed, version: "20240101", advisoryRelease: "20240101", id: "opensuse-tumbleweed"),
        .init(
            title: "Photon OS 5", osRelease: osRelease("photon", "5.0"), family: .photon, version: "5.0",
            advisoryRelease: "5.0", id: "photon"),
        .init(
            title: "CBL-Mariner 2", osRelease: osRelease("mariner", "2.0"), family: .cblMariner, version: "2.0",
            advisoryRelease: "2.0", id: "mariner"),
        .init(
            title: "Azure Linux 3", osRelease: osRelease("azurelinux", "3.0"), family: .azureLinux, version: "3.0",
            advisoryRelease: "3.0", id: "azurelinux"),
        .init(
            title: "Wolfi", osRelease: osRelease("wolfi", "20230201"), family: .wolfi, version: "20230201",
            advisoryRelease: "20230201", id: "wolfi"),
        .init(
            title: "Chainguard", osRelease: osRelease("chainguard", "20230214"), family: .chainguard,
            version: "20230214", advisoryRelease: "20230214", id: "chainguard"),
        .init(
            title: "Ubuntu 22.04", osRelease: osRelease("ubuntu", "22.04"), family: .ubuntu, version: "22.04",
            advisoryRelease: "22.04", id: "ubuntu"),
        .init(
            title: "an ID_LIKE derivative stays unknown",
            osRelease: osRelease("eurolinux", "9.3") + "ID_LIKE=\"rhel\"\n",
            family: .unknown, version: "9.3", advisoryRelease: "9.3", id: "eurolinux"),
    ]

    static let fromVendorFiles: [DistroSample] = [
        .init(
            title: "RHEL 7 redhat-release",
            legacy: ["etc/redhat-release": "Red Hat Enterprise Linux Server release 7.9 (Maipo)\n"], family: .redhat,
            version: "7.9", advisoryRelease: "7", id: "rhel"),
        .init(
            title: "CentOS 6 centos-release and redhat-release",
            legacy: [
                "etc/centos-release": "CentOS release 6.10 (Final)\n",
                "etc/redhat-release": "CentOS release 6.10 (Final)\n",
            ], family: .centos, version: "6.10", advisoryRelease: "6", id: "centos"),
        .init(
            title: "Oracle Linux 7, whose redhat-release names Red Hat",
            legacy: [
                "etc/oracle-release": "Oracle Linux Server release 7.9\n",
                "etc/redhat-release": "Red Hat Enterprise Linux Server release 7.9 (Maipo)\n",
            ], family: .oracle, version: "7.9", advisoryRelease: "7", id: "ol"),
        .init(
            title: "Rocky 8 redhat-release",
            legacy: ["etc/redhat-release": "Rocky Linux release 8.5 (Green Obsidian)\n"],
            family: .rocky, version: "8.5", advisoryRelease: "8", id: "rocky"),
        .init(
            title: "AlmaLinux 8 redhat-release",
            legacy: ["etc/redhat-release": "AlmaLinux release 8.5 (Arctic Sphynx)\n"], family: .alma, version: "8.5",
            advisoryRelease: "8", id: "almalinux"),
        .init(
            title: "Fedora fedora-release", legacy: ["etc/fedora-release": "Fedora release 35 (Thirty Five)\n"],
            family: .fedora, version: "35", advisoryRelease: "35", id: "fedora"),
        .init(
            title: "Amazon Linux 1 system-release",
            legacy: ["etc/system-release": "Amazon Linux AMI release 2018.03\n"], family: .amazon, version: "2018.03",
            advisoryRelease: "1", id: "amzn"),
        .init(
            title: "Amazon Linux 2 system-release", legacy: ["etc/system-release": "Amazon Linux release 2 (Karoo)\n"],
            family: .amazon, version: "2", advisoryRelease: "2", id: "amzn"),
        .init(
            title: "SLES 12 SP3 SuSE-release",
            legacy: ["etc/SuSE-release": "SUSE Linux Enterprise Server 12 (x86_64)\nVERSION = 12\nPATCHLEVEL = 3\n"],
            family: .sles, version: "12.3", advisoryRelease: "12.3", id: "sles"),
        .init(
            title: "openSUSE 42.3 SuSE-release",
            legacy: ["etc/SuSE-release": "openSUSE 42.3 (x86_64)\nVERSION = 42.3\nCODENAME = Malachite\n"],
            family: .openSUSELeap, version: "42.3", advisoryRelease: "42.3", id: "opensuse-leap"),
        .init(
            title: "Photon photon-release",
            legacy: ["etc/photon-release": "VMware Photon OS 3.0\nPHOTON_BUILD_NUMBER=a0f216d\n"], family: .photon,
            version: "3.0", advisoryRelease: "3.0", id: "photon"),
        .init(
            title: "CBL-Mariner mariner-release",
            legacy: ["etc/mariner-release": "CBL-Mariner 2.0.20220226\nMARINER_BUILD_NUMBER=0d4a8c4\n"],
            family: .cblMariner, version: "2.0.20220226", advisoryRelease: "2.0", id: "mariner"),
    ]

    @Test("from os-release", arguments: fromOSRelease)
    func osRelease(_ sample: DistroSample) throws {
        let detected = try #require(OSDetector.detect(sample.files))
        #expect(detected.operatingSystem.family == sample.family)
        #expect(detected.operatingSystem.version == sample.version)
        #expect(detected.operatingSystem.advisoryRelease == sample.advisoryRelease)
        #expect(detected.id == sample.id)
    }

    @Test("from the vendors' release files, without os-release", arguments: fromVendorFiles)
    func vendorFiles(_ sample: DistroSample) throws {
        let detected = try #require(OSDetector.detect(sample.files))
        #expect(detected.operatingSystem.family == sample.family)
        #expect(detected.operatingSystem.version == sample.version)
        #expect(detected.operatingSystem.advisoryRelease == sample.advisoryRelease)
        #expect(detected.id == sample.id)
    }

    @Test("a vendor file naming nothing Drydock knows is not a detection")
    func unknownVendorFile() {
        #expect(OSDetector.detect(OSReleaseFiles(legacy: ["etc/system-release": Array("Something 1\n".utf8)])) == nil)
    }

    static let ubuntu = Array(osRelease("ubuntu", "18.04").utf8)
    static func status(_ infra: String) -> [UInt8] {
        Array(
            #"{"attached": true, "services": [{"name": "esm-infra", "status": "\#(infra)"}, {"name": "livepatch", "status": "enabled"}]}"#
                .utf8)
    }

    @Test("Ubuntu Pro / ESM from the client's status.json or an ESM apt source")
    func ubuntuExtendedSupport() throws {
        let enabled = OSDetector.detect(
            OSReleaseFiles(osRelease: Self.ubuntu, ubuntuAdvantageStatus: Self.status("enabled")))
        #expect(enabled?.operatingSystem.extendedSupport == true)
        #expect(enabled?.sources.contains(OSReleaseFiles.ubuntuAdvantageStatusPath) == true)
        let disabled = OSDetector.detect(
            OSReleaseFiles(osRelease: Self.ubuntu, ubuntuAdvantageStatus: Self.status("disabled")))
        #expect(disabled?.operatingSystem.extendedSupport == false)
        let broken = OSDetector.detect(OSReleaseFiles(osRelease: Self.ubuntu, ubuntuAdvantageStatus: Array("{".utf8)))
        #expect(broken?.operatingSystem.extendedSupport == false)
        let list = "etc/apt/sources.list.d/ubuntu-esm-infra.list"
        let active = OSDetector.detect(
            OSReleaseFiles(
                osRelease: Self.ubuntu,
                esmSourceLists: [
                    list: Array("deb https://esm.ubuntu.com/infra/ubuntu bionic-infra-security main\n".utf8)
                ]))
        #expect(active?.operatingSystem.extendedSupport == true)
        let commented = OSDetector.detect(
            OSReleaseFiles(
                osRelease: Self.ubuntu, esmSourceLists: [list: Array("# deb https://esm.ubuntu.com/x\n".utf8)]))
        #expect(commented?.operatingSystem.extendedSupport == false)
        let debian = OSDetector.detect(
            OSReleaseFiles(
                osRelease: Array(Self.osRelease("debian", "12").utf8), ubuntuAdvantageStatus: Self.status("enabled")))
        #expect(debian?.operatingSystem.extendedSupport == false)
    }

    @Test("ESM seen through the layers: the status file is read from the image")
    func ubuntuExtendedSupportInAnImage() throws {
        let result = try Samples.catalog([
            [
                .file("etc/os-release", Self.osRelease("ubuntu", "18.04")),
                .bytes(OSReleaseFiles.ubuntuAdvantageStatusPath, Self.status("enabled")),
            ]
        ])
        #expect(result.inventory.operatingSystem?.extendedSupport == true)
    }

    @Test("Google distroless: Debian from os-release, packages from status.d, also without os-release")
    func distroless() throws {
        let stanza = "Package: libc6\nVersion: 2.36-9+deb12u4\nArchitecture: amd64\nSource: glibc\n"
        let withRelease = try Samples.catalog([
            [
                .file("etc/os-release", "PRETTY_NAME=\"Distroless\"\nID=debian\nVERSION_ID=\"12\"\n"),
                .file("var/lib/dpkg/status.d/libc6", stanza),
            ]
        ])
        #expect(withRelease.inventory.operatingSystem?.family == .debian)
        #expect(withRelease.inventory.allPackages.map(\.name) == ["libc6"])
        let bare = try Samples.catalog([[.file("var/lib/dpkg/status.d/libc6", stanza)]])
        #expect(bare.inventory.operatingSystem == nil)
        #expect(bare.inventory.targets.first?.type == "debian")
    }
}
