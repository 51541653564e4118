/// A problem met while cataloguing that did not stop it: a skipped record, an unreadable file.
public struct CatalogWarning: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The file inside the image the problem is in (`lib/apk/db/installed`).
    public var path: String
    /// The 1-based line the problem starts at, when it is tied to one.
    public var line: Int?
    /// What was wrong and what was done about it.
    public var message: String

    /// Creates a warning.
    public init(path: String, line: Int? = nil, message: String) {
        self.path = path
        self.line = line
        self.message = message
    }

    /// `path:line: message`, the form written into `Inventory.warnings`.
    public var description: String {
        if let line {
            return "\(path):\(line): \(message)"
        }
        return "\(path): \(message)"
    }
}
