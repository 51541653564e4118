/// An SBOM as read, before it becomes an inventory: components, their properties, and the graph.
///
/// Both readers produce it, so CycloneDX and SPDX documents (Drydock's, Trivy's, syft's) become an
/// inventory by one set of rules (`SBOMInventory`).
struct DecodedSBOM: Sendable {
    /// One component (CycloneDX) or package (SPDX).
    struct Entry: Sendable, Hashable {
        /// `bom-ref` or `SPDXID`.
        var ref: String
        /// The kind, when the document says (`nil` for other kinds: files, devices, frameworks).
        var kind: SBOMComponent.Kind?
        var name: String
        var group: String?
        var version: String?
        var purl: String?
        /// CycloneDX `cpe` (VEX documents name operating systems by it).
        var cpe: String?
        var licenses: [String] = []
        var properties: [SBOMProperty] = []

        /// The first property `name` in `namespace`.
        func property(_ namespace: SBOMProperty.Namespace, _ name: String) -> String? {
            properties.first { $0.namespace == namespace && $0.name == name }?.value
        }

        /// Every value of property `name` in `namespace`, in order.
        func properties(_ namespace: SBOMProperty.Namespace, _ name: String) -> [String] {
            properties.filter { $0.namespace == namespace && $0.name == name }.map(\.value)
        }
    }

    /// `CycloneDX 1.6`, `SPDX-2.3`: what was read, for messages.
    var format: String
    /// Trivy's artifact type for a scanned SBOM: `cyclonedx` or `spdx`.
    var artifactType: String
    /// The described artifact (CycloneDX `metadata.component`, the package SPDX `DESCRIBES`).
    var root: Entry?
    /// Every other component, nested ones flattened, in document order.
    var entries: [Entry]
    /// Ref → refs it contains or depends on.
    var edges: [String: [String]]
}
