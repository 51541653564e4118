import DrydockTestSupport
import Foundation
import Testing

/// PostgreSQL's write-ahead log on a small tmpfs that fills up under a running `drydock server`.
///
/// PostgreSQL cannot go on without room for its WAL: it stops every session (PANIC) and, unless recovery finds
/// room, stays down until restarted. What Drydock owes: every write it acknowledged is in the store afterwards;
/// while the store is gone, writes are refused with a 5xx naming it (no hang, no crash); once PostgreSQL is back,
/// the same server process writes again. The cluster is its own (the shared one serves other suites), with
/// `synchronous_commit` on: a commit is acknowledged only once its WAL is written.
@Suite(.serialized, .enabled(if: TmpfsMount.isAvailable, "mounting a tmpfs needs root (the reason is printed)"))
struct PostgresWALFullDiskTests {
    /// A throwaway cluster whose WAL lives in `waldir`; stopped and removed by ``stop()``.
    struct Cluster {
        let state: URL
        let port: Int
        let bin: String
        let owner: String
        let data: String

        init(waldir: String) throws {
            state = try PackagePaths.temporaryDirectory("pg-wal-full").appendingPathComponent("state")
            let started = try ProcessRunner.run(
                "/bin/bash", [PackagePaths.root.appendingPathComponent("scripts/postgres/start").path, state.path],
                environment: ProcessInfo.processInfo.environment.merging(["PG_WALDIR": waldir, "PG_DURABLE": "1"]) {
                    $1
                }, timeout: 900)
            guard started.status == 0 else {
                throw CLI.ProcessFailure(description: "scripts/postgres/start failed: \(started.stderr)")
            }
            let state = state
            func read(_ name: String) throws -> String {
                try String(contentsOf: state.appendingPathComponent(name), encoding: .utf8)
                    .trimmingCharacters(in: .whitespacesAndNewlines)
            }
            let env = try read("env")
            port = try #require(
                env.split(separator: "\n").first { $0.hasPrefix("PG_PORT=") }.flatMap { Int($0.dropFirst(8)) })
            bin = try read("bin")
            owner = try read("owner")
            data = try read("cluster") + "/data"
        }

        var url: String { "postgres://drydock@127.0.0.1:\(port)/postgres" }

        var isReady: Bool {
            (try? ProcessRunner.run(bin + "/pg_isready", ["-h", "127.0.0.1", "-p", "\(port)", "-q"], timeout: 30))?
                .status == 0
        }

        /// `pg_ctl start`, as an operator (or the cluster's supervisor) would after making room.
        func start() throws -> ProcessRunner.Result {
            let command = [bin + "/pg_ctl", "-D", data, "-l", data + "/../postgres.log", "-w", "-t", "120", "start"]
            return owner == NSUserName()
                ? try ProcessRunner.run(command[0], Array(command.dropFirst()), timeout: 180)
                : try ProcessRunner.run("runuser", ["-u", owner, "--"] + command, timeout: 180)
        }

        func stop() {
            _ = try? ProcessRunner.run(
                "/bin/bash", [PackagePaths.root.appendingPathComponent("scripts/postgres/stop").path, state.path],
                timeout: 120)
        }
    }

    @Test(
        "PostgreSQL's WAL on a full disk: writes refused with a 5xx naming the store, none acknowledged lost, writes resume after room and a PostgreSQL restart"
    )
    func walOnFullDisk() throws {
        let disk = try TmpfsMount(size: "32m")
        defer { disk.unmount() }
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: disk.directory.path)
        let cluster = try Cluster(waldir: disk.directory.appendingPathComponent("wal").path)
        defer { cluster.stop() }
        let server = try ServerProcess(database: try ServerKillTests.database.get(), store: cluster.url)
        defer { server.stop() }
        let (write, read) = (server.tokens["write"] ?? "", server.tokens["read"] ?? "")
        var acknowledged: [String] = []
        var refused: [String] = []
        func push(_ label: String) throws -> (status: Int, body: String) {
            let digest = "sha256:" + String(repeating: "0", count: 64 - label.utf8.count) + label
            let answer = try ServerFullDiskTests.call(
                server.url, write, "POST", "/api/v1/sboms?image=registry.example/wal-full/\(label)@\(digest)",
                body: ServerFullDiskTests.sbom(label, packages: 400))
            if (200..<300).contains(answer.status) {
                acknowledged.append(digest)
            } else if answer.status != 0 {
                refused.append(digest)
            }
            return answer
        }
        for index in 0..<3 { #expect(try push("a\(index)").status == 200) }

        let filler = try disk.fill()
        var refusals: [(status: Int, body: String)] = []
        for index in 0..<60 where refusals.isEmpty {
            let before = Date()
            let answer = try push("b\(index)")
            print("push b\(index): HTTP \(answer.status) after \(Int(Date().timeIntervalSince(before))) s")
            if !(200..<300).contains(answer.status) { refusals.append(answer) }
        }
        try #require(!refusals.isEmpty, "60 pushes fitted in the WAL's full disk: nothing was tested")
        for answer in refusals {
            // The push being stored when PostgreSQL PANICs gets an answer too (it once hung: a ROLLBACK sent to a
            // connection already torn down; docs/security.md, "The server").
            #expect(answer.status != 0, "no answer within 60 s")
            if answer.status != 0 {
                #expect((500..<600).contains(answer.status), "\(answer)")
                #expect(
                    answer.body.contains("127.0.0.1:\(cluster.port)"), "the refusal does not name the store: \(answer)")
            }
        }
        print("PostgreSQL WAL on a full disk: push refused with HTTP \(refusals[0].status) \(refusals[0].body)")
        // Writes while PostgreSQL is down or recovering are refused too, promptly (the wait for a connection is
        // bounded), naming the store.
        let started = Date()
        let later = try push("d0")
        let waited = Date().timeIntervalSince(started)
        print("the next push: HTTP \(later.status) after \(Int(waited)) s: \(later.body)")
        #expect(later.status == 200 || (500..<600).contains(later.status), "\(later)")
        #expect(later.status == 200 || later.body.contains("127.0.0.1:\(cluster.port)"), "\(later)")
        #expect(waited < 45, "a push waited \(Int(waited)) s for the store")

        // Room again, and PostgreSQL started if the PANIC left it down: the same server writes again.
        try FileManager.default.removeItem(atPath: filler)
        let wasDown = !cluster.isReady
        if wasDown {
            let restart = try cluster.start()
            #expect(restart.status == 0, "pg_ctl start: \(restart.output) \(restart.stderr)")
        }
        var resumed = false
        let deadline = Date().addingTimeInterval(90)
        var attempt = 0
        while !resumed && Date() < deadline {
            attempt += 1
            resumed = (200..<300).contains(try push("c\(attempt)").status)
            if !resumed { Thread.sleep(forTimeInterval: 1) }
        }
        #expect(resumed, "no push succeeded within 90 s of PostgreSQL being back")
        // Not only after the pool's own back-off (it fails requests at once while its circuit breaker is open).
        #expect(attempt == 1, "writes resumed only at attempt \(attempt) after PostgreSQL was back")
        print(
            "PostgreSQL \(wasDown ? "was down and was restarted" : "recovered by itself"); writes resumed at attempt \(attempt)"
        )
        try ServerFullDiskTests.expectStored(acknowledged, notStored: refused, server: server.url, token: read)
        print("\(acknowledged.count) pushes acknowledged and present, \(refused.count) refused and absent")
        if refusals.contains(where: { $0.status == 0 || !$0.body.contains("127.0.0.1") }) {
            print("server log (end): \(server.log.suffix(8000))")
        }
    }
}
