import DrydockTestSupport
import Foundation
import Testing

/// An engine export is spooled to a private file in the cache directory; interrupting drydock while it
/// spools removes the file. The engine here (scripts/engines/slow_engine.py) streams an export that never
/// ends, so the signal is certain to arrive mid-spool.
@Suite struct EngineSpoolInterruptTests {
    /// Starts the slow engine on a socket in a new folder; returns it and the socket's path.
    static func slowEngine() throws -> (BackgroundProcess, String) {
        let directory = try PackagePaths.temporaryDirectory("slow-engine")
        let socket = directory.appendingPathComponent("engine.sock").path
        let script = PackagePaths.root.appendingPathComponent("scripts/engines/slow_engine.py").path
        guard let python = ProcessRunner.which("python3") else {
            throw CLI.ProcessFailure(description: "python3 is not installed")
        }
        let engine = try BackgroundProcess(python, [script, socket], environment: ProcessInfo.processInfo.environment)
        for _ in 0..<250 where !FileManager.default.fileExists(atPath: socket) {
            usleep(20_000)
        }
        guard FileManager.default.fileExists(atPath: socket) else {
            throw CLI.ProcessFailure(description: "slow_engine.py did not create \(socket): \(engine.stderr)")
        }
        return (engine, socket)
    }

    /// Files in `directory`, or none when it does not exist.
    static func files(_ directory: URL) -> [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
    }

    @Test("a signal during the spool removes the spool file", arguments: [SIGINT, SIGTERM])
    func interruptRemovesTheSpool(signal: Int32) throws {
        let (engine, socket) = try Self.slowEngine()
        defer { engine.send(SIGKILL) }
        let cache = try PackagePaths.temporaryDirectory("spool-cache")
        let spool = cache.appendingPathComponent("tmp")
        let scan = try BackgroundProcess(
            PackagePaths.drydock,
            [
                "image", "drydock-test/slow:1.0", "--image-src", "docker", "--docker-host", "unix://\(socket)",
                "--cache-dir", cache.path,
            ],
            environment: EngineCLI.environment())
        // Wait until the spool file exists and has grown: the export is being written.
        var spooled: String?
        for _ in 0..<1500 {
            if let name = Self.files(spool).first,
                let size =
                    (try? FileManager.default.attributesOfItem(atPath: spool.appendingPathComponent(name).path))?[
                        .size] as? Int, size > 1024
            {
                spooled = name
                break
            }
            usleep(20_000)
        }
        let name = try #require(spooled, "no spool file appeared in \(spool.path): \(scan.stderr)")
        let attributes = try FileManager.default.attributesOfItem(atPath: spool.appendingPathComponent(name).path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let folder = try FileManager.default.attributesOfItem(atPath: spool.path)
        #expect((folder[.posixPermissions] as? Int) == 0o700)
        scan.send(signal)
        let status = scan.wait(timeout: 30)
        #expect(status == 128 + signal, "\(scan.stderr)")
        #expect(Self.files(spool) == [], "the spool file was left behind")
    }

    @Test("a spool left by a killed process is swept by the next scan")
    func killedProcessSpoolIsSwept() throws {
        let (engine, socket) = try Self.slowEngine()
        defer { engine.send(SIGKILL) }
        let cache = try PackagePaths.temporaryDirectory("spool-cache")
        let spool = cache.appendingPathComponent("tmp")
        let arguments = [
            "image", "drydock-test/slow:1.0", "--image-src", "docker", "--docker-host", "unix://\(socket)",
            "--cache-dir", cache.path,
        ]
        let first = try BackgroundProcess(PackagePaths.drydock, arguments, environment: EngineCLI.environment())
        for _ in 0..<1500 where Self.files(spool).isEmpty { usleep(20_000) }
        let left = Self.files(spool)
        #expect(left.count == 1, "\(first.stderr)")
        let leftName = try #require(left.first)
        first.send(SIGKILL)  // no handler runs: the file stays
        _ = first.wait(timeout: 30)
        #expect(Self.files(spool) == left)
        let second = try BackgroundProcess(PackagePaths.drydock, arguments, environment: EngineCLI.environment())
        // The second scan sweeps the dead one's file, then spools its own.
        for _ in 0..<1500 where Self.files(spool).contains(leftName) || Self.files(spool).isEmpty {
            usleep(20_000)
        }
        let current = Self.files(spool)
        #expect(!current.contains(leftName), "the dead process's spool was not swept")
        #expect(current.count == 1, "the second scan should be spooling: \(second.stderr)")
        second.send(SIGINT)
        _ = second.wait(timeout: 30)
        #expect(Self.files(spool) == [])
    }
}
