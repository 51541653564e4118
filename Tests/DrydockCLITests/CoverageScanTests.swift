import DrydockTestSupport
import Foundation
import Testing

/// End to end: OS-owned Python metadata reported once, the coverage section, and the policy flags.
@Suite("Coverage and OS-owned packages through the CLI")
struct CoverageScanTests {
    static let database: Result<String, any Error> = Result {
        try CLI.buildDatabase([try DebianScenario.writeAdvisories().path])
    }

    func database() throws -> String { try Self.database.get() }

    static let debSite = "usr/lib/python3/dist-packages"

    /// Debian 12 with `python3-six` owning its wheel metadata and a pip-installed `requests` in `usr/local`.
    static var pythonLayer: [String: FileSpec] {
        var layer = DebianScenario.layer
        layer["var/lib/dpkg/status"] = .file(
            DebianScenario.status
                + "Package: python3-six\nStatus: install ok installed\nArchitecture: all\nSource: six\n"
                + "Version: 1.16.0-4\nDescription: Python 2 and 3 compatibility library\n")
        layer["var/lib/dpkg/info/python3-six.list"] = .file(
            "/.\n/usr\n/usr/lib/python3/dist-packages\n/\(debSite)/six-1.16.0.dist-info\n"
                + "/\(debSite)/six-1.16.0.dist-info/METADATA\n/\(debSite)/six.py\n")
        layer["\(debSite)/six-1.16.0.dist-info/METADATA"] = .file("Metadata-Version: 2.1\nName: six\nVersion: 1.16.0\n")
        layer["usr/local/lib/python3.11/dist-packages/requests-2.31.0.dist-info/METADATA"] = .file(
            "Metadata-Version: 2.1\nName: requests\nVersion: 2.31.0\n")
        return layer
    }

    static func packages(_ report: [String: Any], type: String) -> [String] {
        let results = report["Results"] as? [[String: Any]] ?? []
        return results.filter { $0["Type"] as? String == type }.flatMap { result in
            (result["Packages"] as? [[String: Any]] ?? []).compactMap { $0["ID"] as? String }
        }
    }

    @Test("a deb's Python module is listed once, as the deb; pip's package still is")
    func ownedPythonOnce() throws {
        let image = try ImageFixtures.dockerArchive(layers: [Self.pythonLayer])
        let (result, report) = try CLI.scanJSON(image.path, database: database(), extra: ["--list-all-pkgs"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(Self.packages(report, type: "debian").contains("python3-six@1.16.0-4"))
        #expect(Self.packages(report, type: "python-pkg") == ["requests@2.31.0"])
    }

    @Test("the JSON report carries the coverage section with the OS release and its advisories")
    func coverageSection() throws {
        let image = try ImageFixtures.dockerArchive(layers: [DebianScenario.layer])
        let (result, report) = try CLI.scanJSON(image.path, database: database())
        #expect(result.status == 0, "\(result.stderr)")
        let drydock = report["Drydock"] as? [String: Any] ?? [:]
        let coverage = drydock["Coverage"] as? [String: Any] ?? [:]
        let os = coverage["OS"] as? [String: Any] ?? [:]
        #expect(os["State"] as? String == "covered")
        #expect(os["Namespace"] as? String == "Debian:12")
        #expect(os["AdvisoriesInDB"] as? Bool == true)
        let support = coverage["Support"] as? [String: Any] ?? [:]
        #expect(support["Release"] as? String == "debian 12")
    }

    @Test("--fail-on-uncovered fails an uncovered release with --exit-code, else 1; without it the scan passes")
    func failOnUncovered() throws {
        var layer = DebianScenario.layer
        layer["etc/debian_version"] = .file("13.1\n")
        layer["etc/os-release"] = .file("ID=debian\nVERSION_ID=\"13\"\n")
        let image = try ImageFixtures.dockerArchive(layers: [layer])
        let plain = try CLI.run(["image", "--input", image.path, "--db", database()])
        #expect(plain.status == 0)
        #expect(plain.output.contains("OS: debian 13.1: the vulnerability DB has no advisories for Debian:13"))
        let failing = try CLI.run(["image", "--input", image.path, "--db", database(), "--fail-on-uncovered"])
        #expect(failing.status == 1)
        #expect(failing.output.contains("Gate failed: --fail-on-uncovered"))
        let custom = try CLI.run(
            ["image", "--input", image.path, "--db", database(), "--fail-on-uncovered", "--exit-code", "9"])
        #expect(custom.status == 9)
    }
}
