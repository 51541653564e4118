import DrydockModel
import DrydockPolicy
import DrydockReport

/// Reads OpenVEX documents (0.2.0, and 0.0.x whose vulnerabilities and products are plain strings).
///
/// A statement's products are matched as OpenVEX defines: by `@id` (a purl is a pattern, so `pkg:oci/debian`
/// names every digest of that image), by `identifiers` (`purl`, `cpe22`, `cpe23`) and by `hashes`;
/// subcomponents limit the statement to those components of the product.
enum OpenVEXReader {
    /// Context versions read: the unversioned namespace and v0.0.x to v0.2.x.
    static let supportedVersions = ["0.0.", "0.1.", "0.2."]

    static func read(_ root: JSONValue, fields: VEXFields) throws(VEXError) -> VEXDocument {
        let path = fields.file
        let context = try fields.requiredString(root["@context"], at: "@context", name: "@context")
        if let version = context.split(separator: "/").last.map(String.init), version.hasPrefix("v"),
            !supportedVersions.contains(where: { version.dropFirst().hasPrefix($0) })
        {
            throw VEXError(
                .unsupportedVersion, file: path, path: "@context",
                reason: "OpenVEX \(version) is not supported (Drydock reads v0.0.x to v0.2.x)")
        }
        let documentTime = try fields.firstDate([
            (root["last_updated"], "last_updated"), (root["timestamp"], "timestamp"),
        ])
        var statements: [VEXStatement] = []
        var warnings: [String] = []
        for (index, value) in try fields.array(root["statements"], at: "statements").enumerated() {
            let position = "statements[\(index)]"
            guard try fields.object(value, at: position) != nil else {
                throw fields.invalid(position, "expected an object")
            }
            let statusText = try fields.requiredString(value["status"], at: position, name: "status")
            guard let status = VEXStatus(rawValue: statusText) else {
                throw fields.invalid(
                    position + ".status",
                    "unknown status '\(statusText)' (expected not_affected, affected, fixed or under_investigation)")
            }
            let justification = try fields.string(value["justification"], at: position + ".justification")
            let impact = try fields.string(value["impact_statement"], at: position + ".impact_statement")
            if status == .notAffected, justification == nil, impact == nil {
                warnings.append(
                    "\(path): \(position) is not_affected without a justification or impact statement (OpenVEX requires one)"
                )
            }
            var products = try fields.array(value["products"], at: position + ".products").enumerated().map {
                (productIndex, product) throws(VEXError) in
                try component(product, at: "\(position).products[\(productIndex)]", fields: fields)
            }
            // v0.0.1 put subcomponents on the statement: they limit every product.
            let shared = try fields.array(value["subcomponents"], at: position + ".subcomponents").enumerated().map {
                (subIndex, sub) throws(VEXError) in
                try component(sub, at: "\(position).subcomponents[\(subIndex)]", fields: fields).identifiers
            }
            if !shared.isEmpty {
                for productIndex in products.indices { products[productIndex].subcomponents += shared }
            }
            statements.append(
                VEXStatement(
                    vulnerabilityIDs: try vulnerabilityIDs(value["vulnerability"], at: position, fields: fields),
                    products: products, status: status, justification: justification, impactStatement: impact,
                    actionStatement: try fields.string(value["action_statement"], at: position + ".action_statement"),
                    statusNotes: try fields.string(value["status_notes"], at: position + ".status_notes"),
                    timestamp: try fields.firstDate([
                        (value["last_updated"], position + ".last_updated"),
                        (value["timestamp"], position + ".timestamp"),
                    ]) ?? documentTime,
                    path: position))
        }
        return VEXDocument(
            format: .openVEX, path: path, id: try fields.string(root["@id"], at: "@id"),
            author: try fields.string(root["author"], at: "author"), timestamp: documentTime,
            statements: statements, warnings: warnings)
    }

    /// `{"name": …, "@id": …, "aliases": […]}`, or a bare string in v0.0.1: the name first, then the IRI and
    /// aliases.
    private static func vulnerabilityIDs(_ value: JSONValue?, at position: String, fields: VEXFields)
        throws(VEXError) -> [String]
    {
        let path = position + ".vulnerability"
        if case .string(let name)? = value { return VEXFields.unique([name]) }
        guard let value = try fields.object(value, at: path) else {
            throw fields.invalid(position, "required field 'vulnerability' is missing")
        }
        let ids = VEXFields.unique(
            [try fields.string(value["name"], at: path + ".name"), try fields.string(value["@id"], at: path + ".@id")]
                .compactMap { $0 } + (try fields.strings(value["aliases"], at: path + ".aliases")))
        guard !ids.isEmpty else { throw fields.invalid(path, "the vulnerability has no name") }
        return ids
    }

    /// A product or subcomponent: `{"@id": …, "identifiers": {…}, "hashes": {…}, "subcomponents": […]}`, or a
    /// bare string in v0.0.1.
    private static func component(_ value: JSONValue, at path: String, fields: VEXFields) throws(VEXError)
        -> VEXProduct
    {
        if case .string(let text) = value { return VEXProduct(identifiers: [VEXIdentifier(text)]) }
        guard try fields.object(value, at: path) != nil else { throw fields.invalid(path, "expected an object") }
        var identifiers: [VEXIdentifier] = []
        if let id = try fields.string(value["@id"], at: path + ".@id") { identifiers.append(VEXIdentifier(id)) }
        for (key, member) in try fields.members(value["identifiers"], at: path + ".identifiers").sorted(by: {
            $0.0 < $1.0
        }) {
            guard let text = try fields.string(member, at: "\(path).identifiers.\(key)") else { continue }
            identifiers.append(
                key == "purl" ? PackageURL(text).map(VEXIdentifier.purl) ?? .other(text) : VEXIdentifier(text))
        }
        for (key, member) in try fields.members(value["hashes"], at: path + ".hashes").sorted(by: { $0.0 < $1.0 }) {
            guard let text = try fields.string(member, at: "\(path).hashes.\(key)") else { continue }
            identifiers.append(.hash(algorithm: key.lowercased(), value: text.lowercased()))
        }
        let subcomponents = try fields.array(value["subcomponents"], at: path + ".subcomponents").enumerated().map {
            (index, sub) throws(VEXError) in
            try component(sub, at: "\(path).subcomponents[\(index)]", fields: fields).identifiers
        }
        return VEXProduct(identifiers: identifiers, subcomponents: subcomponents)
    }
}
