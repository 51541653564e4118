/// A range of 1-based lines in a file, both ends included.
public struct LineRange: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The first line.
    public var start: Int
    /// The last line (never before `start`).
    public var end: Int

    /// Creates a range; `end` is raised to `start` when it is smaller.
    public init(_ start: Int, _ end: Int) {
        self.start = start
        self.end = max(start, end)
    }

    /// A range of one line.
    public init(line: Int) {
        self.init(line, line)
    }

    /// The smallest range covering both.
    public func union(_ other: LineRange) -> LineRange {
        LineRange(min(start, other.start), max(end, other.end))
    }

    /// Whether `line` is inside.
    public func contains(_ line: Int) -> Bool { line >= start && line <= end }

    /// `12` or `12-15`.
    public var description: String { start == end ? "\(start)" : "\(start)-\(end)" }
}

/// Why a configuration file could not be read, with the place.
public struct ConfigParseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong, in words.
    public var reason: String
    /// The 1-based line, when known.
    public var line: Int?

    /// Creates an error.
    public init(_ reason: String, line: Int? = nil) {
        self.reason = reason
        self.line = line
    }

    /// `line 12: reason`, or the reason alone.
    public var description: String { line.map { "line \($0): \(reason)" } ?? reason }
}
