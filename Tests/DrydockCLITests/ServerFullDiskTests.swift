import DrydockTestSupport
import Foundation
import GRDB
import Synchronization
import Testing

/// `drydock server`'s SQLite store on a small tmpfs that fills up: SBOM pushes and triage changes are answered
/// 503 naming the store and the full disk, reads go on, nothing unacknowledged is stored and nothing acknowledged is
/// lost; with room again writes succeed without a restart; a server started on the full disk fails or serves
/// clearly. Skipped, with the reason printed, where mounting is not permitted.
@Suite(.serialized, .enabled(if: TmpfsMount.isAvailable, "mounting a tmpfs needs root (the reason is printed)"))
struct ServerFullDiskTests {
    /// A CycloneDX inventory of `count` PyPI packages of their own (names from `seed`) and Alpine's musl.
    static func sbom(_ seed: String, packages count: Int) -> String {
        var components = [
            #"{"bom-ref":"os","type":"operating-system","name":"alpine","version":"3.19.1"}"#,
            #"{"bom-ref":"musl","type":"library","name":"musl","version":"1.2.4-r2","purl":"pkg:apk/alpine/musl@1.2.4-r2?distro=3.19.1"}"#,
        ]
        for index in 0..<count {
            let name = "full-disk-\(seed)-\(index)"
            components.append(
                #"{"bom-ref":"p\#(index)","type":"library","name":"\#(name)","version":"1.0.\#(index)","purl":"pkg:pypi/\#(name)@1.0.\#(index)"}"#
            )
        }
        return #"{"bomFormat":"CycloneDX","specVersion":"1.5","version":1,"components":["#
            + components.joined(separator: ",") + "]}"
    }

    /// `curl` one request; (status, body). Status 0: no answer.
    static func call(
        _ server: String, _ token: String, _ method: String, _ path: String, body: String? = nil
    ) throws -> (status: Int, body: String) {
        var arguments = [
            "-s", "-m", "60", "-X", method, "-H", "Authorization: Bearer \(token)", "-w", "\n%{http_code}",
        ]
        if let body {
            let file = try PackagePaths.temporaryDirectory("full-disk-body").appendingPathComponent("body.json")
            try Data(body.utf8).write(to: file)
            arguments += ["-H", "Content-Type: application/json", "--data-binary", "@" + file.path]
        }
        let result = try ProcessRunner.run("/usr/bin/curl", arguments + [server + path], timeout: 90)
        let text = result.output
        let split = text.lastIndex(of: "\n") ?? text.endIndex
        return (Int(text[split...].dropFirst()) ?? 0, String(text[..<split]))
    }

    /// Whether `answer` is the clear refusal: a 5xx naming the store and saying the disk is full.
    static func refusesFullDisk(_ answer: (status: Int, body: String), store: String) -> Bool {
        let body = try? JSONSerialization.jsonObject(with: Data(answer.body.utf8)) as? [String: Any]
        let message = (body?["error"] as? [String: Any])?["message"] as? String ?? ""
        return (500..<600).contains(answer.status) && message.contains(store) && message.contains("disk is full")
            && message.contains("ENOSPC")
    }

    /// Every acknowledged push (image digest) is in the store; no refused one is.
    static func expectStored(_ acknowledged: [String], notStored refused: [String], server: String, token: String)
        throws
    {
        for digest in acknowledged {
            let answer = try Self.call(server, token, "GET", "/api/v1/images/\(digest)")
            #expect(answer.status == 200, "acknowledged push \(digest) lost: \(answer)")
        }
        for digest in refused {
            let answer = try Self.call(server, token, "GET", "/api/v1/images/\(digest)")
            #expect(answer.status == 404, "refused push \(digest) is stored: \(answer.status)")
        }
    }

