import DrydockTestSupport
import Foundation
import Testing

@testable import DrydockImage

/// The spool file for engine exports: private, removed, swept after a crash, and the signal dispositions
/// around it left as they were.
@Suite(.serialized) struct EngineSpoolTests {
    /// The current disposition of `signal`, as an integer (0 default, 1 ignored, else a handler).
    static func disposition(_ number: Int32) -> Int {
        var action = sigaction()
        sigaction(number, nil, &action)
        return unsafeBitCast(action.__sigaction_handler.sa_handler, to: Int.self)
    }

    @Test func privateFileRemovedAfterUse() throws {
        let directory = try PackagePaths.temporaryDirectory("spool").appendingPathComponent("tmp").path
        let spool = try EngineSpool(directory: directory)
        let bytes: [UInt8] = Array(repeating: 7, count: 5000)
        try bytes.withUnsafeBytes { raw in try spool.write(raw) }
        spool.finish()
        let attributes = try FileManager.default.attributesOfItem(atPath: spool.path)
        #expect(attributes[.posixPermissions] as? Int == 0o600)
        #expect(attributes[.size] as? Int == 5000)
        #expect(try FileManager.default.attributesOfItem(atPath: directory)[.posixPermissions] as? Int == 0o700)
        spool.remove()
        #expect(!FileManager.default.fileExists(atPath: spool.path))
        spool.remove()  // idempotent
    }

    @Test func filesOfDeadProcessesAreSwept() throws {
        let directory = try PackagePaths.temporaryDirectory("spool")
        // A process that has exited: its PID is free (reaped) until reused.
        let result = try ProcessRunner.run("/bin/sh", ["-c", "echo $$"])
        let deadPID = result.output.trimmingCharacters(in: .whitespacesAndNewlines)
        let dead = directory.appendingPathComponent("drydock-engine-\(deadPID)-0000.tar")
        let alive = directory.appendingPathComponent("drydock-engine-1-0000.tar")
        let other = directory.appendingPathComponent("unrelated.tar")
        for file in [dead, alive, other] { try Data([1]).write(to: file) }
        let spool = try EngineSpool(directory: directory.path)
        defer { spool.remove() }
        #expect(!FileManager.default.fileExists(atPath: dead.path))
        #expect(FileManager.default.fileExists(atPath: alive.path))
        #expect(FileManager.default.fileExists(atPath: other.path))
    }

    @Test func signalDispositionsAreRestoredAndIgnoredOnesKept() throws {
        let directory = try PackagePaths.temporaryDirectory("spool").path
        let savedHUP = signal(SIGHUP, SIG_IGN)
        defer { signal(SIGHUP, savedHUP) }
        let termBefore = Self.disposition(SIGTERM)
        let spool = try EngineSpool(directory: directory)
        #expect(Self.disposition(SIGHUP) == 1, "an ignored SIGHUP (nohup) must stay ignored")
        #expect(Self.disposition(SIGTERM) == 1, "SIGTERM is routed to the cleanup while the spool exists")
        spool.remove()
        #expect(Self.disposition(SIGTERM) == termBefore)
        #expect(Self.disposition(SIGHUP) == 1)
    }
}
