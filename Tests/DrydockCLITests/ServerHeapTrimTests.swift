import DrydockTestSupport
import Foundation
import Testing

@Suite struct ServerHeapTrimTests {
    @Test("--heap-trim-interval: a bad duration is a usage error; 1s trims every second; 0 never")
    func heapTrimInterval() throws {
        let bad = try CLI.run(["server", "--no-auth", "--heap-trim-interval", "soon"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("--heap-trim-interval soon: expected a duration"), "\(bad.stderr)")

        // No DB: the server still starts (not ready), which is all a trim needs.
        let database = try PackagePaths.temporaryDirectory("heap-trim").appendingPathComponent("absent.db").path
        for (interval, expected) in [("1s", true), ("0", false)] {
            let server = try ServerProcess(
                database: database, extra: ["--heap-trim-interval", interval], environment: ["LOG_LEVEL": "trace"])
            defer { server.stop() }
            let deadline = Date().addingTimeInterval(expected ? 30 : 3)
            while Date() < deadline && !server.log.contains("heap trimmed") { Thread.sleep(forTimeInterval: 0.2) }
            #expect(server.log.contains("heap trimmed") == expected, "--heap-trim-interval \(interval)")
        }
    }
}
