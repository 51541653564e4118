import DrydockModel
import Foundation

/// Reads OpenVEX documents (0.2.0, and 0.0.x whose vulnerabilities and products are plain strings).
///
/// Pure: bytes in, statements out. A statement's products are matched as OpenVEX defines: by `@id` (a purl is
/// a pattern, so `pkg:oci/debian` names every digest of that image), by `identifiers` (`purl`, `cpe22`,
/// `cpe23`) and by `hashes`; subcomponents limit the statement to those components of the product.
public enum OpenVEXParser {
    /// Context versions read: the unversioned namespace and v0.0.x to v0.2.x.
    static let supportedVersions = ["0.0.", "0.1.", "0.2."]

    public static func parse(_ bytes: [UInt8], path: String) throws(VEXError) -> VEXDocument {
        try parse(Data(bytes), path: path)
    }

    static func parse(_ data: Data, path: String) throws(VEXError) -> VEXDocument {
        let file = try VEXDecoding.decode(OpenVEXFile.self, from: data, path: path)
        if let version = file.context.split(separator: "/").last.map(String.init), version.hasPrefix("v"),
            !supportedVersions.contains(where: { version.dropFirst().hasPrefix($0) })
        {
            throw VEXError(
                .unsupportedVersion, file: path, path: "@context",
                reason: "OpenVEX \(version) is not supported (Drydock reads v0.0.x to v0.2.x)")
        }
        let documentTime = VEXDecoding.date(file.lastUpdated) ?? VEXDecoding.date(file.timestamp)
        var statements: [VEXStatement] = []
        var warnings: [String] = []
        for (index, statement) in (file.statements ?? []).enumerated() {
            let position = "statements[\(index)]"
            guard let status = VEXStatus(rawValue: statement.status) else {
                throw VEXError(
                    .invalid, file: path, path: position + ".status",
                    reason:
                        "unknown status '\(statement.status)' (expected not_affected, affected, fixed or under_investigation)"
                )
            }
            if status == .notAffected, statement.justification == nil, statement.impactStatement == nil {
                warnings.append(
                    "\(path): \(position) is not_affected without a justification or impact statement (OpenVEX requires one)"
                )
            }
            var products = (statement.products ?? []).map { product in
                VEXProduct(identifiers: product.identifiers, subcomponents: product.subcomponents.map(\.identifiers))
            }
            // v0.0.1 put subcomponents on the statement: they limit every product.
            if let shared = statement.subcomponents, !shared.isEmpty {
                for index in products.indices { products[index].subcomponents += shared.map(\.identifiers) }
            }
            let vulnerability = statement.vulnerability
            statements.append(
                VEXStatement(
                    vulnerabilityIDs: unique(
                        [vulnerability.name, vulnerability.id].compactMap { $0 } + vulnerability.aliases),
                    products: products, status: status, justification: statement.justification,
                    impactStatement: statement.impactStatement, actionStatement: statement.actionStatement,
                    statusNotes: statement.statusNotes,
                    timestamp: VEXDecoding.date(statement.lastUpdated) ?? VEXDecoding.date(statement.timestamp)
                        ?? documentTime,
                    path: position))
        }
        return VEXDocument(
            format: .openVEX, path: path, id: file.id, author: file.author, timestamp: documentTime,
            statements: statements, warnings: warnings)
    }

    static func unique(_ values: [String]) -> [String] {
        var seen = Set<String>()
        return values.filter { !$0.isEmpty && seen.insert($0).inserted }
    }
}

/// OpenVEX's JSON, as far as Drydock reads it.
private struct OpenVEXFile: Decodable {
    var context: String
    var id: String?
    var author: String?
    var timestamp: String?
    var lastUpdated: String?
    var statements: [Statement]?

    enum CodingKeys: String, CodingKey {
        case context = "@context"
        case id = "@id"
        case author, timestamp
        case lastUpdated = "last_updated"
        case statements
    }

    struct Statement: Decodable {
        var vulnerability: Vulnerability
        var products: [Component]?
        var subcomponents: [Component]?
        var status: String
        var justification: String?
        var impactStatement: String?
        var actionStatement: String?
        var statusNotes: String?
        var timestamp: String?
        var lastUpdated: String?

        enum CodingKeys: String, CodingKey {
            case vulnerability, products, subcomponents, status, justification, timestamp
            case impactStatement = "impact_statement"
            case actionStatement = "action_statement"
            case statusNotes = "status_notes"
            case lastUpdated = "last_updated"
        }
    }

    /// `{"name": …, "@id": …, "aliases": […]}`, or a bare string in v0.0.1.
    struct Vulnerability: Decodable {
        var name: String?
        var id: String?
        var aliases: [String] = []

        enum CodingKeys: String, CodingKey {
            case name
            case id = "@id"
            case aliases
        }

        init(from decoder: any Decoder) throws {
            if let text = try? decoder.singleValueContainer().decode(String.self) {
                name = text
                return
            }
            let container = try decoder.container(keyedBy: CodingKeys.self)
            name = try container.decodeIfPresent(String.self, forKey: .name)
            id = try container.decodeIfPresent(String.self, forKey: .id)
            aliases = try container.decodeIfPresent([String].self, forKey: .aliases) ?? []
            if name == nil && id == nil {
                throw DecodingError.keyNotFound(
                    CodingKeys.name, .init(codingPath: decoder.codingPath, debugDescription: "no vulnerability name"))
            }
        }
    }

    /// A product or subcomponent: `{"@id": …, "identifiers": {…}, "hashes": {…}, "subcomponents": […]}`, or a
    /// bare string in v0.0.1.
    struct Component: Decodable {
        var identifiers: [VEXIdentifier] = []
        var subcomponents: [Component] = []

        enum CodingKeys: String, CodingKey {
            case id = "@id"
            case identifiers, hashes, subcomponents
        }

        init(from decoder: any Decoder) throws {
            if let text = try? decoder.singleValueContainer().decode(String.self) {
                identifiers = [VEXIdentifier(text)]
                return
            }
            let container = try decoder.container(keyedBy: CodingKeys.self)
            if let id = try container.decodeIfPresent(String.self, forKey: .id) {
                identifiers.append(VEXIdentifier(id))
            }
            let named = try container.decodeIfPresent([String: String].self, forKey: .identifiers) ?? [:]
            for key in named.keys.sorted() {
                guard let value = named[key] else { continue }
                identifiers.append(
                    key == "purl" ? PackageURL(value).map(VEXIdentifier.purl) ?? .other(value) : VEXIdentifier(value))
            }
            let hashes = try container.decodeIfPresent([String: String].self, forKey: .hashes) ?? [:]
            for key in hashes.keys.sorted() {
                guard let value = hashes[key] else { continue }
                identifiers.append(.hash(algorithm: key.lowercased(), value: value.lowercased()))
            }
            subcomponents = try container.decodeIfPresent([Component].self, forKey: .subcomponents) ?? []
        }
    }
}
