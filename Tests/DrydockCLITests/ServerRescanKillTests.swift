import DrydockTestSupport
import Foundation
import Testing

/// `drydock server` killed with SIGKILL during a rescan (after a DB update renamed over its DB file), five times at
/// different moments (one as soon as the store shows part of the rescan's results), restarted on the same store each time, then left to finish (Benchmarks/server/rescan_kill.py):
/// the store passes `integrity_check` after every kill, a rescan recorded finished has all its findings and webhook
/// deliveries stored, an interrupted one is listed `interrupted` and never `finished`, the server serves after
/// every restart, and the findings and deliveries at the end equal an uninterrupted rescan's of a copy of the store.
@Suite(.serialized) struct ServerRescanKillTests {
    /// Runs the script on `store` (an empty store) with `images` pushed; its JSON summary.
    static func run(store: String, images: Int) throws -> [String: Any] {
        try ServerKillTests.runServerScript("rescan_kill.py", ["--store-url", store, "--images", "\(images)"])
    }

    static func check(_ summary: [String: Any], _ label: String) {
        let kills = summary["kills"] as? [[String: Any]] ?? []
        let reference = summary["reference"] as? [String: Any] ?? [:]
        let final = summary["final"] as? [String: Any] ?? [:]
        #expect(summary["problems"] as? [String] == [], "\(label): \(summary["problems"] ?? summary)")
        #expect(kills.count == 5, "\(label): \(summary)")
        // A kill caught a rescan between its batch transactions: some images' changes stored, the rescan unfinished.
        let caughtMidWrite = kills.contains { kill in
            let rescans = kill["rescans_in_store"] as? [[String: Any]] ?? []
            return rescans.contains {
                ($0["finished"] as? Bool) == false && ($0["images_stored"] as? NSNumber)?.intValue ?? 0 > 0
            }
        }
        #expect(caughtMidWrite, "\(label): no kill caught a rescan with part of its results stored: \(kills)")
        #expect(final["equal_to_reference"] as? Bool == true, "\(label): \(final)")
        #expect((reference["deliveries"] as? NSNumber)?.intValue ?? 0 > 0, "\(label): \(reference)")
        #expect((summary["ok"] as? NSNumber)?.boolValue == true, "\(label): \(summary)")
        let moments = kills.map { kill in
            let rescans = kill["rescans_in_store"] as? [[String: Any]] ?? []
            return "\(kill["moment"] ?? "?") at \(kill["seconds_after_start"] ?? "?") s: "
                + rescans.map { rescan in
                    let state = (rescan["finished"] as? Bool) == true ? "finished" : "unfinished"
                    return "rescan \(rescan["id"] ?? "?") \(state), \(rescan["images_stored"] ?? "?") images stored"
                }.joined(separator: ", ")
        }
        print(
            "\(label): \(summary["images"] ?? 0) images, reference rescan \(reference["rescan"] ?? "?"); kills: "
                + moments.joined(separator: "; ") + "; final \(final)")
    }

    @Test("SQLite store: kill -9 during a rescan never leaves partial results reported finished; the rerun completes")
    func sqlite() throws {
        let store = try PackagePaths.temporaryDirectory("rescan-kill").appendingPathComponent("repo.db").path
        Self.check(try Self.run(store: "sqlite:" + store, images: 600), "SQLite")
    }

    @Test(
        "PostgreSQL store: kill -9 during a rescan never leaves partial results reported finished; the rerun completes")
    func postgres() throws {
        let store = try PostgresServer.shared().makeDatabase()
        Self.check(try Self.run(store: store, images: 600), "PostgreSQL")
    }
}
