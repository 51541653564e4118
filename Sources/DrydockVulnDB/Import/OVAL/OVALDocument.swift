/// The parts of an OVAL 5.x definitions file that vulnerability matching needs, as the OVAL schema
/// defines them: definitions (metadata and a criteria tree), tests, objects and states, linked by ID.
///
/// Only the test kinds package advisories use are kept in detail (`rpminfo_*` from the linux schema,
/// `textfilecontent54_*` for module streams); any other test is kept by kind so that a criterion naming it
/// is known to be unevaluable rather than silently dropped.
struct OVALDocument: Sendable {
    /// `generator/product_name` (`Oracle Errata System`, `Azure Linux OVAL Definition Generator`).
    var generator: String?
    /// `generator/timestamp`, as written.
    var timestamp: String?
    var definitions: [OVALDefinition] = []
    var tests: [String: OVALTest] = [:]
    var objects: [String: OVALObject] = [:]
    var states: [String: OVALState] = [:]
}

/// One `definition`: its metadata and its criteria.
struct OVALDefinition: Sendable {
    var id: String
    /// `class` (`patch`, `vulnerability`, `inventory`).
    var definitionClass: String
    var title: String?
    var description: String?
    var platforms: [String] = []
    /// `reference` elements: `source` (`CVE`, `elsa`, `PHSA`), `ref_id`, `ref_url`.
    var references: [Reference] = []
    /// `advisory/severity` (Oracle, Photon) or `metadata/severity` (Microsoft).
    var severity: String?
    /// `advisory/cve` elements (Oracle, Photon): the CVE with its CVSS attributes.
    var cves: [CVE] = []
    /// `advisory/issued/@date`.
    var issued: String?
    /// `advisory/updated/@date`, or Microsoft's `advisory_date`.
    var updated: String?
    /// Microsoft's `patchable` (`true`, `false`, `Not Applicable`).
    var patchable: String?
    /// Microsoft's `advisory_id`.
    var advisoryID: String?
    var criteria: OVALCriteria?

    struct Reference: Sendable, Hashable {
        var source: String
        var id: String
        var url: String?
    }

    struct CVE: Sendable, Hashable {
        var id: String
        var cvss2: String?
        var cvss3: String?
        var url: String?
    }
}

/// A `criteria` node: an operator over criteria, criterion (test references) and extended definitions.
indirect enum OVALCriteria: Sendable {
    case node(operator: String, negate: Bool, children: [OVALCriteria])
    case criterion(testID: String, negate: Bool, comment: String?)
    case extendDefinition(definitionID: String, negate: Bool)
}

/// A test: which object it examines and which states the object must be in.
struct OVALTest: Sendable {
    /// The element's local name (`rpminfo_test`, `textfilecontent54_test`, `uname_test`).
    var kind: String
    var objectID: String?
    var stateIDs: [String] = []
    var comment: String?
}

/// An object: for `rpminfo_object`, the package name; for `textfilecontent54_object`, the file examined.
struct OVALObject: Sendable {
    var kind: String
    var name: String?
    /// `filepath` (`/etc/dnf/modules.d/virt.module`).
    var filepath: String?
}

/// A state: the properties a package (or a file's text) must have.
struct OVALState: Sendable {
    var kind: String
    /// `evr` with its `operation` (`less than`, `less than or equal`, `greater than`, `equals`).
    var evr: Field?
    /// `version` (of a release package), usually a `pattern match` (`^8`, `^3[^\d]`).
    var version: Field?
    /// `arch`, usually a `pattern match` (`x86_64`, `aarch64|ppc64le`).
    var arch: Field?
    /// `signature_keyid`.
    var signatureKeyID: Field?
    /// `text` of a `textfilecontent54_state` (a module stream's `stream = name` pattern).
    var text: Field?

    struct Field: Sendable, Hashable {
        var operation: String
        var value: String
    }
}
