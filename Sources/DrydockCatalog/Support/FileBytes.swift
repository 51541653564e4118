#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A file on disk read by offset (`pread`), never whole: a file of a directory tree, or a layer entry put aside
/// in a private temporary file (`FileBytes.temporary(in:)`) so that it can be read by offset too.
///
/// The descriptor is closed when the value is released.
public final class FileBytes: RandomAccessBytes {
    private let descriptor: Int32
    /// Where the file is (or, for a temporary file, the folder it was created in): named in errors.
    public let location: String
    /// See `RandomAccessBytes.count`: the size when opened, or what has been appended.
    public private(set) var count: Int

    private init(descriptor: Int32, location: String, count: Int) {
        self.descriptor = descriptor
        self.location = location
        self.count = count
    }

    deinit { close(descriptor) }

    /// Opens the regular file at `path` for reading. Symbolic links are not followed and anything but a regular
    /// file (a FIFO swapped in after the walk saw a file, a device) is refused, so opening never blocks.
    ///
    /// Throws `CatalogError` (`unreadable-file`) naming `path` and the system's reason.
    public init(path: String) throws(CatalogError) {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)
        guard fd >= 0 else { throw Self.failure("cannot open", path) }
        var status = stat()
        guard fstat(fd, &status) == 0 else {
            let error = Self.failure("cannot read the size of", path)
            close(fd)
            throw error
        }
        guard status.st_mode & S_IFMT == S_IFREG else {
            close(fd)
            throw CatalogError(code: .unreadableFile, reason: "not a regular file any more", location: path)
        }
        self.descriptor = fd
        self.location = path
        self.count = Int(status.st_size)
    }

    /// A new, empty temporary file in `directory`, private to this process: created with mode 0600 and
    /// removed from the folder at once, so nothing is left behind whatever happens to the process. Fill it
    /// with `append(_:)`, then read it by offset.
    ///
    /// Throws `CatalogError` (`unreadable-file`) when the file cannot be created (a missing folder, no
    /// permission).
    public static func temporary(in directory: String) throws(CatalogError) -> FileBytes {
        var template = Array((directory.hasSuffix("/") ? directory : directory + "/").utf8CString.dropLast())
        template += Array("drydock-spill-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { buffer -> Int32 in
            guard let base = buffer.baseAddress else { return -1 }
            let fd = mkstemp(base)
            if fd >= 0 { unlink(base) }
            return fd
        }
        guard fd >= 0 else { throw failure("cannot create a temporary file in", directory) }
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        return FileBytes(descriptor: fd, location: directory, count: 0)
    }

    /// Appends `buffer` at the end (of a file made by `temporary(in:)`). Throws `CatalogError`
    /// (`unreadable-file`) when the write fails (the disk is full).
    public func append(_ buffer: UnsafeRawBufferPointer) throws(CatalogError) {
        var written = 0
        while written < buffer.count {
            guard let base = buffer.baseAddress else { return }
            let n = pwrite(descriptor, base + written, buffer.count - written, off_t(count + written))
            if n < 0, errno == EINTR { continue }
            guard n > 0 else { throw Self.failure("cannot write a temporary file in", location) }
            written += n
        }
        count += written
    }

    /// See `RandomAccessBytes.read(at:into:)`.
    public func read(at offset: Int, into buffer: UnsafeMutableRawBufferPointer) throws(CatalogError) -> Int {
        guard offset >= 0, offset < count, let base = buffer.baseAddress else { return 0 }
        let want = min(buffer.count, count - offset)
        var filled = 0
        while filled < want {
            let n = pread(descriptor, base + filled, want - filled, off_t(offset + filled))
            if n < 0, errno == EINTR { continue }
            guard n >= 0 else { throw Self.failure("cannot read", location) }
            if n == 0 { break }
            filled += n
        }
        return filled
    }

    private static func failure(_ what: String, _ path: String) -> CatalogError {
        let reason = String(cString: strerror(errno))
        return CatalogError(code: .unreadableFile, reason: "\(what) \(path): \(reason)", location: path)
    }
}
