/// A VEX statement that applies to a finding, with the document it comes from.
public struct VEXMatch: Sendable, Hashable {
    public var statement: VEXStatement
    public var format: VEXFormat
    /// The document's file.
    public var path: String

    /// Where the statement is written: the document's file and the statement's line.
    public var location: SourceLocation { SourceLocation(file: path, line: statement.line) }

    /// The assessment the statement gives: status, justification and the reason in words.
    public var assessment: VEXAssessment {
        VEXAssessment(
            status: statement.status.rawValue, justification: statement.justification,
            statement: statement.impactStatement ?? statement.actionStatement ?? statement.statusNotes,
            location: location)
    }
}
