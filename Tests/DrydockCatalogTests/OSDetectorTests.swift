import DrydockModel
import Testing

@testable import DrydockCatalog

struct OSReleaseFileTests {
    @Test(
        "values are unquoted as os-release(5) says",
        arguments: [
            ("ID=alpine", "alpine"),
            ("PRETTY_NAME=\"Alpine Linux v3.10\"", "Alpine Linux v3.10"),
            ("NAME='Debian GNU/Linux'", "Debian GNU/Linux"),
            (#"NAME="say \"hi\" \\ \$HOME \`x\`""#, #"say "hi" \ $HOME `x`"#),
            (#"NAME="keeps \n as written""#, #"keeps \n as written"#),
            ("NAME=\"\"", ""),
            ("NAME=  spaced  ", "spaced"),
            ("NAME=\"joined\"'parts'", "joinedparts"),
            (#"NAME=unquoted\ escape"#, "unquoted escape"),
        ])
    func unquotes(line: String, expected: String) {
        let file = OSReleaseFile.parse(Array(line.utf8))
        #expect(file.fields["NAME"] ?? file.fields["ID"] ?? file.fields["PRETTY_NAME"] == expected)
    }

    @Test func skipsCommentsBlankAndBrokenLines() {
        let text = """
            # comment ID=wrong
            \r
            not an assignment
            ID=ubuntu\r
            VERSION_ID="22.04"
            ID_LIKE=debian
            =novalue
            BAD KEY=x
            """
        let file = OSReleaseFile.parse(Array(text.utf8))
        #expect(file.id == "ubuntu")
        #expect(file.versionID == "22.04")
        #expect(file.idLike == ["debian"])
        #expect(file.fields.count == 3)
    }
}

/// One row of the OS detection table: release files in, expected answer out.
struct OSDetectionCase: Sendable, CustomTestStringConvertible {
    var title: String
    var osRelease: String?
    var alpineRelease: String?
    var debianVersion: String?
    var family: OSFamily?
    var version: String?
    var id: String?

    var testDescription: String { title }
}

struct OSDetectorTests {
    typealias Case = OSDetectionCase

    static let cases: [Case] = [
        Case(
            title: "alpine 3.10 image: alpine-release wins", osRelease: Samples.alpineOSRelease,
            alpineRelease: "3.10.4\n", family: .alpine, version: "3.10.4", id: "alpine"),
        Case(
            title: "alpine without alpine-release uses VERSION_ID",
            osRelease: "ID=alpine\nVERSION_ID=3.15.4\n", family: .alpine, version: "3.15.4", id: "alpine"),
        Case(
            title: "debian 12 point release from debian_version", osRelease: Samples.debianOSRelease,
            debianVersion: "12.5\n", family: .debian, version: "12.5", id: "debian"),
        Case(
            title: "debian without debian_version uses VERSION_ID", osRelease: Samples.debianOSRelease,
            family: .debian, version: "12", id: "debian"),
        Case(
            title: "debian testing: codename/sid",
            osRelease: "ID=debian\nPRETTY_NAME=\"Debian GNU/Linux trixie/sid\"\n",
            debianVersion: "trixie/sid\n", family: .debian, version: "trixie/sid", id: "debian"),
        Case(
            title: "ubuntu ignores debian_version",
            osRelease: "NAME=\"Ubuntu\"\nID=ubuntu\nID_LIKE=debian\nVERSION_ID=\"22.04\"\n",
            debianVersion: "bookworm/sid\n", family: .ubuntu, version: "22.04", id: "ubuntu"),
        Case(
            title: "unsupported distribution keeps its ID", osRelease: "ID=postmarketos\nVERSION_ID=v23.12\n",
            family: .unknown, version: "v23.12", id: "postmarketos"),
        Case(
            title: "derivative is not its parent",
            osRelease: "ID=linuxmint\nID_LIKE=\"ubuntu debian\"\nVERSION_ID=21\n",
            debianVersion: "bookworm/sid\n", family: .unknown, version: "21", id: "linuxmint"),
        Case(
            title: "no os-release, alpine-release only", alpineRelease: "3.11.6\n", family: .alpine,
            version: "3.11.6", id: "alpine"),
        Case(
            title: "no os-release, debian_version only (Debian 9)", debianVersion: "9.8\n", family: .debian,
            version: "9.8", id: "debian"),
        Case(
            title: "os-release without ID and no release files", osRelease: "NAME=\"Alpine Linux\"\nVERSION_ID=3.15.4\n"
        ),
        Case(title: "nothing at all"),
        Case(title: "blank release files", alpineRelease: "\n", debianVersion: "  \n"),
    ]

    @Test(arguments: cases)
    func detects(_ testCase: Case) {
        let detected = OSDetector.detect(
            OSReleaseFiles(
                osRelease: testCase.osRelease.map { Array($0.utf8) },
                alpineRelease: testCase.alpineRelease.map { Array($0.utf8) },
                debianVersion: testCase.debianVersion.map { Array($0.utf8) }))
        #expect(detected?.operatingSystem.family == testCase.family)
        #expect(detected?.operatingSystem.version == testCase.version)
        #expect(detected?.id == testCase.id)
    }

    @Test func keepsPrettyNameAndIDLike() throws {
        let detected = try #require(
            OSDetector.detect(
                OSReleaseFiles(
                    osRelease: Array(
                        "ID=ubuntu\nID_LIKE=debian\nVERSION_ID=24.04\nPRETTY_NAME=\"Ubuntu 24.04 LTS\"\n".utf8))))
        #expect(detected.operatingSystem.prettyName == "Ubuntu 24.04 LTS")
        #expect(detected.idLike == ["debian"])
    }

    static let releaseSamplesFolder = "fixtures/trivy/pkg/fanal/analyzer/os/release/testdata"

    @Test(
        "os-release samples from Trivy's test data", .enabled(if: Shared.available(releaseSamplesFolder)),
        arguments: ["alpine", "unknown", "no-id", "no-version"])
    func trivyReleaseSamples(name: String) throws {
        let bytes = try Shared.bytes(try Shared.file("\(Self.releaseSamplesFolder)/\(name)"))
        let detected = OSDetector.detect(OSReleaseFiles(osRelease: bytes))
        switch name {
        case "alpine":
            #expect(
                detected?.operatingSystem
                    == OperatingSystem(
                        family: .alpine, version: "3.15.4", prettyName: "Alpine Linux v3.15", id: "alpine"))
        case "unknown":
            #expect(detected?.operatingSystem.family == .unknown)
            #expect(detected?.id == "unknown")
            #expect(detected?.operatingSystem.version == "4.3.2")
        case "no-id":
            #expect(detected == nil)
        default:
            #expect(detected?.operatingSystem.family == .alpine)
            #expect(detected?.operatingSystem.version == "")
        }
    }
}
