import DrydockTestSupport
import Foundation
import Testing

/// `kill -9` during `drydock db update`, at several moments (while fetching, while building, while
/// installing): the DB that was there before stays usable and the next update succeeds.
@Suite(.serialized, .enabled(if: FeedServer.isAvailable, "python3 is needed for the local feed server"))
struct DatabaseKillTests {
    @Test("db update killed with SIGKILL at any moment leaves the previous DB usable; the next run succeeds")
    func killedUpdateLeavesTheOldDB() throws {
        let server = try FeedServer(root: try DBDistFeedSite.write())
        defer { server.stop() }
        let cache = try PackagePaths.temporaryDirectory("killed-update").path
        let environment = DBDistFeedSite.environment(server)
        func update(_ ecosystems: String) -> [String] {
            [
                "db", "update", "--cache-dir", cache, "--osv-url", server.baseURL.absoluteString,
                "--ecosystems", ecosystems, "--alpine-releases", "none", "--no-debian",
            ]
        }
        let first = try ProcessRunner.run(PackagePaths.drydock, update("PyPI"), environment: environment)
        #expect(first.status == 0, "\(first.stderr)")
        let database = cache + "/db/drydock.db"
        let original = try Data(contentsOf: URL(fileURLWithPath: database))
        var killed = 0
        var installedBeforeKill = 0
        for delay in [0.0, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 0.8] {
            // Another ecosystem set, so the update has a new DB to build and install.
            let run = try DBDistBackground(PackagePaths.drydock, update("PyPI,npm"), environment: environment)
            Thread.sleep(forTimeInterval: delay)
            if run.isRunning { killed += 1 }
            run.send(SIGKILL)
            let result = try #require(run.wait(timeout: 60))
            let info = try CLI.run(["db", "info", "--cache-dir", cache])
            #expect(info.status == 0, "after a kill at \(delay) s: \(info.stderr)")
            // Killed before it finished: the old DB is there, byte for byte — unless the kill fell between the
            // new DB's rename and the end (metadata.json written), in which case the new DB is whole and opens.
            if result.status != 0, try Data(contentsOf: URL(fileURLWithPath: database)) != original {
                installedBeforeKill += 1
            }
        }
        #expect(killed > 0, "no update was still running when killed")
        #expect(installedBeforeKill < killed, "every kill left a changed DB: \(installedBeforeKill) of \(killed)")
        let next = try ProcessRunner.run(PackagePaths.drydock, update("PyPI,npm"), environment: environment)
        #expect(next.status == 0, "\(next.stderr)")
        #expect(try CLI.run(["db", "info", "--cache-dir", cache]).status == 0)
        // The killed updates' temporary DB and metadata files are swept by the next one.
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: cache + "/db").filter {
            $0.contains(".tmp-")
        }
        #expect(leftovers.isEmpty, "left behind: \(leftovers)")
    }
}
