/// Which image layer something came from.
public struct LayerReference: Sendable, Hashable, Codable {
    /// The digest of the layer blob as stored (compressed), `sha256:…`, when known.
    public var digest: String?
    /// The digest of the uncompressed layer tar, `sha256:…`.
    public var diffID: String?
    /// The history step that created the layer (`created_by`), when the config records it.
    public var createdBy: String?

    public init(digest: String? = nil, diffID: String? = nil, createdBy: String? = nil) {
        self.digest = digest
        self.diffID = diffID
        self.createdBy = createdBy
    }
}
