import Foundation
import NIOCore

/// A file's contents as an async sequence of 1 MiB buffers, for request bodies streamed from disk
/// (`HTTPRequest.bodyFile`). Each iteration opens the file afresh, so a retried request re-sends it.
struct FileChunks: AsyncSequence, Sendable {
    typealias Element = ByteBuffer

    /// The file streamed.
    let path: String
    /// Its size in bytes when the request was made.
    let size: Int64

    /// Chunks of the file at `path`; throws `invalidInput` when it cannot be read.
    init(path: String) throws(NetworkError) {
        guard FileManager.default.isReadableFile(atPath: path),
            let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber
        else {
            throw NetworkError(code: .invalidInput, reason: "the upload file cannot be read", location: path)
        }
        self.path = path
        self.size = size.int64Value
    }

    func makeAsyncIterator() -> Iterator {
        Iterator(path: path)
    }

    /// Reads the file in order; throws when it cannot be opened or read.
    struct Iterator: AsyncIteratorProtocol {
        let path: String
        var handle: FileHandle?
        var done = false

        init(path: String) {
            self.path = path
        }

        mutating func next() async throws -> ByteBuffer? {
            if done { return nil }
            if handle == nil {
                guard let opened = FileHandle(forReadingAtPath: path) else {
                    throw NetworkError(code: .invalidInput, reason: "the upload file cannot be opened", location: path)
                }
                handle = opened
            }
            guard let handle, let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty else {
                try? handle?.close()
                done = true
                return nil
            }
            return ByteBuffer(bytes: chunk)
        }
    }
}
