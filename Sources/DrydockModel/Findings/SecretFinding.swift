/// A secret found in a file (Trivy's `DetectedSecret`). Every text field is already masked: the secret
/// itself is never held in clear by any value that leaves the secret scanner.
public struct SecretFinding: Sendable, Hashable, Codable {
    /// The file, relative to the scan root (`etc/app/config.yaml`), or a pseudo-path for image config
    /// values (`image config: Env`).
    public var filePath: String
    /// The rule's ID, as Trivy names it (`aws-access-key-id`).
    public var ruleID: String
    /// The rule's category (`AWS`, `GitHub`).
    public var category: String
    public var severity: Severity
    public var title: String
    /// 1-based first and last line of the match.
    public var startLine: Int
    public var endLine: Int
    /// The lines around the match, masked.
    public var code: CodeSnippet
    /// The matched line, masked.
    public var match: String
    /// The layer that holds this copy of the file, for images.
    public var layer: LayerReference?
    /// Byte offset of the match in the file.
    public var offset: Int?

    public init(
        filePath: String, ruleID: String, category: String, severity: Severity, title: String, startLine: Int,
        endLine: Int, code: CodeSnippet = CodeSnippet(), match: String, layer: LayerReference? = nil,
        offset: Int? = nil
    ) {
        self.filePath = filePath
        self.ruleID = ruleID
        self.category = category
        self.severity = severity
        self.title = title
        self.startLine = startLine
        self.endLine = endLine
        self.code = code
        self.match = match
        self.layer = layer
        self.offset = offset
    }
}
