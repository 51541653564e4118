import Foundation

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
public enum CSAFVEXParser {
    static let supportedVersions = ["2.0", "2.1"]

    /// Status groups in the order statements are made from them.
    static let statusGroups: [(String, VEXStatus)] = [
        ("known_not_affected", .notAffected), ("fixed", .fixed), ("first_fixed", .fixed), ("recommended", .fixed),
        ("known_affected", .affected), ("first_affected", .affected), ("last_affected", .affected),
        ("under_investigation", .underInvestigation),
    ]

    /// Relationship categories whose product is the subcomponent of the product it relates to (Trivy's three).
    static let componentRelationships: Set<String> = ["default_component_of", "installed_on", "installed_with"]

    public static func parse(_ bytes: [UInt8], path: String) throws(VEXError) -> VEXDocument {
        try parse(Data(bytes), path: path)
    }

    static func parse(_ data: Data, path: String) throws(VEXError) -> VEXDocument {
        let file = try VEXDecoding.decode(CSAFFile.self, from: data, path: path)
        guard supportedVersions.contains(file.document.csafVersion) else {
            throw VEXError(
                .unsupportedVersion, file: path, path: "document.csaf_version",
                reason:
                    "CSAF \(file.document.csafVersion) is not supported (Drydock reads \(supportedVersions.joined(separator: ", ")))"
            )
        }
        let tree = CSAFProductTree(file.productTree)
        let documentTime =
            VEXDecoding.date(file.document.tracking?.currentReleaseDate)
            ?? VEXDecoding.date(file.document.tracking?.initialReleaseDate)
        var statements: [VEXStatement] = []
        var unresolved = Set<String>()
        for (index, vulnerability) in (file.vulnerabilities ?? []).enumerated() {
            let ids = OpenVEXParser.unique(
                [vulnerability.cve].compactMap { $0 } + (vulnerability.ids ?? []).map(\.text))
            guard !ids.isEmpty, let productStatus = vulnerability.productStatus else { continue }
            let facts = ProductFacts(vulnerability, tree: tree)
            for (group, status) in statusGroups {
                guard let productIDs = productStatus[group], !productIDs.isEmpty else { continue }
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
                            path: "vulnerabilities[\(index)].product_status.\(group)"))
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
        return VEXDocument(
            format: .csaf, path: path, id: file.document.tracking?.id, author: file.document.publisher?.name,
            timestamp: documentTime, statements: statements, warnings: warnings)
    }

    /// A vulnerability's per-product flags, threats and remediations.
    struct ProductFacts {
        struct Key: Hashable {
            var justification: String?
            var impact: String?
            var action: String?
        }

        var labels: [String: String] = [:]
        var impacts: [String: String] = [:]
        var actions: [String: String] = [:]

        init(_ vulnerability: CSAFFile.Vulnerability, tree: CSAFProductTree) {
            for flag in vulnerability.flags ?? [] {
                guard let label = flag.label else { continue }
                for id in tree.expand(flag.productIDs, groups: flag.groupIDs) where labels[id] == nil {
                    labels[id] = label
                }
            }
            for threat in vulnerability.threats ?? [] where threat.category == "impact" {
                guard let details = threat.details else { continue }
                for id in tree.expand(threat.productIDs, groups: threat.groupIDs) where impacts[id] == nil {
                    impacts[id] = details
                }
            }
            for remediation in vulnerability.remediations ?? [] {
                let text = [remediation.category, remediation.details, remediation.url].compactMap { $0 }
                    .joined(separator: ": ")
                for id in tree.expand(remediation.productIDs, groups: remediation.groupIDs) where actions[id] == nil {
                    actions[id] = text
                }
            }
        }

        func key(for productID: String, status: VEXStatus) -> Key {
            Key(
                justification: status == .notAffected ? labels[productID] : nil,
                impact: status == .notAffected ? impacts[productID] : nil,
                action: status == .affected ? actions[productID] : nil)
        }
    }
}
