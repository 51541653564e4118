/// Why an SBOM file could not be read: the file, what is wrong, and where.
public struct SBOMError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong, for callers that branch on it.
    public enum Code: String, Sendable, Hashable {
        /// Not JSON.
        case malformedJSON
        /// JSON, but neither CycloneDX nor SPDX.
        case unknownFormat
        /// A CycloneDX or SPDX version Drydock does not read.
        case unsupportedVersion
        /// A required field is missing or has the wrong type.
        case invalidDocument
    }

    public var code: Code
    /// The file (as the user named it).
    public var path: String
    /// What is wrong, in words.
    public var reason: String
    /// Where in the document (`components[3].purl`, `byte 120`), when known.
    public var location: String?

    public init(code: Code, path: String, reason: String, location: String? = nil) {
        self.code = code
        self.path = path
        self.reason = reason
        self.location = location
    }

    public var description: String {
        "\(path)\(location.map { " (\($0))" } ?? ""): \(reason)"
    }
}
