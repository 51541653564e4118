import DrydockModel
import Foundation

/// The impact status a VEX statement gives a vulnerability, in OpenVEX's words. CycloneDX analysis states and
/// CSAF product status groups are mapped onto these four.
public enum VEXStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case notAffected = "not_affected"
    case affected
    case fixed
    case underInvestigation = "under_investigation"

    /// Whether a statement with this status sets the finding aside: `not_affected` and `fixed`, the two
    /// statuses Trivy filters on. `affected` and `under_investigation` are kept with the finding as facts.
    public var setsAside: Bool { self == .notAffected || self == .fixed }
}

/// One way a VEX document names a piece of software.
public enum VEXIdentifier: Sendable, Hashable, CustomStringConvertible {
    /// A package URL, used as a pattern: a purl without version names every version (OpenVEX's rule).
    case purl(PackageURL)
    /// A CPE (2.2 URI or 2.3 formatted string), matched against the scanned operating system.
    case cpe(CPEName)
    /// A cryptographic hash of the artifact (OpenVEX `hashes`), matched against the image's digests.
    case hash(algorithm: String, value: String)
    /// Any other IRI or reference, matched exactly against the image's repository digests, digests and ID.
    case other(String)

    /// Reads an identifier written as a string: a purl, a CPE, or anything else.
    public init(_ text: String) {
        if let purl = PackageURL(text) {
            self = .purl(purl)
        } else if let cpe = CPEName(text) {
            self = .cpe(cpe)
        } else {
            self = .other(text)
        }
    }

    public var description: String {
        switch self {
        case .purl(let purl): purl.description
        case .cpe(let cpe): cpe.text
        case .hash(let algorithm, let value): "\(algorithm):\(value)"
        case .other(let text): text
        }
    }
}

/// A product a statement speaks about: the software it names (any of several identifiers) and, optionally,
/// the subcomponents of that product the statement is limited to.
public struct VEXProduct: Sendable, Hashable {
    /// Identifiers of the product; matching any one is enough.
    public var identifiers: [VEXIdentifier]
    /// Subcomponents, each with its identifiers. Empty: the statement is about the product itself and all of
    /// its components.
    public var subcomponents: [[VEXIdentifier]]

    public init(identifiers: [VEXIdentifier], subcomponents: [[VEXIdentifier]] = []) {
        self.identifiers = identifiers
        self.subcomponents = subcomponents
    }
}

/// One VEX statement in the form Drydock applies: vulnerability, products, status and the reasons given.
///
/// OpenVEX statements map one to one; a CycloneDX vulnerability with an `analysis` becomes one statement;
/// a CSAF vulnerability becomes one statement per product status group (and per justification within it).
public struct VEXStatement: Sendable, Hashable {
    /// The vulnerability's names: the main one first, then its IRI and aliases. A finding matches when any of
    /// its IDs is one of these.
    public var vulnerabilityIDs: [String]
    public var products: [VEXProduct]
    public var status: VEXStatus
    /// The `not_affected` justification as the document spells it (OpenVEX and CSAF share one vocabulary;
    /// CycloneDX has its own, kept as written).
    public var justification: String?
    /// Why the product is not affected, in words (OpenVEX `impact_statement`, CycloneDX `detail`, CSAF impact
    /// threat).
    public var impactStatement: String?
    /// What to do about an `affected` vulnerability (OpenVEX `action_statement`, CycloneDX `response`, CSAF
    /// remediation).
    public var actionStatement: String?
    /// How the status was determined (OpenVEX `status_notes`).
    public var statusNotes: String?
    /// When the statement was made: its own timestamp, else the document's. Later statements override earlier
    /// ones about the same vulnerability and product.
    public var timestamp: Date?
    /// Where the statement is in its document, as a JSON path (`statements[2]`).
    public var path: String
    /// The 1-based line the statement starts on, when known.
    public var line: Int?

    public init(
        vulnerabilityIDs: [String], products: [VEXProduct], status: VEXStatus, justification: String? = nil,
        impactStatement: String? = nil, actionStatement: String? = nil, statusNotes: String? = nil,
        timestamp: Date? = nil, path: String, line: Int? = nil
    ) {
        self.vulnerabilityIDs = vulnerabilityIDs
        self.products = products
        self.status = status
        self.justification = justification
        self.impactStatement = impactStatement
        self.actionStatement = actionStatement
        self.statusNotes = statusNotes
        self.timestamp = timestamp
        self.path = path
        self.line = line
    }
}
