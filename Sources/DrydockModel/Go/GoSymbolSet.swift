/// The function names of one Go binary, normalized (see `GoSymbolName`), for asking whether an advisory's
/// symbols are present.
///
/// Kept once per binary, through the inventory to the matcher, so it is compact: the names, sorted by their
/// UTF-8 bytes and without repeats, lie end to end in one byte array with one 32-bit offset each (a binary of
/// 100,000 functions costs about 4 MB, not 100,000 strings). Encoded as one newline-separated string.
public struct GoSymbolSet: Sendable, Hashable, Codable {
    /// The names' bytes, end to end.
    private let storage: [UInt8]
    /// Where each name starts in `storage`, plus its end.
    private let bounds: [UInt32]

    /// The set of `linkerNames` (as the binary's function table spells them).
    public init(linkerNames: some Sequence<String>) {
        self.init(sortedUnique: Set(linkerNames.lazy.map(GoSymbolName.normalized)))
    }

    private init(sortedUnique names: Set<String>) {
        let sorted = names.map { Array($0.utf8) }.sorted { $0.lexicographicallyPrecedes($1) }
        var storage: [UInt8] = []
        storage.reserveCapacity(sorted.reduce(0) { $0 + $1.count })
        var bounds: [UInt32] = [0]
        bounds.reserveCapacity(sorted.count + 1)
        for name in sorted {
            storage += name
            bounds.append(UInt32(truncatingIfNeeded: storage.count))
        }
        self.storage = storage
        self.bounds = bounds
    }

    /// How many names it holds.
    public var count: Int { bounds.count - 1 }

    /// The names, in byte order.
    public var names: [String] {
        (0..<count).map { String(decoding: storage[Int(bounds[$0])..<Int(bounds[$0 + 1])], as: UTF8.self) }
    }

    /// Whether `importPath.symbol` is present: as a function or method, or as a closure written inside it
    /// (`symbol.func1`), which stands for the function when the compiler inlined the function itself.
    public func contains(importPath: String, symbol: String) -> Bool {
        let qualified = Array("\(importPath).\(symbol)".utf8)
        return storage.withUnsafeBufferPointer { bytes in
            func name(_ index: Int) -> UnsafeBufferPointer<UInt8>.SubSequence {
                bytes[Int(bounds[index])..<Int(bounds[index + 1])]
            }
            // First name not ordered before `qualified`: the name itself, or the first one it prefixes.
            var low = 0
            var high = count
            while low < high {
                let middle = (low + high) / 2
                if name(middle).lexicographicallyPrecedes(qualified) { low = middle + 1 } else { high = middle }
            }
            // Closures (`qualified.func1`) sort after `qualified`; names like `qualifiedX` may come between.
            var index = low
            while index < count {
                let candidate = name(index)
                guard candidate.starts(with: qualified) else { return false }
                if candidate.count == qualified.count { return true }
                if candidate[candidate.startIndex + qualified.count] == UInt8(ascii: ".") { return true }
                index += 1
            }
            return false
        }
    }

    public static func == (lhs: GoSymbolSet, rhs: GoSymbolSet) -> Bool {
        lhs.bounds == rhs.bounds && lhs.storage == rhs.storage
    }

    /// Hashes the sizes only: equal sets have equal sizes, and hashing megabytes of names buys nothing.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(count)
        hasher.combine(storage.count)
    }

    public init(from decoder: any Decoder) throws {
        let joined = try decoder.singleValueContainer().decode(String.self)
        self.init(sortedUnique: Set(joined.split(separator: "\n").map(String.init)))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(names.joined(separator: "\n"))
    }
}
