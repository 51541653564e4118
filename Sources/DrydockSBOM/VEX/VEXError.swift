/// Why a VEX document could not be read: the file, the place in it (a JSON path such as
/// `statements[2].status`) and what is wrong.
public struct VEXError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of problem it is, for callers that branch on it.
    public enum Code: String, Sendable, Hashable {
        /// The bytes are not JSON.
        case notJSON
        /// JSON, but not one of the VEX formats Drydock reads.
        case unknownFormat
        /// A VEX format, but a version Drydock does not read.
        case unsupportedVersion
        /// A required field is missing or has the wrong type or value.
        case invalid
    }

    public var code: Code
    /// The file the document was read from.
    public var file: String
    /// Where in the document: a JSON path (`statements[2].products[0]`), empty for the whole document.
    public var path: String
    /// What is wrong and, where it helps, what was expected.
    public var reason: String

    public init(_ code: Code, file: String, path: String = "", reason: String) {
        self.code = code
        self.file = file
        self.path = path
        self.reason = reason
    }

    /// `FILE: at PATH: REASON`, or `FILE: REASON` for the whole document.
    public var description: String {
        path.isEmpty ? "\(file): \(reason)" : "\(file): at \(path): \(reason)"
    }
}
