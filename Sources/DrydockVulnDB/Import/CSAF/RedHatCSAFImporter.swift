import DrydockModel
import Foundation

/// Imports Red Hat's CSAF 2.0 documents: the per-CVE VEX files (`csaf/v2/vex/<year>/cve-….json`, category
/// `csaf_vex`) and the per-RHSA advisories (`csaf/v2/advisories/<year>/rhsa-….json`, `csaf_security_advisory`).
///
/// Recognised by content: a CSAF document whose publisher namespace is `https://www.redhat.com`.
///
/// Every product status of a RHEL product becomes a row in the namespace its platform's CPE names
/// (``namespace(cpe:)``: `cpe:/o:redhat:enterprise_linux:9::baseos` → `Red Hat:enterprise_linux:9::baseos`,
/// the release-wide `cpe:/o:redhat:enterprise_linux:9` → `Red Hat:enterprise_linux:9`), for the binary package
/// the component's purl names, with the module stream of its `rpmmod` qualifier:
///
/// | product status | remediation | stored status | range |
/// |---|---|---|---|
/// | `fixed` | `vendor_fix` (its RHSA is the vendor ID) | `fixed` | `introduced 0, fixed` the highest fix |
/// | `known_affected` | `none_available` "Affected" (or none) | `affected` | `introduced 0` |
/// | `known_affected` | `none_available` "Fix deferred" | `fix_deferred` | `introduced 0` |
/// | `known_affected` | `no_fix_planned` "Will not fix" | `will_not_fix` | `introduced 0` |
/// | `known_affected` | `no_fix_planned` "Out of support scope" | `end_of_life` | `introduced 0` |
/// | `under_investigation` | | `under_investigation` | `introduced 0` |
/// | `known_not_affected` | | `not_affected` | none (never matches) |
///
/// Source packages (`arch=src`, `openssl.src`) of unfixed entries are kept as `NAME.src`, which the matcher
/// looks up by a binary's source package; source entries of fixes are dropped (their binaries are listed, and a
/// subpackage's version can differ from its source's). Layered products (Satellite, JBoss, OpenShift, RHEL AI,
/// EUS/AUS/E4S/ELS streams) are not imported: no image is matched against them.
///
/// One advisory per CVE: Red Hat's summary as title, description, impact (the `redhat` vendor severity), CVSS
/// vectors (source `redhat`), CWE, references. VEX documents are full records; an RHSA's CVE records are
/// placeholders that a VEX record of the same CVE replaces, and the RHSA ID is the vendor ID of its fixes.
public struct RedHatCSAFImporter: AdvisoryImporter {
    /// Creates the importer.
    public init() {}

    /// `redhat-csaf`.
    public var format: String { "redhat-csaf" }

    /// The vendor-severity and CVSS source name, as Trivy names Red Hat's data.
    static let source = "redhat"

    /// A CSAF document published by Red Hat.
    public func recognizes(_ document: JSONValue) -> Bool {
        guard CSAFDocument.isCSAF(document) else { return false }
        return document["document"]?["publisher"]?["namespace"]?.stringValue?.hasPrefix("https://www.redhat.com")
            ?? false
    }

    /// Parses one document; a vulnerability without a CVE ID is skipped with a warning.
    public func parse(_ document: JSONValue, file: String) throws(VulnDBError) -> ImportedRecords {
        CSAFVendorImport(rules: Rules(), format: format).parse(try CSAFDocument(document, file: file), file: file)
    }

    /// Red Hat's namespaces, components and errata.
    struct Rules: CSAFVendorRules {
        var source: String { RedHatCSAFImporter.source }

        func namespace(ofPlatform product: CSAFDocument.Product) -> String? {
            product.cpe.flatMap(RedHatCSAFImporter.namespace(cpe:))
        }

        /// The component's `rpm` purl, else its product ID; `nil` for other purl types (container images).
        func component(_ id: String, in csaf: CSAFDocument) -> RPMComponent? {
            if let purl = csaf.products[id]?.purl {
                return purl.hasPrefix("pkg:rpm/") ? RPMComponent(purl: purl) : nil
            }
            return RPMComponent(nevra: id)
        }

        /// The RHSA of each `vendor_fix` remediation's URL.
        func vendorIDs(ofFix remediations: [CSAFDocument.Remediation], in csaf: CSAFDocument) -> [String] {
            remediations.compactMap { $0.url.flatMap(RedHatCSAFImporter.errataID(inURL:)) }
        }
    }

    /// The namespace of a RHEL platform CPE, or `nil` for layered products and other streams.
    ///
    /// `cpe:/o:redhat:enterprise_linux:9::baseos` → `Red Hat:enterprise_linux:9::baseos`,
    /// `cpe:/a:redhat:enterprise_linux:8::appstream` → `Red Hat:enterprise_linux:8::appstream`,
    /// `cpe:/o:redhat:enterprise_linux:9` → `Red Hat:enterprise_linux:9`,
    /// `cpe:/o:redhat:enterprise_linux:10.0` → `Red Hat:enterprise_linux:10.0`;
    /// `cpe:/o:redhat:rhel_eus:9.2::baseos`, `cpe:/a:redhat:enterprise_linux_ai:3` → `nil`.
    public static func namespace(cpe: String) -> String? {
        let prefixes = ["cpe:/o:redhat:", "cpe:/a:redhat:"]
        guard let prefix = prefixes.first(where: { cpe.hasPrefix($0) }) else { return nil }
        let rest = cpe.dropFirst(prefix.count)
        let fields = rest.split(separator: ":", omittingEmptySubsequences: false)
        guard fields.count >= 2, fields[0] == "enterprise_linux", let first = fields[1].first, first.isNumber,
            fields[1].allSatisfy({ $0.isNumber || $0 == "." })
        else { return nil }
        // `enterprise_linux:9`, or `enterprise_linux:9::baseos` (an empty update field, then the repository).
        if fields.count == 2 { return "Red Hat:\(rest)" }
        guard fields.count == 4, fields[2].isEmpty, !fields[3].isEmpty else { return nil }
        return "Red Hat:\(rest)"
    }

    /// `RHSA-2024:2447` from `https://access.redhat.com/errata/RHSA-2024:2447`.
    static func errataID(inURL url: String) -> String? {
        guard let last = url.split(separator: "/").last else { return nil }
        let id = String(last)
        let parts = id.split(separator: "-", maxSplits: 1)
        guard parts.count == 2, ["RHSA", "RHBA", "RHEA"].contains(String(parts[0])) else { return nil }
        return id
    }
}
