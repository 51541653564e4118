import Foundation

/// The VEX formats Drydock reads.
public enum VEXFormat: String, Sendable, Hashable, CaseIterable {
    /// OpenVEX 0.2.0 (and the 0.0.x documents before it, which share its fields).
    case openVEX = "OpenVEX"
    /// CycloneDX 1.4–1.6 `vulnerabilities[]` with an `analysis`.
    case cycloneDX = "CycloneDX VEX"
    /// CSAF 2.0 (`csaf_vex`, or any CSAF document with `product_status`).
    case csaf = "CSAF VEX"
}

/// A VEX document read into statements Drydock can apply.
public struct VEXDocument: Sendable, Hashable {
    public var format: VEXFormat
    /// The file the document was read from (named in decisions, evidence and errors).
    public var path: String
    /// The document's own ID (OpenVEX `@id`, CycloneDX `serialNumber`, CSAF `tracking.id`), when given.
    public var id: String?
    /// The document's author or publisher, when given.
    public var author: String?
    /// When the document was issued or last revised.
    public var timestamp: Date?
    public var statements: [VEXStatement]
    /// Parts of the document that were read but cannot be applied (a CycloneDX `affects` reference that names
    /// nothing Drydock can identify, a version range), in words.
    public var warnings: [String]

    public init(
        format: VEXFormat, path: String, id: String? = nil, author: String? = nil, timestamp: Date? = nil,
        statements: [VEXStatement], warnings: [String] = []
    ) {
        self.format = format
        self.path = path
        self.id = id
        self.author = author
        self.timestamp = timestamp
        self.statements = statements
        self.warnings = warnings
    }

    /// Reads a VEX document of any supported format from `bytes`, read from `path`.
    ///
    /// The format is told by its markers: `bomFormat: "CycloneDX"`, an `@context` naming openvex.dev, or a
    /// `document.csaf_version`. Anything else is an `unknownFormat` error naming the file.
    public static func parse(_ bytes: [UInt8], path: String) throws(VEXError) -> VEXDocument {
        let data = Data(bytes)
        let markers: FormatMarkers
        do {
            markers = try JSONDecoder().decode(FormatMarkers.self, from: data)
        } catch {
            throw VEXError(.notJSON, file: path, reason: "not a JSON object: \(VEXDecoding.describe(error))")
        }
        var document: VEXDocument
        if markers.bomFormat == "CycloneDX" {
            document = try CycloneDXVEXParser.parse(data, path: path)
        } else if let context = markers.context, context.contains("openvex") {
            document = try OpenVEXParser.parse(data, path: path)
        } else if markers.document?.csafVersion != nil {
            document = try CSAFVEXParser.parse(data, path: path)
        } else {
            throw unknownFormat(path)
        }
        let lines = JSONLineLocator.lines(of: Set(document.statements.map(\.path)), in: bytes)
        for index in document.statements.indices {
            document.statements[index].line = lines[document.statements[index].path]
        }
        return document
    }

    private static func unknownFormat(_ path: String) -> VEXError {
        VEXError(
            .unknownFormat, file: path,
            reason:
                "not a VEX document Drydock reads: expected OpenVEX (@context https://openvex.dev/ns/…), "
                + "CycloneDX (bomFormat \"CycloneDX\") or CSAF (document.csaf_version)")
    }

    /// The few fields that tell the formats apart.
    private struct FormatMarkers: Decodable {
        struct CSAFDocument: Decodable {
            var csafVersion: String?
            enum CodingKeys: String, CodingKey { case csafVersion = "csaf_version" }
        }
        var bomFormat: String?
        var context: String?
        var document: CSAFDocument?
        enum CodingKeys: String, CodingKey {
            case bomFormat
            case context = "@context"
            case document
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            bomFormat = try? container.decodeIfPresent(String.self, forKey: .bomFormat)
            context = try? container.decodeIfPresent(String.self, forKey: .context)
            document = try? container.decodeIfPresent(CSAFDocument.self, forKey: .document)
        }
    }
}
