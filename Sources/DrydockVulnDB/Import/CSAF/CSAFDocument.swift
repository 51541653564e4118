import Foundation

/// The parts of a CSAF 2.0 document (OASIS CSAF v2.0, profiles `csaf_security_advisory` and `csaf_vex`) that
/// vendor importers read: the document's tracking data, the product tree flattened into lookups, and the
/// vulnerabilities with their product statuses, remediations, threats and scores.
///
/// Pure: built from a parsed ``JSONValue``. Product IDs are kept as the document spells them; a full product
/// ID (`AppStream-9.4.0.GA:openssl-1:3.0.7-27.el9.x86_64`) is resolved through the `relationships` to its
/// platform (`AppStream-9.4.0.GA`) and component (`openssl-1:3.0.7-27.el9.x86_64`).
struct CSAFDocument {
    /// A `product_tree` leaf: a `full_product_name` reached through `branches`.
    struct Product {
        /// The branch category it was found under (`product_name`, `product_version`, `architecture`).
        var category: String
        /// The product's `name`.
        var name: String
        /// `product_identification_helper.cpe`, when given.
        var cpe: String?
        /// `product_identification_helper.purl`, when given.
        var purl: String?
    }

    /// A relationship: `component` (`product_reference`) as part of `platform` (`relates_to_product_reference`).
    struct Relationship {
        var component: String
        var platform: String
    }

    /// A `remediations[]` entry.
    struct Remediation {
        /// `vendor_fix`, `workaround`, `mitigation`, `none_available`, `no_fix_planned`.
        var category: String
        var details: String?
        var url: String?
        var productIDs: [String]
    }

    /// An `impact` threat: the vendor's rating, for some products or (without `product_ids`) all of them.
    struct Impact {
        var details: String
        var productIDs: [String]?
    }

    /// One CVSS score set.
    struct Score {
        var vector: String
        var productIDs: [String]
    }

    /// A `vulnerabilities[]` entry.
    struct Vulnerability {
        /// `cve`, when given.
        var cve: String?
        /// `title`.
        var title: String?
        /// `notes[]` by category (`description`, `summary`, `general`, `other`), in order.
        var notes: [(category: String, title: String?, text: String)]
        /// `product_status`: status name (`fixed`, `known_affected`, `recommended`, …) → product IDs.
        var productStatus: [String: [String]]
        var remediations: [Remediation]
        var impacts: [Impact]
        var scores: [Score]
        /// `references[].url`.
        var references: [String]
        /// `cwe.id` (`CWE-476`).
        var cwe: String?
        /// `release_date` (or `discovery_date`).
        var releaseDate: String?
    }

    /// `document.category` (`csaf_vex`, `csaf_security_advisory`).
    var category: String
    /// `document.publisher.namespace` (`https://www.redhat.com`).
    var publisherNamespace: String
    /// `document.tracking.id` (`CVE-2024-0727`, `RHSA-2024:0811`, `SUSE-SU-2015:0011-2`).
    var trackingID: String
    /// `document.title`.
    var title: String?
    /// `document.aggregate_severity.text`.
    var aggregateSeverity: String?
    /// `document.tracking.initial_release_date`, `current_release_date`.
    var initialReleaseDate: String?
    var currentReleaseDate: String?
    /// Every product by its ID.
    var products: [String: Product]
    /// Every relationship by the full product ID it defines.
    var relationships: [String: Relationship]
    var vulnerabilities: [Vulnerability]

    /// The component and platform of a full product ID, through its relationship; `nil` for a product that is
    /// not a component of something.
    func relationship(of productID: String) -> Relationship? { relationships[productID] }
}

extension CSAFDocument {
    /// Whether `document` looks like CSAF 2.0: a `document` object with `csaf_version` and `category`.
    static func isCSAF(_ document: JSONValue) -> Bool {
        guard let header = document["document"] else { return false }
        return header["csaf_version"]?.stringValue != nil && header["category"]?.stringValue != nil
    }

    /// Reads `document`; throws `malformedInput` naming `file` when the header is missing.
    init(_ document: JSONValue, file: String) throws(VulnDBError) {
        guard let header = document["document"], let category = header["category"]?.stringValue,
            let tracking = header["tracking"], let id = tracking["id"]?.stringValue, !id.isEmpty
        else {
            throw VulnDBError(
                code: .malformedInput, reason: "not a CSAF document: `document.category` or `tracking.id` is missing",
                location: file)
        }
        self.category = category
        publisherNamespace = header["publisher"]?["namespace"]?.stringValue ?? ""
        trackingID = id
        title = header["title"]?.stringValue
        aggregateSeverity = header["aggregate_severity"]?["text"]?.stringValue
        initialReleaseDate = tracking["initial_release_date"]?.stringValue
        currentReleaseDate = tracking["current_release_date"]?.stringValue
        var products: [String: Product] = [:]
        var relationships: [String: Relationship] = [:]
        if let tree = document["product_tree"] {
            Self.collect(tree["branches"], category: "", into: &products)
            for item in tree["full_product_names"]?.arrayValue ?? [] {
                Self.add(item, category: "full_product_name", into: &products)
            }
            for relation in tree["relationships"]?.arrayValue ?? [] {
                guard let full = relation["full_product_name"]?["product_id"]?.stringValue,
                    let component = relation["product_reference"]?.stringValue,
                    let platform = relation["relates_to_product_reference"]?.stringValue
                else { continue }
                relationships[full] = Relationship(component: component, platform: platform)
            }
        }
        self.products = products
        self.relationships = relationships
        vulnerabilities = (document["vulnerabilities"]?.arrayValue ?? []).map(Self.vulnerability)
    }

