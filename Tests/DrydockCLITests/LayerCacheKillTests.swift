import DrydockTestSupport
import Foundation
import GRDB
import Testing

/// `kill -9` of a scan while it writes the layer cache: the next scan succeeds with the same result, and every
/// entry it finds is whole (an entry is written in one SQLite transaction, in WAL mode).
@Suite(.serialized) struct LayerCacheKillTests {
    @Test("a scan killed with SIGKILL while caching leaves no partial entry; the next scan succeeds")
    func killedWhileCaching() throws {
        let database = try LayerCacheScanTests.database.get()
        let image = try FullDiskTests.bigImage().path
        let started = Date()
        let cold = try LayerCacheRun.scan(
            ["--input", image], cache: try PackagePaths.temporaryDirectory("layer-cache"), database: database)
        let duration = Date().timeIntervalSince(started)
        #expect(cold.result.status == 0, "\(cold.result.stderr)")
        #expect(cold.report.contains("CVE-2099-0001"))
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        var walSeen = 0
        // Kills spread over a whole scan, the last ones near its end (when the entries are written), and one as
        // soon as the write-ahead log holds more than 256 KiB (the big entry on its way in).
        let moments: [Double?] = [0.4, 0.8, 0.95, nil]
        for moment in moments {
            let cache = try PackagePaths.temporaryDirectory("layer-cache-kill")
            let wal = cache.appendingPathComponent("layers.db-wal").path
            let run = try BackgroundProcess(
                PackagePaths.drydock,
                [
                    "image", "--input", image, "--format", "json", "--debug", "--cache-dir", cache.path, "--db",
                    database,
                ],
                environment: environment)
            if let moment {
                Thread.sleep(forTimeInterval: duration * moment)
            } else {
                let deadline = Date().addingTimeInterval(duration * 3)
                while Date() < deadline {
                    let size =
                        ((try? FileManager.default.attributesOfItem(atPath: wal))?[.size] as? NSNumber)?.intValue ?? 0
                    if size > 256 << 10 {
                        walSeen += 1
                        break
                    }
                    usleep(200)
                }
            }
            run.send(SIGKILL)
            _ = run.wait(timeout: 60)
            let next = try LayerCacheRun.scan(["--input", image], cache: cache, database: database)
            let label = moment.map { "killed at \(Int($0 * 100))% of a scan" } ?? "killed while the WAL grew"
            #expect(next.result.status == 0, "\(label): \(next.result.stderr)")
            #expect(next.report == cold.report, "\(label): the report differs")
            #expect(next.cached.count + next.analysed.count == 4, "\(label): \(next.result.stderr)")
            #expect(!next.result.stderr.contains("warning: layer cache"), "\(label): \(next.result.stderr)")
            let file = cache.appendingPathComponent("layers.db")
            if FileManager.default.fileExists(atPath: file.path) {
                let (integrity, _) = try LayerCacheScanTests.inspect(file)
                #expect(integrity == ["ok"], "\(label)")
            }
            // And the one after reads everything from the cache.
            let warm = try LayerCacheRun.scan(["--input", image], cache: cache, database: database)
            #expect(warm.cached.count == 4 && warm.report == cold.report, "\(label): \(warm.result.stderr)")
        }
        print("layer-cache kill test: \(moments.count) kills, \(walSeen) while the WAL held the entry being written")
    }
}
