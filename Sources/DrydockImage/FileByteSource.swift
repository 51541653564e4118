#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads a file with POSIX `open`/`read` through a 256 KiB buffer; skips with `lseek` when the file is a
/// regular file. Large reads bypass the buffer and go straight into the caller's memory.
///
/// Not thread-safe: one reader at a time.
public final class FileByteSource: ByteSource {
    private let fd: Int32
    /// The path, for error messages.
    public let path: String
    /// Size of the file when it is a regular file (seekable), else `nil`.
    public let fileSize: Int64?
    private let buffer: UnsafeMutableRawBufferPointer
    private var bufferStart = 0
    private var bufferEnd = 0
    /// Bytes handed out or skipped so far (the logical read position).
    public private(set) var position: Int64 = 0

    /// Opens `path` for reading; throws `notFound` or `unreadable`.
    public init(path: String) throws(ImageError) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 {
            let err = errno
            let code: ImageError.Code = err == ENOENT ? .notFound : .unreadable
            throw ImageError(code: code, reason: "cannot open: \(String(cString: strerror(err)))", location: path)
        }
        var info = stat()
        if fstat(fd, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG {
            fileSize = Int64(info.st_size)
        } else {
            fileSize = nil
        }
        self.fd = fd
        self.path = path
        self.buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: ByteSourceDefaults.bufferSize, alignment: 64)
    }

    deinit {
        buffer.deallocate()
        close(fd)
    }

    /// Reads into `destination`: from the buffer first, then directly from the file for large requests.
    public func read(into destination: UnsafeMutableRawBufferPointer) throws(ImageError) -> Int {
        if destination.isEmpty { return 0 }
        if bufferStart < bufferEnd {
            let n = min(destination.count, bufferEnd - bufferStart)
            UnsafeMutableRawBufferPointer(rebasing: destination[0..<n]).copyMemory(
                from: UnsafeRawBufferPointer(rebasing: buffer[bufferStart..<(bufferStart + n)]))
            bufferStart += n
            position += Int64(n)
            return n
        }
        if destination.count >= buffer.count / 2 {
            let n = try systemRead(into: destination)
            position += Int64(n)
            return n
        }
        bufferStart = 0
        bufferEnd = try systemRead(into: buffer)
        if bufferEnd == 0 { return 0 }
        return try read(into: destination)
    }

    /// Skips `count` bytes: drops buffered bytes, then seeks (regular files) or reads and discards.
    public func skip(_ count: Int64) throws(ImageError) -> Int64 {
        if count <= 0 { return 0 }
        let buffered = Int64(bufferEnd - bufferStart)
        if count <= buffered {
            bufferStart += Int(count)
            position += count
            return count
        }
        bufferStart = 0
        bufferEnd = 0
        position += buffered
        let rest = count - buffered
        let here = fileSize == nil ? -1 : lseek(fd, 0, SEEK_CUR)
        guard let size = fileSize, here >= 0 else {
            return try buffered + discardThroughBuffer(rest)
        }
        let target = min(Int64(here) + rest, max(size, Int64(here)))
        if lseek(fd, off_t(target), SEEK_SET) < 0 {
            throw ImageError(
                code: .unreadable, reason: "cannot seek: \(String(cString: strerror(errno)))", location: path)
        }
        let moved = target - Int64(here)
        position += moved
        return buffered + moved
    }

    /// Reads and drops `count` bytes through the internal buffer (pipes and other unseekable files).
    private func discardThroughBuffer(_ count: Int64) throws(ImageError) -> Int64 {
        var dropped: Int64 = 0
        while dropped < count {
            let want = Int(min(count - dropped, Int64(buffer.count)))
            let got = try systemRead(into: UnsafeMutableRawBufferPointer(rebasing: buffer[0..<want]))
            if got == 0 { break }
            dropped += Int64(got)
        }
        position += dropped
        return dropped
    }

    /// Reads `count` bytes at absolute `offset` with `pread`, without moving the read position.
    func readAt(into destination: UnsafeMutableRawBufferPointer, at offset: Int64) throws(ImageError) -> Int {
        while true {
            let n = posixPread(fd, destination, offset)
            if n >= 0 { return n }
            if errno == EINTR { continue }
            throw ImageError(
                code: .unreadable, reason: "read failed: \(String(cString: strerror(errno)))", location: path)
        }
    }

    private func systemRead(into destination: UnsafeMutableRawBufferPointer) throws(ImageError) -> Int {
        while true {
            let n = posixRead(fd, destination)
            if n >= 0 { return n }
            if errno == EINTR { continue }
            throw ImageError(
                code: .unreadable, reason: "read failed: \(String(cString: strerror(errno)))", location: path)
        }
    }
}

private func posixRead(_ fd: Int32, _ destination: UnsafeMutableRawBufferPointer) -> Int {
    read(fd, destination.baseAddress, destination.count)
}

private func posixPread(_ fd: Int32, _ destination: UnsafeMutableRawBufferPointer, _ offset: Int64) -> Int {
    pread(fd, destination.baseAddress, destination.count, off_t(offset))
}

/// A window `[offset, offset + length)` of a plain file, read with `pread`: a layer inside an
/// uncompressed archive, opened without scanning the archive again.
final class FileSliceByteSource: ByteSource {
    private let file: FileByteSource
    private let start: Int64
    private let length: Int64
    private var consumed: Int64 = 0

    init(file: FileByteSource, offset: Int64, length: Int64) {
        self.file = file
        self.start = offset
        self.length = length
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(ImageError) -> Int {
        let left = length - consumed
        if left <= 0 || buffer.isEmpty { return 0 }
        let want = Int(min(Int64(buffer.count), left))
        let n = try file.readAt(into: UnsafeMutableRawBufferPointer(rebasing: buffer[0..<want]), at: start + consumed)
        consumed += Int64(n)
        return n
    }

    func skip(_ count: Int64) throws(ImageError) -> Int64 {
        let n = max(0, min(count, length - consumed))
        consumed += n
        return n
    }
}
