/// Lines of a file around a finding, as Trivy's `Code` shows them.
public struct CodeSnippet: Sendable, Hashable, Codable {
    /// The lines, in file order.
    public var lines: [CodeLine]

    public init(lines: [CodeLine] = []) {
        self.lines = lines
    }

    /// Whether there is nothing to show.
    public var isEmpty: Bool { lines.isEmpty }
}

/// One line of a ``CodeSnippet``.
public struct CodeLine: Sendable, Hashable, Codable {
    /// 1-based line number in the file.
    public var number: Int
    /// The line's text (secrets already masked).
    public var content: String
    /// Whether the line is part of the cause of the finding.
    public var isCause: Bool
    /// A note on the line, when there is one.
    public var annotation: String
    /// Whether `content` was shortened.
    public var truncated: Bool
    /// The first line of the cause.
    public var firstCause: Bool
    /// The last line of the cause.
    public var lastCause: Bool

    public init(
        number: Int, content: String, isCause: Bool = false, annotation: String = "", truncated: Bool = false,
        firstCause: Bool = false, lastCause: Bool = false
    ) {
        self.number = number
        self.content = content
        self.isCause = isCause
        self.annotation = annotation
        self.truncated = truncated
        self.firstCause = firstCause
        self.lastCause = lastCause
    }
}
