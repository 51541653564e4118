/// The logic behind `drydock version compare` and `drydock version satisfies`, free of I/O.
public enum VersionQuery {
    /// The result of a batch of `A B` lines.
    public struct BatchResult: Sendable {
        /// One answer per non-blank input line (`<`, `=`, `>`, or `!` for a line that failed), each ending in `\n`.
        public var output: [UInt8]
        /// The problems, one per failed line, as messages for standard error.
        public var errors: [String]
    }

    /// Finds a scheme by its command-line name, or explains which names exist.
    public static func scheme(named name: String) throws(VersionError) -> VersionScheme {
        guard let scheme = VersionScheme(rawValue: name.lowercased()) else {
            let names = VersionScheme.allCases.map(\.rawValue).joined(separator: ", ")
            throw VersionError(code: .unsupportedScheme, reason: "unknown scheme; use one of \(names)", version: name)
        }
        return scheme
    }

    /// Compares every `A B` line (whitespace separated) of `input`; blank lines are skipped.
    public static func compareBatch(_ input: [UInt8], scheme: VersionScheme) -> BatchResult {
        var result = BatchResult(output: [], errors: [])
        result.output.reserveCapacity(input.count / 8)
        var lineNumber = 0
        for line in input.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            lineNumber += 1
            let fields = line.split(whereSeparator: ByteClass.isSpace)
            if fields.isEmpty { continue }
            guard fields.count == 2 else {
                result.output.append(contentsOf: "!\n".utf8)
                result.errors.append("line \(lineNumber): expected two versions separated by whitespace")
                continue
            }
            let lhs = String(decoding: fields[0], as: UTF8.self)
            let rhs = String(decoding: fields[1], as: UTF8.self)
            do {
                let order = try scheme.compare(lhs, rhs)
                result.output.append(contentsOf: order.rawValue.utf8)
            } catch {
                result.output.append(UInt8(ascii: "!"))
                result.errors.append("line \(lineNumber): \(error.description)")
            }
            result.output.append(UInt8(ascii: "\n"))
        }
        return result
    }
}
