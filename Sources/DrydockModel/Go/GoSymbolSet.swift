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
        var flat: [UInt8] = []
        var bounds: [UInt32] = [0]
        for name in linkerNames {
            GoSymbolName.appendNormalized(name, to: &flat)
            bounds.append(UInt32(truncatingIfNeeded: flat.count))
        }
        self.init(unsorted: flat, bounds: bounds)
    }

    /// The names `flat[bounds[i]..<bounds[i + 1]]`, in any order and with repeats: sorted by an index sort over
    /// the one buffer (no array per name), then copied out once without repeats.
    private init(unsorted flat: [UInt8], bounds: [UInt32]) {
        let names = bounds.count - 1
        var order = [Int32](unsafeUninitializedCapacity: names) { buffer, count in
            for index in 0..<names { buffer[index] = Int32(index) }
            count = names
        }
        var storage: [UInt8] = []
        storage.reserveCapacity(flat.count)
        var sortedBounds: [UInt32] = [0]
        flat.withUnsafeBufferPointer { bytes in
            bounds.withUnsafeBufferPointer { bounds in
                func name(_ index: Int32) -> UnsafeBufferPointer<UInt8>.SubSequence {
                    bytes[Int(bounds[Int(index)])..<Int(bounds[Int(index) + 1])]
                }
                order.sort { Self.precedes(name($0), name($1)) }
                var last: UnsafeBufferPointer<UInt8>.SubSequence? = nil
                for index in order {
                    let next = name(index)
                    if let last, last.elementsEqual(next) { continue }
                    storage.append(contentsOf: next)
                    sortedBounds.append(UInt32(truncatingIfNeeded: storage.count))
                    last = next
                }
            }
        }
        self.storage = storage
        self.bounds = sortedBounds
    }

    /// UTF-8 byte order (shorter first when one is a prefix of the other).
    private static func precedes(
        _ lhs: UnsafeBufferPointer<UInt8>.SubSequence, _ rhs: UnsafeBufferPointer<UInt8>.SubSequence
    ) -> Bool {
        var left = lhs.startIndex
        var right = rhs.startIndex
        while left < lhs.endIndex && right < rhs.endIndex {
            let a = lhs[left]
            let b = rhs[right]
            if a != b { return a < b }
            left += 1
            right += 1
        }
        return left == lhs.endIndex && right < rhs.endIndex
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
        // Names as encoded (already normalized), one per line.
        var flat: [UInt8] = []
        var bounds: [UInt32] = [0]
        for line in joined.utf8.split(separator: UInt8(ascii: "\n")) {
            flat += line
            bounds.append(UInt32(truncatingIfNeeded: flat.count))
        }
        self.init(unsorted: flat, bounds: bounds)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(names.joined(separator: "\n"))
    }
}
