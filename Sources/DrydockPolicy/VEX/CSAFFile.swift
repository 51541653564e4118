/// CSAF 2.0 JSON, as far as VEX needs it.
struct CSAFFile: Decodable {
    var document: Document
    var productTree: ProductTree?
    var vulnerabilities: [Vulnerability]?

    enum CodingKeys: String, CodingKey {
        case document
        case productTree = "product_tree"
        case vulnerabilities
    }

    struct Document: Decodable {
        var csafVersion: String
        var publisher: Publisher?
        var tracking: Tracking?

        enum CodingKeys: String, CodingKey {
            case csafVersion = "csaf_version"
            case publisher, tracking
        }
    }

    struct Publisher: Decodable {
        var name: String?
    }

    struct Tracking: Decodable {
        var id: String?
        var currentReleaseDate: String?
        var initialReleaseDate: String?

        enum CodingKeys: String, CodingKey {
            case id
            case currentReleaseDate = "current_release_date"
            case initialReleaseDate = "initial_release_date"
        }
    }

    struct ProductTree: Decodable {
        var branches: [Branch]?
        var fullProductNames: [FullProductName]?
        var relationships: [Relationship]?
        var productGroups: [ProductGroup]?

        enum CodingKeys: String, CodingKey {
            case branches
            case fullProductNames = "full_product_names"
            case relationships
            case productGroups = "product_groups"
        }
    }

    struct Branch: Decodable {
        var product: FullProductName?
        var branches: [Branch]?
    }

    struct FullProductName: Decodable {
        var productID: String
        var helper: Helper?

        enum CodingKeys: String, CodingKey {
            case productID = "product_id"
            case helper = "product_identification_helper"
        }
    }

    /// `product_identification_helper`: `purl` (2.0), `purls` (2.1) and `cpe` are read.
    struct Helper: Decodable {
        var purl: String?
        var purls: [String]?
        var cpe: String?
    }

    struct Relationship: Decodable {
        var category: String
        var productReference: String
        var relatesToProductReference: String
        var fullProductName: FullProductName

        enum CodingKeys: String, CodingKey {
            case category
            case productReference = "product_reference"
            case relatesToProductReference = "relates_to_product_reference"
            case fullProductName = "full_product_name"
        }
    }

    struct ProductGroup: Decodable {
        var groupID: String
        var productIDs: [String]

        enum CodingKeys: String, CodingKey {
            case groupID = "group_id"
            case productIDs = "product_ids"
        }
    }

    struct Vulnerability: Decodable {
        var cve: String?
        var ids: [ID]?
        var productStatus: [String: [String]]?
        var flags: [Scoped]?
        var threats: [Scoped]?
        var remediations: [Scoped]?

        enum CodingKeys: String, CodingKey {
            case cve, ids, flags, threats, remediations
            case productStatus = "product_status"
        }
    }

    struct ID: Decodable {
        var text: String
    }

    /// A flag, threat or remediation: something said about a set of products.
    struct Scoped: Decodable {
        var label: String?
        var category: String?
        var details: String?
        var url: String?
        var productIDs: [String]?
        var groupIDs: [String]?

        enum CodingKeys: String, CodingKey {
            case label, category, details, url
            case productIDs = "product_ids"
            case groupIDs = "group_ids"
        }
    }
}
