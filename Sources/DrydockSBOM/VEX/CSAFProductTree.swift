import DrydockModel
import DrydockPolicy
import DrydockReport

/// A CSAF product tree indexed for VEX: what identifies each product ID, and which products and groups a
/// statement's product IDs stand for.
struct CSAFProductTree {
    /// A component relationship: `component` (`product_reference`) as part of `product`
    /// (`relates_to_product_reference`).
    struct Relationship {
        var component: String
        var product: String
    }

    /// Identifiers (purl, CPE) by product ID, from branches, `full_product_names` and relationships.
    private var identifiers: [String: [VEXIdentifier]] = [:]
    /// Component relationships by the relationship's own product ID.
    private var relationships: [String: [Relationship]] = [:]
    private var groups: [String: [String]] = [:]

    /// Relationship categories whose product is the subcomponent of the product it relates to (Trivy's three).
    static let componentRelationships: Set<String> = ["default_component_of", "installed_on", "installed_with"]

    init(_ tree: JSONValue?, fields: VEXFields) throws(VEXError) {
        guard let tree = try fields.object(tree, at: "product_tree") else { return }
        var pending = try fields.array(tree["branches"], at: "product_tree.branches").enumerated().map {
            ("product_tree.branches[\($0.offset)]", $0.element)
        }
        while let (path, branch) = pending.popLast() {
            if let product = try fields.object(branch["product"], at: path + ".product") {
                try add(product, at: path + ".product", fields: fields)
            }
            pending += try fields.array(branch["branches"], at: path + ".branches").enumerated().map {
                ("\(path).branches[\($0.offset)]", $0.element)
            }
        }
        for (index, product) in try fields.array(tree["full_product_names"], at: "product_tree.full_product_names")
            .enumerated()
        {
            try add(product, at: "product_tree.full_product_names[\(index)]", fields: fields)
        }
        for (index, relationship) in try fields.array(tree["relationships"], at: "product_tree.relationships")
            .enumerated()
        {
            let path = "product_tree.relationships[\(index)]"
            guard let full = try fields.object(relationship["full_product_name"], at: path + ".full_product_name")
            else { throw fields.invalid(path, "required field 'full_product_name' is missing") }
            let id = try add(full, at: path + ".full_product_name", fields: fields)
            let category = try fields.requiredString(relationship["category"], at: path, name: "category")
            guard Self.componentRelationships.contains(category) else { continue }
            relationships[id, default: []].append(
                Relationship(
                    component: try fields.requiredString(
                        relationship["product_reference"], at: path, name: "product_reference"),
                    product: try fields.requiredString(
                        relationship["relates_to_product_reference"], at: path, name: "relates_to_product_reference")))
        }
        for (index, group) in try fields.array(tree["product_groups"], at: "product_tree.product_groups").enumerated() {
            let path = "product_tree.product_groups[\(index)]"
            let id = try fields.requiredString(group["group_id"], at: path, name: "group_id")
            groups[id] = try fields.strings(group["product_ids"], at: path + ".product_ids")
        }
    }

    /// Records a `full_product_name`'s identification helper: `purl` (2.0), `purls` (2.1) and `cpe`.
    @discardableResult
    private mutating func add(_ product: JSONValue, at path: String, fields: VEXFields) throws(VEXError) -> String {
        let id = try fields.requiredString(product["product_id"], at: path, name: "product_id")
        guard
            let helper = try fields.object(
                product["product_identification_helper"], at: path + ".product_identification_helper")
        else { return id }
        let helperPath = path + ".product_identification_helper"
        var found: [VEXIdentifier] = []
        let purls =
            [try fields.string(helper["purl"], at: helperPath + ".purl")].compactMap { $0 }
            + (try fields.strings(helper["purls"], at: helperPath + ".purls"))
        for text in purls {
            if let purl = PackageURL(text) { found.append(.purl(purl)) }
        }
        if let cpe = try fields.string(helper["cpe"], at: helperPath + ".cpe").flatMap(CPEName.init) {
            found.append(.cpe(cpe))
        }
        if !found.isEmpty { identifiers[id, default: []] += found }
        return id
    }

    /// The products `productID` stands for: itself when it carries identifiers, and each component
    /// relationship it names (the related product, limited to the component).
    func products(for productID: String) -> [VEXProduct] {
        var products: [VEXProduct] = []
        if let own = identifiers[productID] { products.append(VEXProduct(identifiers: own)) }
        for relationship in relationships[productID] ?? [] {
            guard let product = identifiers[relationship.product], let component = identifiers[relationship.component]
            else { continue }
            products.append(VEXProduct(identifiers: product, subcomponents: [component]))
        }
        return products
    }

    /// Product IDs named directly or through product groups.
    func expand(_ productIDs: [String], groups groupIDs: [String]) -> [String] {
        productIDs + groupIDs.flatMap { groups[$0] ?? [] }
    }
}
