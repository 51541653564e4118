import DrydockModel

/// A CSAF product tree indexed for VEX: what identifies each product ID, and which products and groups a
/// statement's product IDs stand for.
struct CSAFProductTree {
    /// Identifiers (purl, CPE) by product ID, from branches and `full_product_names`.
    private var identifiers: [String: [VEXIdentifier]] = [:]
    /// Component relationships by the relationship's own product ID.
    private var relationships: [String: [CSAFFile.Relationship]] = [:]
    private var groups: [String: [String]] = [:]

    init(_ tree: CSAFFile.ProductTree?) {
        guard let tree else { return }
        var pending = tree.branches ?? []
        while let branch = pending.popLast() {
            if let product = branch.product { add(product) }
            pending += branch.branches ?? []
        }
        for product in tree.fullProductNames ?? [] { add(product) }
        for relationship in tree.relationships ?? [] {
            add(relationship.fullProductName)
            guard CSAFVEXParser.componentRelationships.contains(relationship.category) else { continue }
            relationships[relationship.fullProductName.productID, default: []].append(relationship)
        }
        for group in tree.productGroups ?? [] { groups[group.groupID] = group.productIDs }
    }

    private mutating func add(_ product: CSAFFile.FullProductName) {
        guard let helper = product.helper else { return }
        var found: [VEXIdentifier] = []
        for text in [helper.purl].compactMap({ $0 }) + (helper.purls ?? []) {
            if let purl = PackageURL(text) { found.append(.purl(purl)) }
        }
        if let cpe = helper.cpe.flatMap(CPEName.init) { found.append(.cpe(cpe)) }
        if !found.isEmpty { identifiers[product.productID, default: []] += found }
    }

    /// The products `productID` stands for: itself when it carries identifiers, and each component
    /// relationship it names (the related product, limited to the component).
    func products(for productID: String) -> [VEXProduct] {
        var products: [VEXProduct] = []
        if let own = identifiers[productID] { products.append(VEXProduct(identifiers: own)) }
        for relationship in relationships[productID] ?? [] {
            guard let product = identifiers[relationship.relatesToProductReference],
                let component = identifiers[relationship.productReference]
            else { continue }
            products.append(VEXProduct(identifiers: product, subcomponents: [component]))
        }
        return products
    }

    /// Product IDs named directly or through product groups.
    func expand(_ productIDs: [String]?, groups groupIDs: [String]?) -> [String] {
        (productIDs ?? []) + (groupIDs ?? []).flatMap { groups[$0] ?? [] }
    }
}
