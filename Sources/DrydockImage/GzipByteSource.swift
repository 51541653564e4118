import CDrydockZlib
import Foundation

/// Decompresses a gzip stream (one or more concatenated members) with zlib, on a thread of its own.
///
/// A background thread reads `base` and inflates ahead into a few 256 KiB buffers while the caller
/// parses, hashes and analyzes what was already decompressed, so a layer scan uses both cores. The
/// thread reads `base` only while this source is alive: when the source goes away it stops the thread
/// and waits for it, so whoever owns `base` may use it again afterwards.
///
/// Corrupt data throws `corruptCompression` with the compressed offset; a stream that stops before the
/// end of a member throws `truncated`. Both are thrown only after every byte decompressed before the
/// damage was handed out. Bytes after the last member that do not start another gzip member are ignored,
/// as `gzip -d` does.
public final class GzipByteSource: ByteSource {
    private let queue: InflateQueue
    private var current: InflateQueue.Chunk?
    private var currentOffset = 0
    /// Compressed bytes the background thread had consumed when it produced the chunk being read.
    public private(set) var compressedOffset: Int64 = 0
    /// Decompressed bytes handed out or skipped so far.
    public private(set) var decompressedOffset: Int64 = 0

    /// Decompresses `base`; `location` names the stream in errors.
    public init(base: any ByteSource, location: String) throws(ImageError) {
        let inflater = try ZlibInflater(base: base, location: location)
        queue = InflateQueue(inflater: inflater, buffers: 4, bufferSize: ByteSourceDefaults.bufferSize)
        queue.start()
    }

    deinit {
        if let current { queue.recycle(current.buffer) }
        queue.stop()
    }

    /// Fills `buffer` with decompressed bytes; `0` at the end of the last member.
    public func read(into buffer: UnsafeMutableRawBufferPointer) throws(ImageError) -> Int {
        guard !buffer.isEmpty, let chunk = try chunkWithData() else { return 0 }
        let n = min(buffer.count, chunk.count - currentOffset)
        UnsafeMutableRawBufferPointer(rebasing: buffer[0..<n]).copyMemory(
            from: UnsafeRawBufferPointer(rebasing: chunk.buffer[currentOffset..<(currentOffset + n)]))
        currentOffset += n
        decompressedOffset += Int64(n)
        return n
    }

    /// Decompresses and drops `count` bytes without copying them anywhere.
    public func skip(_ count: Int64) throws(ImageError) -> Int64 {
        var skipped: Int64 = 0
        while skipped < count, let chunk = try chunkWithData() {
            let n = Int(min(Int64(chunk.count - currentOffset), count - skipped))
            currentOffset += n
            skipped += Int64(n)
        }
        decompressedOffset += skipped
        return skipped
    }

    /// The chunk being read, or the next one when it is used up; `nil` at the end of the stream.
    private func chunkWithData() throws(ImageError) -> InflateQueue.Chunk? {
        if let current, currentOffset < current.count { return current }
        if let current { queue.recycle(current.buffer) }
        current = nil
        currentOffset = 0
        guard let next = try queue.take() else { return nil }
        current = next
        compressedOffset = next.compressedOffset
        return next
    }
}

/// Chunks of decompressed bytes passed from the inflating thread to the reader, in order.
///
/// `@unchecked Sendable`: every mutable stored property is read and written only while `condition` is
/// locked; the inflater is used only by the background thread between `start()` and its exit, which
/// `stop()` waits for; buffers are owned by one side at a time (free list → thread → ready list → reader).
private final class InflateQueue: @unchecked Sendable {
    /// Decompressed bytes in `buffer[0..<count]`.
    struct Chunk {
        var buffer: UnsafeMutableRawBufferPointer
        var count: Int
        var compressedOffset: Int64
    }

    private let condition = NSCondition()
    private let inflater: ZlibInflater
    private let allBuffers: [UnsafeMutableRawBufferPointer]
    private var free: [UnsafeMutableRawBufferPointer]
    private var ready: [Chunk] = []
    private var readyHead = 0
    private var ended = false
    private var failure: ImageError?
    private var stopping = false
    private var running = false

    init(inflater: ZlibInflater, buffers: Int, bufferSize: Int) {
        self.inflater = inflater
        allBuffers = (0..<buffers).map { _ in
            UnsafeMutableRawBufferPointer.allocate(byteCount: bufferSize, alignment: 64)
        }
        free = allBuffers
    }

    deinit {
        for buffer in allBuffers { buffer.deallocate() }
    }

    /// Starts the inflating thread.
    func start() {
        condition.lock()
        running = true
        condition.unlock()
        let thread = Thread { [self] in produce() }
        thread.stackSize = 1 << 20
        thread.start()
    }

    /// Stops the inflating thread and waits until it no longer touches the inflater or its base.
    func stop() {
        condition.lock()
        stopping = true
        condition.broadcast()
        while running { condition.wait() }
        condition.unlock()
    }

    /// The next chunk; `nil` at the end; throws the inflater's error once the chunks before it are taken.
    func take() throws(ImageError) -> Chunk? {
        condition.lock()
        while readyHead == ready.count && !ended { condition.wait() }
        if readyHead < ready.count {
            let chunk = ready[readyHead]
            readyHead += 1
            if readyHead == ready.count {
                ready.removeAll(keepingCapacity: true)
                readyHead = 0
            }
            condition.unlock()
            return chunk
        }
        let failure = self.failure
        condition.unlock()
        if let failure { throw failure }
        return nil
    }

    /// Gives a taken chunk's buffer back to the inflating thread.
    func recycle(_ buffer: UnsafeMutableRawBufferPointer) {
        condition.lock()
        free.append(buffer)
        condition.signal()
        condition.unlock()
    }

