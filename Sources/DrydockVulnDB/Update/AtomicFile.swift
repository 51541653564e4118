import DrydockModel
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A file written beside its destination and renamed over it only once complete and flushed to disk,
/// so a reader (or a crash) sees either the old file or the whole new one, never a mix.
///
/// Bytes go to `.<name>.tmp-<pid>` in the destination's directory; `commit()` calls `fsync`, renames
/// it into place and syncs the directory. A writer that is not committed removes its temporary file.
///
/// `@unchecked Sendable`: an instance is used by one task at a time (a registry blob sink is called
/// sequentially, never concurrently); it has no shared state beyond its own descriptor.
public final class AtomicFile: @unchecked Sendable {
    /// The file being replaced.
    public let destination: String
    /// The temporary file the bytes go to.
    public let temporaryPath: String
    private var descriptor: Int32
    private var finished = false

    /// Opens a temporary file beside `destination` (creating the directory).
    public init(destination: String) throws(VulnDBError) {
        self.destination = destination
        let directory = (destination as NSString).deletingLastPathComponent
        temporaryPath = (directory as NSString).appendingPathComponent(
            ".\((destination as NSString).lastPathComponent).tmp-\(getpid())")
        do {
            try PrivateDirectory.create(atPath: directory)
        } catch {
            throw VulnDBError(code: .ioFailure, reason: "cannot create directory", location: directory)
        }
        descriptor = open(temporaryPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw VulnDBError(
                code: .ioFailure, reason: "cannot create a temporary file", location: temporaryPath,
                underlying: ErrnoDescription.describe(errno))
        }
    }

    deinit { abandon() }

    /// Appends `bytes`, retrying short writes.
    public func write(_ bytes: some Collection<UInt8>) throws(VulnDBError) {
        let failed: Int32? = Array(bytes).withUnsafeBytes { buffer -> Int32? in
            guard let base = buffer.baseAddress else { return nil }
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(descriptor, base + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += written
            }
            return nil
        }
        if let failed {
            throw VulnDBError(
                code: .ioFailure, reason: "cannot write", location: temporaryPath,
                underlying: ErrnoDescription.describe(failed))
        }
    }

    /// Flushes the file to disk and renames it over `destination`.
    public func commit() throws(VulnDBError) {
        guard !finished else { return }
        finished = true
        let synced = fsync(descriptor) == 0
        let reason = ErrnoDescription.describe(errno)
        close(descriptor)
        descriptor = -1
        guard synced else {
            unlink(temporaryPath)
            throw VulnDBError(
                code: .ioFailure, reason: "cannot flush to disk", location: destination, underlying: reason)
        }
        guard rename(temporaryPath, destination) == 0 else {
            let reason = ErrnoDescription.describe(errno)
            unlink(temporaryPath)
            throw VulnDBError(
                code: .ioFailure, reason: "cannot move into place", location: destination, underlying: reason)
        }
        Self.syncDirectory(of: destination)
    }

    /// Closes and removes the temporary file unless it was committed.
    public func abandon() {
        guard !finished else { return }
        finished = true
        close(descriptor)
        descriptor = -1
        unlink(temporaryPath)
    }

    /// Writes `bytes` to a new file at `path` (no sync, no rename: for files inside a staging folder that is
    /// itself moved into place); a failure names the errno (`No space left on device (ENOSPC)`).
    static func writePlain(_ bytes: [UInt8], to path: String) throws(VulnDBError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw VulnDBError(
                code: .ioFailure, reason: "cannot create", location: path, underlying: ErrnoDescription.describe(errno))
        }
        defer { close(descriptor) }
        var failure: Int32?
        bytes.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress else { return }
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(descriptor, base + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                offset += written
            }
        }
        if let failure {
            throw VulnDBError(
                code: .ioFailure, reason: "cannot write", location: path, underlying: ErrnoDescription.describe(failure)
            )
        }
    }

    /// Writes `bytes` to `destination` atomically.
    public static func write(_ bytes: some Collection<UInt8>, to destination: String) throws(VulnDBError) {
        let file = try AtomicFile(destination: destination)
        try file.write(bytes)
        try file.commit()
    }

    /// Puts the folder `staging` (complete) in place of the folder `target`: the old one is renamed aside to
    /// `.<name>.old-<pid>` beside it, `staging` renamed to `target`, then the old one removed; a reader sees the old
    /// folder or the new one, never a mix. When a rename fails, `staging` is removed and the old folder stays.
    static func replaceDirectory(_ target: String, with staging: String) throws(VulnDBError) {
        let parent = (target as NSString).deletingLastPathComponent
        let name = (target as NSString).lastPathComponent
        let old = parent + "/.\(name).old-\(getpid())"
        try? FileManager.default.removeItem(atPath: old)
        let hadTarget = FileManager.default.fileExists(atPath: target)
        guard !hadTarget || rename(target, old) == 0, rename(staging, target) == 0 else {
            let reason = ErrnoDescription.describe(errno)
            try? FileManager.default.removeItem(atPath: staging)
            throw VulnDBError(
                code: .ioFailure, reason: "cannot move \(name) into place", location: parent, underlying: reason)
        }
        try? FileManager.default.removeItem(atPath: old)
    }

    /// Syncs the directory holding `path`, so a rename in it survives a crash.
    static func syncDirectory(of path: String) {
        let directory = open((path as NSString).deletingLastPathComponent, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard directory >= 0 else { return }
        fsync(directory)
        close(directory)
    }
}