    /// Walks `branches` depth first; a branch's `product` is recorded under the branch's category.
    private static func collect(_ branches: JSONValue?, category: String, into products: inout [String: Product]) {
        for branch in branches?.arrayValue ?? [] {
            let branchCategory = branch["category"]?.stringValue ?? category
            if let product = branch["product"] { add(product, category: branchCategory, into: &products) }
            collect(branch["branches"], category: branchCategory, into: &products)
        }
    }

    private static func add(_ product: JSONValue, category: String, into products: inout [String: Product]) {
        guard let id = product["product_id"]?.stringValue else { return }
        let helper = product["product_identification_helper"]
        products[id] = Product(
            category: category, name: product["name"]?.stringValue ?? id, cpe: helper?["cpe"]?.stringValue,
            purl: helper?["purl"]?.stringValue)
    }

    private static func strings(_ value: JSONValue?) -> [String] {
        (value?.arrayValue ?? []).compactMap(\.stringValue)
    }

    private static func vulnerability(_ value: JSONValue) -> Vulnerability {
        var status: [String: [String]] = [:]
        for (name, ids) in value["product_status"]?.objectValue ?? [] { status[name] = strings(ids) }
        let notes: [(category: String, title: String?, text: String)] = (value["notes"]?.arrayValue ?? []).compactMap {
            guard let text = $0["text"]?.stringValue else { return nil }
            return ($0["category"]?.stringValue ?? "", $0["title"]?.stringValue, text)
        }
        let remediations = (value["remediations"]?.arrayValue ?? []).map {
            Remediation(
                category: $0["category"]?.stringValue ?? "", details: $0["details"]?.stringValue,
                url: $0["url"]?.stringValue, productIDs: strings($0["product_ids"]))
        }
        let impacts: [Impact] = (value["threats"]?.arrayValue ?? []).compactMap {
            guard $0["category"]?.stringValue == "impact", let details = $0["details"]?.stringValue else { return nil }
            let ids = $0["product_ids"].map { strings($0) }
            return Impact(details: details, productIDs: ids)
        }
        var scores: [Score] = []
        for score in value["scores"]?.arrayValue ?? [] {
            let products = strings(score["products"])
            for key in ["cvss_v3", "cvss_v2", "cvss_v4"] {
                if let vector = score[key]?["vectorString"]?.stringValue {
                    scores.append(Score(vector: vector, productIDs: products))
                }
            }
        }
        return Vulnerability(
            cve: value["cve"]?.stringValue, title: value["title"]?.stringValue, notes: notes, productStatus: status,
            remediations: remediations, impacts: impacts, scores: scores,
            references: (value["references"]?.arrayValue ?? []).compactMap { $0["url"]?.stringValue },
            cwe: value["cwe"]?["id"]?.stringValue,
            releaseDate: value["release_date"]?.stringValue ?? value["discovery_date"]?.stringValue)
    }

}

extension CSAFDocument.Vulnerability {
    /// The first note of `category` (`description`, `summary`, `general`).
    func note(_ category: String) -> String? { notes.first { $0.category == category }?.text }

    /// Product ID → the impact rating that names it; `impactForAll` is the rating of a threat naming no products.
    /// Built once per vulnerability: documents list tens of thousands of products.
    func impactsByProduct() -> (byProduct: [String: String], forAll: String?) {
        var byProduct: [String: String] = [:]
        var forAll: String?
        for impact in impacts {
            guard let ids = impact.productIDs else {
                if forAll == nil { forAll = impact.details }
                continue
            }
            for id in ids where byProduct[id] == nil { byProduct[id] = impact.details }
        }
        return (byProduct, forAll)
    }

    /// Product ID → indexes into ``remediations`` of the remediations that name it.
    func remediationsByProduct() -> [String: [Int]] {
        var index: [String: [Int]] = [:]
        for (offset, remediation) in remediations.enumerated() {
            for id in remediation.productIDs { index[id, default: []].append(offset) }
        }
        return index
    }
}