    /// The background thread: fills free buffers until the stream ends, fails or `stop()` is called.
    private func produce() {
        while let buffer = nextFreeBuffer() {
            var filled = 0
            var error: ImageError?
            do {
                while filled < buffer.count {
                    let got = try inflater.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[filled...]))
                    if got == 0 { break }
                    filled += got
                }
            } catch let caught {
                error = caught
            }
            condition.lock()
            if filled > 0 {
                ready.append(Chunk(buffer: buffer, count: filled, compressedOffset: inflater.compressedOffset))
            } else {
                free.append(buffer)
            }
            if filled < buffer.count || error != nil {
                ended = true
                failure = error
            }
            condition.broadcast()
            let done = ended
            condition.unlock()
            if done { break }
        }
        condition.lock()
        running = false
        condition.broadcast()
        condition.unlock()
    }

    /// Waits for a free buffer; `nil` when stopping.
    private func nextFreeBuffer() -> UnsafeMutableRawBufferPointer? {
        condition.lock()
        defer { condition.unlock() }
        while free.isEmpty && !stopping { condition.wait() }
        if stopping { return nil }
        return free.removeLast()
    }
}

/// zlib inflation of concatenated gzip members from a `ByteSource`, on the calling thread.
private final class ZlibInflater {
    private let base: any ByteSource
    private let location: String
    private let stream: UnsafeMutablePointer<z_stream>
    private let inputBase: UnsafeMutableRawPointer
    private let input: UnsafeMutableRawBufferPointer
    private var inputStart = 0
    private var inputEnd = 0
    private var baseEnded = false
    private var finished = false
    /// Compressed bytes consumed so far.
    private(set) var compressedOffset: Int64 = 0
    /// Decompressed bytes produced so far.
    private(set) var decompressedOffset: Int64 = 0

    init(base: any ByteSource, location: String) throws(ImageError) {
        self.base = base
        self.location = location
        self.stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        self.stream.initialize(to: z_stream())
        self.inputBase = UnsafeMutableRawPointer.allocate(byteCount: ByteSourceDefaults.bufferSize, alignment: 64)
        self.input = UnsafeMutableRawBufferPointer(start: inputBase, count: ByteSourceDefaults.bufferSize)
        let status = inflateInit2_(stream, 16 + MAX_WBITS, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        if status != Z_OK {
            stream.deinitialize(count: 1)
            stream.deallocate()
            input.deallocate()
            throw ImageError(code: .unreadable, reason: "cannot start zlib (status \(status))", location: location)
        }
    }

    deinit {
        inflateEnd(stream)
        stream.deinitialize(count: 1)
        stream.deallocate()
        input.deallocate()
    }

    /// Fills `buffer` with decompressed bytes; `0` at the end of the last member.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(ImageError) -> Int {
        guard let out = buffer.baseAddress, !buffer.isEmpty, !finished else { return 0 }
        let capacity = UInt32(clamping: buffer.count)
        stream.pointee.next_out = out.assumingMemoryBound(to: Bytef.self)
        stream.pointee.avail_out = capacity
        while stream.pointee.avail_out == capacity {
            if inputStart == inputEnd {
                try refill()
                if inputStart == inputEnd {
                    throw ImageError(
                        code: .truncated,
                        reason:
                            "gzip stream ends early after \(compressedOffset) bytes (\(decompressedOffset) bytes decompressed; file cut short or download interrupted?)",
                        location: location)
                }
            }
            let available = inputEnd - inputStart
            stream.pointee.next_in = (inputBase + inputStart).assumingMemoryBound(to: Bytef.self)
            stream.pointee.avail_in = UInt32(available)
            let status = inflate(stream, Z_NO_FLUSH)
            let used = available - Int(stream.pointee.avail_in)
            inputStart += used
            compressedOffset += Int64(used)
            switch status {
            case Z_OK, Z_BUF_ERROR:
                break
            case Z_STREAM_END:
                let produced = Int(capacity - stream.pointee.avail_out)
                decompressedOffset += Int64(produced)
                if try !startNextMember() {
                    finished = true
                }
                if produced > 0 || finished { return produced }
                stream.pointee.next_out = out.assumingMemoryBound(to: Bytef.self)
                stream.pointee.avail_out = capacity
                continue
            default:
                let message = stream.pointee.msg.map { String(cString: $0) } ?? "status \(status)"
                throw ImageError(
                    code: .corruptCompression,
                    reason: "corrupt gzip data near compressed offset \(compressedOffset): \(message)",
                    location: location)
            }
        }
        let produced = Int(capacity - stream.pointee.avail_out)
        decompressedOffset += Int64(produced)
        return produced
    }

    /// After a member ends: when the next bytes are another gzip header, resets zlib and returns `true`.
    private func startNextMember() throws(ImageError) -> Bool {
        while inputEnd - inputStart < 2 && !baseEnded {
            try refill()
        }
        guard inputEnd - inputStart >= 2 else { return false }
        let first = input[inputStart]
        let second = input[inputStart + 1]
        guard first == 0x1f && second == 0x8b else { return false }
        let status = inflateReset(stream)
        if status != Z_OK {
            throw ImageError(
                code: .corruptCompression, reason: "cannot reset zlib (status \(status))", location: location)
        }
        return true
    }

    /// Moves unread input to the front and reads more from `base`.
    private func refill() throws(ImageError) {
        if baseEnded { return }
        if inputStart > 0 {
            let left = inputEnd - inputStart
            if left > 0 {
                inputBase.copyMemory(from: inputBase + inputStart, byteCount: left)
            }
            inputStart = 0
            inputEnd = left
        }
        let got = try base.read(into: UnsafeMutableRawBufferPointer(rebasing: input[inputEnd...]))
        if got == 0 {
            baseEnded = true
        }
        inputEnd += got
    }
}
