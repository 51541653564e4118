import Foundation

/// Where content too large to hold in memory is put aside, and from which size.
public struct SpillPolicy: Sendable, Hashable {
    /// Content up to this many bytes is kept in memory; larger content goes to a temporary file.
    public var inMemoryLimit: Int
    /// The folder temporary files are created in (and at once removed from: see `FileBytes.temporary(in:)`).
    public var directory: String

    /// Creates a policy.
    public init(inMemoryLimit: Int = 8 << 20, directory: String = SpillPolicy.defaultDirectory) {
        self.inMemoryLimit = inMemoryLimit
        self.directory = directory
    }

    /// `TMPDIR`, else `/tmp`. On a machine whose `/tmp` is a RAM disk, point `TMPDIR` at a disk: what is put
    /// aside there counts against memory.
    public static var defaultDirectory: String {
        let value = ProcessInfo.processInfo.environment["TMPDIR"] ?? ""
        return value.isEmpty ? "/tmp" : value
    }
}

/// Collects bytes in memory up to the policy's limit, then in a private temporary file, and hands them back as
/// a file read by offset: `InMemoryBytes` when small, `FileBytes` when put aside.
final class SpillBuffer {
    private let policy: SpillPolicy
    private var memory: [UInt8] = []
    private var file: FileBytes?

    /// Collects under `policy`.
    init(policy: SpillPolicy) { self.policy = policy }

    /// Bytes collected so far.
    var count: Int { file?.count ?? memory.count }
    /// Whether the bytes went to a temporary file.
    var spilled: Bool { file != nil }

    /// Adds `buffer`. Throws `CatalogError` (`unreadable-file`) when the temporary file cannot be created or
    /// written.
    func append(_ buffer: UnsafeRawBufferPointer) throws(CatalogError) {
        if let file {
            try file.append(buffer)
            return
        }
        if memory.count + buffer.count <= policy.inMemoryLimit {
            memory.append(contentsOf: buffer)
            return
        }
        let spill = try FileBytes.temporary(in: policy.directory)
        try memory.withUnsafeBytes { raw in Result { () throws(CatalogError) in try spill.append(raw) } }.get()
        memory = []
        try spill.append(buffer)
        file = spill
    }

    /// The bytes collected.
    func finish() -> any RandomAccessBytes {
        file ?? InMemoryBytes(memory)
    }
}
