import DrydockModel

/// A problem met while cataloguing that did not stop it: a skipped record, an unreadable file.
public struct CatalogWarning: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The file inside the image the problem is in (`lib/apk/db/installed`).
    public var path: String
    /// The 1-based line the problem starts at, when it is tied to one.
    public var line: Int?
    /// What was wrong and what was done about it.
    public var message: String
    /// The kind it is grouped under in summaries; parsers' warnings are about records they skipped.
    public var kind: ScanWarning.Kind

    /// Creates a warning.
    public init(path: String, line: Int? = nil, message: String, kind: ScanWarning.Kind = .recordSkipped) {
        self.path = path
        self.line = line
        self.message = message
        self.kind = kind
    }

    /// `path:line: message`, the form written into `Inventory.warnings`.
    public var description: String {
        if let line {
            return "\(path):\(line): \(message)"
        }
        return "\(path): \(message)"
    }

    /// The warning as the inventory carries it.
    public var scanWarning: ScanWarning {
        ScanWarning(kind: kind, path: path, line: line, message: message)
    }
}
