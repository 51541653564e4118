import DrydockPolicy
import DrydockReport

/// Reads CSAF 2.0 VEX documents (Red Hat's per-CVE `csaf_vex`, SUSE's, Bitnami's): each vulnerability's
/// `product_status` groups become statements.
///
/// Products are named through the product tree. A product with a `purl` or `cpe` identification helper is
/// matched directly; a relationship product (`default_component_of`, `installed_on`, `installed_with`) is its
/// `relates_to_product_reference` with the `product_reference` as subcomponent — so Red Hat's
/// `red_hat_enterprise_linux_8:curl` is "the package `pkg:rpm/redhat/curl` as part of
/// `cpe:/o:redhat:enterprise_linux:8`". Status groups map to OpenVEX's words: `known_not_affected` →
/// `not_affected`; `fixed`, `first_fixed`, `recommended` → `fixed`; `known_affected`, `first_affected`,
/// `last_affected` → `affected`; `under_investigation` as is. The justification is the product's flag label
/// (CSAF and OpenVEX share the vocabulary), the impact statement its `impact` threat, the action statement
/// (for affected products) its remediation.
enum CSAFVEXReader {
    static let supportedVersions = ["2.0", "2.1"]

    /// Status groups in the order statements are made from them.
    static let statusGroups: [(String, VEXStatus)] = [
        ("known_not_affected", .notAffected), ("fixed", .fixed), ("first_fixed", .fixed), ("recommended", .fixed),
        ("known_affected", .affected), ("first_affected", .affected), ("last_affected", .affected),
        ("under_investigation", .underInvestigation),
    ]

    static func read(_ root: JSONValue, fields: VEXFields) throws(VEXError) -> VEXDocument {
        let path = fields.file
        guard let header = try fields.object(root["document"], at: "document") else {
            throw fields.invalid("", "required field 'document' is missing")
        }
        let version = try fields.requiredString(
            header["csaf_version"], at: "document.csaf_version", name: "csaf_version")
        guard supportedVersions.contains(version) else {
            throw VEXError(
                .unsupportedVersion, file: path, path: "document.csaf_version",
                reason: "CSAF \(version) is not supported (Drydock reads \(supportedVersions.joined(separator: ", ")))")
        }
        let tracking = try fields.object(header["tracking"], at: "document.tracking")
        let documentTime = try fields.firstDate([
            (tracking?["current_release_date"], "document.tracking.current_release_date"),
            (tracking?["initial_release_date"], "document.tracking.initial_release_date"),
        ])
        let vulnerabilities = try fields.array(root["vulnerabilities"], at: "vulnerabilities")
        let tree = try CSAFProductTree(root["product_tree"], fields: fields)
        var statements: [VEXStatement] = []
        var unresolved = Set<String>()
        for (index, vulnerability) in vulnerabilities.enumerated() {
            let position = "vulnerabilities[\(index)]"
            var ids = [try fields.string(vulnerability["cve"], at: position + ".cve")].compactMap { $0 }
            for (idIndex, id) in try fields.array(vulnerability["ids"], at: position + ".ids").enumerated() {
                ids.append(try fields.requiredString(id["text"], at: "\(position).ids[\(idIndex)]", name: "text"))
            }
            ids = VEXFields.unique(ids)
            let productStatus = try fields.members(vulnerability["product_status"], at: position + ".product_status")
            guard !ids.isEmpty, !productStatus.isEmpty else { continue }
            let facts = try ProductFacts(vulnerability, at: position, tree: tree, fields: fields)
            for (group, status) in statusGroups {
                guard let listed = productStatus.first(where: { $0.0 == group })?.1 else { continue }
                let productIDs = try fields.strings(listed, at: "\(position).product_status.\(group)")
                // Products with the same justification, impact and action share one statement.
                var grouped: [ProductFacts.Key: [VEXProduct]] = [:]
                var order: [ProductFacts.Key] = []
                for productID in productIDs {
                    let products = tree.products(for: productID)
                    if products.isEmpty {
                        unresolved.insert(productID)
                        continue
                    }
                    let key = facts.key(for: productID, status: status)
                    if grouped[key] == nil { order.append(key) }
                    grouped[key, default: []] += products
                }
                for key in order {
                    statements.append(
                        VEXStatement(
                            vulnerabilityIDs: ids, products: grouped[key] ?? [], status: status,
                            justification: key.justification, impactStatement: key.impact,
                            actionStatement: key.action, timestamp: documentTime,
                            path: "\(position).product_status.\(group)"))
                }
            }
        }
        var warnings: [String] = []
        if !unresolved.isEmpty {
            let sample = unresolved.sorted().prefix(3).joined(separator: ", ")
            warnings.append(
                "\(path): \(unresolved.count) product(s) have no purl or CPE in the product tree and cannot be "
                    + "matched (e.g. \(sample))")
        }
        let publisher = try fields.object(header["publisher"], at: "document.publisher")
        return VEXDocument(
            format: .csaf, path: path, id: try fields.string(tracking?["id"], at: "document.tracking.id"),
            author: try fields.string(publisher?["name"], at: "document.publisher.name"), timestamp: documentTime,
            statements: statements, warnings: warnings)
    }

