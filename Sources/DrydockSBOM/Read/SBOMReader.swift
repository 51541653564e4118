import DrydockModel
import DrydockReport

/// Reads a CycloneDX (JSON, 1.2–1.6) or SPDX (JSON, 2.2–2.3) document into the inventory an image scan
/// would have produced, for `drydock sbom`.
public enum SBOMReader {
    /// What an SBOM gives the scan pipeline.
    public struct Result: Sendable, Hashable {
        /// The OS and packages, grouped into targets as an image scan groups them.
        public var inventory: Inventory
        /// The SBOM named as the artifact, with the image facts its root records.
        public var artifact: ArtifactMetadata
        /// `CycloneDX 1.6`, `SPDX-2.3`.
        public var format: String
        /// Whether the SBOM describes a project directory (Drydock's `fs` scans), not an image or root
        /// filesystem: coverage then treats a missing OS as expected, as for `drydock fs`.
        public var describesProject: Bool
    }

    /// Reads `bytes`, the content of the file `path` (used in messages and as the artifact's name).
    ///
    /// Throws ``SBOMError`` for text that is not JSON, JSON that is neither format, an unsupported version, or
    /// a component without the fields every reader needs.
    public static func read(_ bytes: [UInt8], path: String) throws(SBOMError) -> Result {
        let document: JSONValue
        do {
            document = try JSONParser.parse(bytes)
        } catch {
            throw SBOMError(code: .malformedJSON, path: path, reason: "not valid JSON: \(error)")
        }
        let decoded: DecodedSBOM
        if document.string("bomFormat") == "CycloneDX" {
            decoded = try CycloneDXReader.read(document, path: path)
        } else if document.string("spdxVersion") != nil {
            decoded = try SPDXReader.read(document, path: path)
        } else {
            throw SBOMError(
                code: .unknownFormat, path: path,
                reason:
                    "neither a CycloneDX BOM (no \"bomFormat\": \"CycloneDX\") nor an SPDX document (no \"spdxVersion\")"
            )
        }
        var builder = SBOMInventory(document: decoded, artifactName: path)
        let built = builder.build()
        let originalType = decoded.root?.property(.drydock, PropertyName.artifactType)
        return Result(
            inventory: built.inventory, artifact: built.artifact, format: decoded.format,
            describesProject: originalType == "filesystem")
    }
}
