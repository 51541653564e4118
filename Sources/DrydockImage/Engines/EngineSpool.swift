import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A private temporary file holding an engine's `docker save` export while it is scanned.
///
/// The export stream puts `manifest.json` at its end, so it cannot be read as it arrives: it is written
/// here first (mode 0600, in a 0700 folder under the cache directory) and scanned as an archive. The file
/// is removed by `remove()`, on SIGINT, SIGTERM and SIGHUP while it exists (`SpoolInterruptCleanup`), and —
/// for a process killed outright — by the next spool created in the same folder, which sweeps files whose
/// process is gone.
public final class EngineSpool: @unchecked Sendable {
    // @unchecked Sendable: `descriptor` is written by `write`/`finish` from one task at a time (the export
    // loop), and `removed` is only read and written under `lock`.
    /// The file's path.
    public let path: String
    private var descriptor: Int32
    private let lock = NSLock()
    private var removed = false
    /// Bytes written so far.
    public private(set) var size: Int64 = 0

    private static let prefix = "drydock-engine-"

    /// Creates a new spool file in `directory` (made 0700 when missing), after sweeping files left by dead
    /// processes.
    public init(directory: String) throws(ImageError) {
        do {
            try FileManager.default.createDirectory(
                atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw ImageError(
                code: .unreadable, reason: "cannot create the spool folder: \(error.localizedDescription)",
                location: directory)
        }
        Self.sweep(directory)
        let name = "\(Self.prefix)\(getpid())-\(UUID().uuidString.prefix(8)).tar"
        let path = directory + "/" + name
        // Registered and made under the cleanup's lock, so an interrupt never leaves the file behind.
        let fd = SpoolInterruptCleanup.register(path) { open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600) }
        guard fd >= 0 else {
            let reason = String(cString: strerror(errno))
            SpoolInterruptCleanup.unregister(path)
            throw ImageError(code: .unreadable, reason: "cannot create a spool file: \(reason)", location: path)
        }
        self.path = path
        self.descriptor = fd
    }

    deinit {
        remove()
    }

    /// Appends `bytes`; throws `unreadable` when the disk refuses (full, quota).
    public func write(_ bytes: UnsafeRawBufferPointer) throws(ImageError) {
        guard let base = bytes.baseAddress else { return }
        var offset = 0
        while offset < bytes.count {
            let written = Self.systemWrite(descriptor, base + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw ImageError(
                    code: .unreadable,
                    reason: "cannot write the engine's export to the spool file: \(String(cString: strerror(errno)))",
                    location: path)
            }
            offset += written
        }
        size += Int64(bytes.count)
    }

    /// Closes the file for writing; it stays until `remove()`.
    public func finish() {
        if descriptor >= 0 {
            close(descriptor)
            descriptor = -1
        }
    }

    /// Deletes the file (idempotent).
    public func remove() {
        lock.lock()
        defer { lock.unlock() }
        guard !removed else { return }
        removed = true
        finish()
        unlink(path)
        SpoolInterruptCleanup.unregister(path)
    }

    private static func systemWrite(_ descriptor: Int32, _ pointer: UnsafeRawPointer, _ count: Int) -> Int {
        #if canImport(Glibc)
            Glibc.write(descriptor, pointer, count)
        #else
            Darwin.write(descriptor, pointer, count)
        #endif
    }

    /// Removes spool files in `directory` whose process no longer runs (killed before it could clean up).
    static func sweep(_ directory: String) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
        for name in names where name.hasPrefix(prefix) {
            let pidText = name.dropFirst(prefix.count).prefix { $0 != "-" }
            guard let pid = Int32(pidText), pid != getpid() else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH {
                unlink(directory + "/" + name)
            }
        }
    }
}
