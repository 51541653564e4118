import DrydockTestSupport
import Foundation
import Testing

/// `--output` onto something that is not a regular file: the report is written through it, never renamed
/// over it (an atomic write run as root once replaced `/dev/null` with a regular file).
@Suite("Report output onto devices and links")
struct ReportOutputTests {
    /// A symbolic link to `/dev/null` given as `--output` is still that link after the scan.
    @Test func outputThroughLinkToDeviceKeepsTheLink() throws {
        let database = try FilesystemScanTests.database()
        let project = try PackagePaths.temporaryDirectory("output-project")
        try FilesystemScanTests.write(["requirements.txt": FilesystemScanTests.requirements], into: project)
        let link = project.appendingPathComponent("report-sink").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "/dev/null")
        let result = try CLI.run(["fs", project.path, "--db", database, "--format", "json", "--output", link])
        #expect(result.status == 0, "\(result.stderr)")
        let destination = try? FileManager.default.destinationOfSymbolicLink(atPath: link)
        #expect(destination == "/dev/null")
        var status = stat()
        #expect(stat("/dev/null", &status) == 0 && status.st_mode & S_IFMT == S_IFCHR)
    }

    /// A regular file is still replaced whole by the report.
    @Test func outputToRegularFileHoldsTheReport() throws {
        let database = try FilesystemScanTests.database()
        let project = try PackagePaths.temporaryDirectory("output-file")
        try FilesystemScanTests.write(["requirements.txt": FilesystemScanTests.requirements], into: project)
        let path = project.appendingPathComponent("report.json").path
        try Data("stale".utf8).write(to: URL(fileURLWithPath: path))
        let result = try CLI.run(["fs", project.path, "--db", database, "--format", "json", "--output", path])
        #expect(result.status == 0, "\(result.stderr)")
        let report = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(!CLI.findingRows(report as? [String: Any] ?? [:]).isEmpty)
    }
}