    /// A vulnerability's per-product flags, threats and remediations.
    struct ProductFacts {
        struct Key: Hashable {
            var justification: String?
            var impact: String?
            var action: String?
        }

        var labels: [String: String]
        var impacts: [String: String]
        var actions: [String: String]

        init(_ vulnerability: JSONValue, at position: String, tree: CSAFProductTree, fields: VEXFields)
            throws(VEXError)
        {
            labels = try Self.byProduct(vulnerability, "flags", at: position, tree: tree, fields: fields) {
                (flag, path) throws(VEXError) in try fields.string(flag["label"], at: path + ".label")
            }
            impacts = try Self.byProduct(vulnerability, "threats", at: position, tree: tree, fields: fields) {
                (threat, path) throws(VEXError) in
                guard try fields.string(threat["category"], at: path + ".category") == "impact" else { return nil }
                return try fields.string(threat["details"], at: path + ".details")
            }
            actions = try Self.byProduct(vulnerability, "remediations", at: position, tree: tree, fields: fields) {
                (remediation, path) throws(VEXError) in
                [
                    try fields.string(remediation["category"], at: path + ".category"),
                    try fields.string(remediation["details"], at: path + ".details"),
                    try fields.string(remediation["url"], at: path + ".url"),
                ].compactMap { $0 }.joined(separator: ": ")
            }
        }

        /// What the entries of the vulnerability's `member` list say (`text`; `nil` for an entry that says
        /// nothing), by each product an entry names directly or through a group; the first entry wins. An entry
        /// that names no product speaks for every product no other entry names (the CSAF threat without
        /// `product_ids` that Trivy reads as the statement), under the key `""`.
        private static func byProduct(
            _ vulnerability: JSONValue, _ member: String, at position: String, tree: CSAFProductTree,
            fields: VEXFields, text: (JSONValue, String) throws(VEXError) -> String?
        ) throws(VEXError) -> [String: String] {
            var found: [String: String] = [:]
            let listPath = "\(position).\(member)"
            for (index, entry) in try fields.array(vulnerability[member], at: listPath).enumerated() {
                let path = "\(listPath)[\(index)]"
                guard let said = try text(entry, path) else { continue }
                let ids = tree.expand(
                    try fields.strings(entry["product_ids"], at: path + ".product_ids"),
                    groups: try fields.strings(entry["group_ids"], at: path + ".group_ids"))
                for id in ids.isEmpty ? [""] : ids where found[id] == nil { found[id] = said }
            }
            return found
        }

        func key(for productID: String, status: VEXStatus) -> Key {
            Key(
                justification: status == .notAffected ? labels[productID] ?? labels[""] : nil,
                impact: status == .notAffected ? impacts[productID] ?? impacts[""] : nil,
                action: status == .affected ? actions[productID] ?? actions[""] : nil)
        }
    }
}
