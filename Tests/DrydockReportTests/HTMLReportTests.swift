import DrydockModel
import DrydockPolicy
import DrydockTestSupport
import Foundation
import Testing

@testable import DrydockReport

@Suite("HTML report")
struct HTMLReportTests {
    let page = String(decoding: HTMLReport(toolVersion: "0.1.0").render(AllKindsFixture.report()), as: UTF8.self)

    @Test("one self-contained page (snapshot): nothing loaded from the network")
    func selfContained() throws {
        #expect(!page.contains("src=\"http"))
        #expect(!page.contains("<link"))
        #expect(page.contains("default-src 'none'"))
        try Snapshot.check(page, named: "report.html")
    }

    @Test("every finding has its decision and evidence; set-aside findings are in the page")
    func evidence() {
        #expect(page.components(separatedBy: "<tr class=\"finding\"").count - 1 == 9)
        #expect(page.contains("Written in</dt><dd><code>.trivyignore:4</code>"))
        #expect(
            page.contains(
                "VEX</dt><dd>not_affected (vulnerable_code_not_in_execute_path): vulnerable code is never called"))
        #expect(page.contains("data-decision=\"ignore\""))
        #expect(page.contains("id=\"severity-chart\""))
        #expect(page.contains("data-severity=\"CRITICAL\" data-count=\"3\""))
    }

    @Test("text from advisories is escaped")
    func escaping() {
        #expect(page.contains("express: &quot;qs&quot; prototype poisoning"))
        #expect(page.contains("USER &lt;non root user name&gt;"))
    }

    @Test(
        "opened in a real headless Chromium: chart drawn, findings table shown, filters and evidence work",
        .timeLimit(.minutes(2)))
    func chromium() throws {
        let directory = try PackagePaths.temporaryDirectory("html")
        let file = directory.appendingPathComponent("report.html").path
        try Data(page.utf8).write(to: URL(fileURLWithPath: file))
        let screenshot = directory.appendingPathComponent("report.png").path
        let script = PackagePaths.root.appendingPathComponent("scripts/report-checks/html_in_chromium.py").path
        let python = try #require(ProcessRunner.which("python3"), "python3 is not installed")
        let result = try ProcessRunner.run(python, [script, file, screenshot], timeout: 90)
        #expect(result.status == 0, "Chromium check failed (exit \(result.status)): \(result.stderr)")
        #expect(FileManager.default.fileExists(atPath: screenshot))
        print(result.output.trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