    /// Fills `disk` (holding the store `store` of the running `server`) between writes: pushes and triage changes
    /// before, while full (until two pushes are refused) and after room is made again; checks every answer and
    /// that exactly the acknowledged writes are stored. A line of what happened.
    static func writeThroughFullDisk(server: ServerProcess, store: String, disk: TmpfsMount) throws -> String {
        let (write, read) = (server.tokens["write"] ?? "", server.tokens["read"] ?? "")
        var acknowledged: [String] = []
        var refused: [String] = []
        var exceptions: [String: Int] = [:]
        func push(_ label: String, packages: Int) throws -> (status: Int, body: String) {
            let digest = "sha256:" + String(repeating: "0", count: 64 - label.utf8.count) + label
            let answer = try Self.call(
                server.url, write, "POST", "/api/v1/sboms?image=registry.example/full-disk/\(label)@\(digest)",
                body: Self.sbom(label, packages: packages))
            if (200..<300).contains(answer.status) { acknowledged.append(digest) } else { refused.append(digest) }
            return answer
        }
        // Long reasons, so that a few triage changes need a new page even where the table's pages had room.
        let padding = String(repeating: "x", count: 1500)
        func triage(_ number: Int) throws -> (status: Int, body: String) {
            let answer = try Self.call(
                server.url, write, "POST", "/api/v1/exceptions",
                body: #"{"id":"CVE-2099-\#(9000 + number)","owner":"disk","reason":"full-disk test \#(padding)","#
                    + #""expires":"2099-01-31"}"#)
            if (200..<300).contains(answer.status),
                let record = try? JSONSerialization.jsonObject(with: Data(answer.body.utf8)) as? [String: Any],
                let id = record["id"] as? String
            {
                exceptions[id] = (record["version"] as? NSNumber)?.intValue
            }
            return answer
        }
        for index in 0..<5 { #expect(try push("a\(index)", packages: 50).status == 200) }
        #expect((200..<300).contains(try triage(0).status))

        // Full: pushes big enough to need new pages until two are refused, triage changes until one is (the store
        // may still have room in pages or log it has: what fits is acknowledged and must be stored).
        let filler = try disk.fill()
        var refusals: [(status: Int, body: String)] = []
        for index in 0..<10 where refusals.count < 2 {
            let answer = try push("b\(index)", packages: 400)
            if !(200..<300).contains(answer.status) { refusals.append(answer) }
        }
        var triageAnswers: [(status: Int, body: String)] = []
        for number in 1...60 where !triageAnswers.contains(where: { !(200..<300).contains($0.status) }) {
            triageAnswers.append(try triage(number))
        }
        #expect(refusals.count == 2, "\(disk.freeBytes) bytes free: pushes were not refused")
        for answer in refusals + triageAnswers.filter({ !(200..<300).contains($0.status) }) {
            #expect(Self.refusesFullDisk(answer, store: store), "\(answer.status): \(answer.body)")
        }
        #expect(triageAnswers.contains { Self.refusesFullDisk($0, store: store) }, "\(triageAnswers)")
        let refusedTriage = triageAnswers.last { !(200..<300).contains($0.status) }
        print("full disk under \(store): push: HTTP \(refusals.first?.status ?? 0) \(refusals.first?.body ?? "")")
        print("triage change: HTTP \(refusedTriage?.status ?? 0) \(refusedTriage?.body ?? "")")
        // Reads go on: the list, an acknowledged image, readiness.
        #expect(try Self.call(server.url, read, "GET", "/api/v1/images?limit=50").status == 200)
        #expect(try Self.call(server.url, read, "GET", "/api/v1/images/\(acknowledged[0])").status == 200)
        #expect(try Self.call(server.url, read, "GET", "/readyz").status == 200)

        // Room again: writes succeed, same process.
        try FileManager.default.removeItem(atPath: filler)
        for index in 0..<3 { #expect(try push("c\(index)", packages: 400).status == 200) }
        #expect((200..<300).contains(try triage(100).status))
        try Self.expectStored(acknowledged, notStored: refused, server: server.url, token: read)
        let listed = try Self.call(server.url, read, "GET", "/api/v1/exceptions").body
        for (number, answer) in zip(1..., triageAnswers) where !(200..<300).contains(answer.status) {
            #expect(!listed.contains("CVE-2099-\(9000 + number)"), "refused exception \(number) is stored: \(listed)")
        }
        for (id, version) in exceptions {
            let answer = try Self.call(server.url, read, "GET", "/api/v1/exceptions/\(id)")
            #expect(answer.status == 200 && answer.body.contains(#""version":\#(version)"#), "\(id): \(answer)")
        }
        return "\(acknowledged.count) pushes and \(exceptions.count) exceptions acknowledged and present, "
            + "\(refused.count) pushes and \(triageAnswers.count { $0.status >= 500 }) triage changes refused and absent "
            + "(\(triageAnswers.count - 1) triage changes still fitted)"
    }

    @Test("a full disk under the SQLite store: 503 naming ENOSPC, reads served, nothing acknowledged lost, no restart")
    func sqliteStoreOnFullDisk() throws {
        let disk = try TmpfsMount(size: "8m")
        defer { disk.unmount() }
        let path = disk.directory.appendingPathComponent("store/repo.db").path
        let store = "sqlite:" + path
        let server = try ServerProcess(database: try ServerKillTests.database.get(), store: store)
        defer { server.stop() }
        let outcome = try Self.writeThroughFullDisk(server: server, store: store, disk: disk)
        server.stop()
        let queue = try DatabaseQueue(path: path)
        let integrity = try queue.read { try String.fetchAll($0, sql: "PRAGMA integrity_check") }
        try queue.close()
        #expect(integrity == ["ok"])
        print("full disk under the SQLite store: \(outcome); integrity_check \(integrity)")

        // Started on a full disk: it fails naming the problem, or serves reads and refuses writes — never hangs.
        try disk.fill()
        let start = try FullDiskStart.run(database: try ServerKillTests.database.get(), store: store)
        print("drydock server started on a full disk: \(start)")
        switch start {
        case .exited(let status, let log):
            #expect(status != 0 && log.contains(path) && log.contains("disk is full (ENOSPC"), "\(log)")
        case .serving(let url, let tokens, let process):
            defer { process.stop() }
            #expect(try Self.call(url, tokens["read"] ?? "", "GET", "/api/v1/images?limit=5").status == 200)
            let answer = try Self.call(
                url, tokens["write"] ?? "", "POST",
                "/api/v1/sboms?image=registry.example/full-disk/late@sha256:"
                    + String(repeating: "f", count: 64), body: Self.sbom("late", packages: 400))
            #expect(Self.refusesFullDisk(answer, store: store), "\(answer)")
        case .hung(let log):
            Issue.record("drydock server on a full disk neither served nor exited within 30 s: \(log)")
        }
    }

    /// The PostgreSQL database's files in a tablespace on the tmpfs (PostgreSQL's write-ahead log stays on the
    /// cluster's disk: when that fills, PostgreSQL itself stops with PANIC, which is not Drydock's to handle).
    @Test("a full disk under a PostgreSQL store's tablespace: 503 naming ENOSPC, reads served, nothing lost")
    func postgresStoreOnFullDisk() throws {
        let postgres = try PostgresServer.shared()
        let disk = try TmpfsMount(size: "16m")
        defer { disk.unmount() }
        // The cluster runs as `postgres` (we are root): it must reach the mount and own the tablespace folder.
        let folder = disk.directory.appendingPathComponent("tablespace")
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: disk.directory.path)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
        try FileManager.default.setAttributes([.ownerAccountName: "postgres"], ofItemAtPath: folder.path)
        let name = "full_disk_\(getpid())"
        try postgres.psql("CREATE TABLESPACE \(name) LOCATION '\(folder.path)'")
        try postgres.psql("CREATE DATABASE \(name) TABLESPACE \(name)")
        defer {
            try? postgres.psql("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
            try? postgres.psql("DROP TABLESPACE IF EXISTS \(name)")
        }
        let store = postgres.url(database: name)
        let server = try ServerProcess(database: try ServerKillTests.database.get(), store: store)
        defer { server.stop() }
        let outcome = try Self.writeThroughFullDisk(server: server, store: store, disk: disk)
        print("full disk under the PostgreSQL store's tablespace: \(outcome)")
    }
}
