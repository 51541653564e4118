import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A small tmpfs mounted on a new temporary folder, for tests of what Drydock does when the disk fills up.
/// Needs the right to mount (root, or CAP_SYS_ADMIN): `isAvailable` says whether this machine grants it and
/// prints why not once. Unmounted by `unmount()` and, whatever happens, when released.
public final class TmpfsMount: @unchecked Sendable {
    // @unchecked Sendable: used by the one test that made it; `mounted` only changes in `unmount()`.
    /// The mount point.
    public let directory: URL
    private var mounted = true

    /// Whether a tmpfs can be mounted here; when not, prints the reason once (tests skip on it).
    public static let isAvailable: Bool = {
        do {
            let probe = try TmpfsMount(size: "64k")
            probe.unmount()
            return true
        } catch {
            print("full-disk tests skipped: \(error)")
            return false
        }
    }()

    /// Mounts a tmpfs of `size` (`mount -o size=`: `64k`, `16m`) with mode 0700 on a new temporary folder.
    public init(size: String) throws {
        directory = try PackagePaths.temporaryDirectory("tmpfs")
        let result = try ProcessRunner.run(
            "mount", ["-t", "tmpfs", "-o", "size=\(size),mode=0700", "tmpfs", directory.path], timeout: 30)
        guard result.status == 0 else {
            try? FileManager.default.removeItem(at: directory)
            throw ProcessRunner.Failure(
                description:
                    "mount -t tmpfs is not permitted here (\(result.stderr.trimmingCharacters(in: .whitespacesAndNewlines)), exit \(result.status)); it needs root"
            )
        }
    }

    deinit { unmount() }

    /// Unmounts (lazily if something still holds it open) and removes the mount point; idempotent.
    public func unmount() {
        guard mounted else { return }
        mounted = false
        if (try? ProcessRunner.run("umount", [directory.path], timeout: 30))?.status != 0 {
            _ = try? ProcessRunner.run("umount", ["-l", directory.path], timeout: 30)
        }
        try? FileManager.default.removeItem(at: directory)
    }

    /// Fills the file system: writes `name` until the disk is full, then frees `leaving` bytes by deleting a
    /// reserve written first. Returns the filler's path (delete it to make room again).
    @discardableResult
    public func fill(leaving: Int = 0, name: String = "filler") throws -> String {
        let reserve = directory.appendingPathComponent(".reserve").path
        if leaving > 0 { try Self.write(path: reserve, upTo: leaving) }
        let filler = directory.appendingPathComponent(name).path
        try Self.write(path: filler, upTo: .max)
        if leaving > 0 { unlink(reserve) }
        return filler
    }

    /// Bytes free on the file system, as `statvfs` counts them.
    public var freeBytes: Int {
        var stats = statvfs()
        guard statvfs(directory.path, &stats) == 0 else { return -1 }
        return Int(stats.f_bavail) * Int(stats.f_frsize)
    }

    /// Appends zeros to `path` until `limit` bytes or ENOSPC (in 64 KiB, then 4 KiB, steps).
    private static func write(path: String, upTo limit: Int) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND, 0o600)
        guard descriptor >= 0 else {
            throw ProcessRunner.Failure(description: "cannot create \(path): \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        var total = 0
        for step in [65536, 4096] {
            let zeros = [UInt8](repeating: 0, count: step)
            while total < limit {
                let written = zeros.withUnsafeBytes {
                    Glibc.write(descriptor, $0.baseAddress, min(step, limit - total))
                }
                if written < 0 && errno == EINTR { continue }
                if written <= 0 { break }
                total += written
            }
        }
        if limit != .max && total < limit {
            throw ProcessRunner.Failure(description: "the tmpfs at \(path) has no room for \(limit) bytes")
        }
    }
}
