import DrydockModel

/// Imports SUSE's CSAF 2.0 documents: the per-CVE VEX files (`csaf-vex/cve-….json`) and the per-advisory files
/// (`csaf/suse-su-….json`, `csaf/opensuse-su-….json`).
///
/// Recognised by content: a CSAF document whose publisher namespace is `https://www.suse.com`.
///
/// A product ID is `PRODUCT:PACKAGE` (`SUSE Linux Enterprise Server 15 SP5:libopenssl3-3.0.8-150500.5.27.1.x86_64`);
/// the platform product's name becomes the namespace by ``namespace(productName:)``
/// (`SUSE:Linux Enterprise Server 15 SP5`, `SUSE:Linux Enterprise Module for Basesystem 15 SP5`,
/// `openSUSE:Leap 15.5`, `openSUSE:Tumbleweed`, as OSV spells SUSE's ecosystems), the package by its
/// `NAME-VERSION-RELEASE[.ARCH]` (SUSE names unfixed and not-affected packages without a version). SUSE lists
/// fixed packages as `recommended`; statuses are read as for Red Hat (``CSAFVendorImport``). Only the products an
/// image can be detected as are imported: SLES (and its LTSS phase), SLE Micro and SUSE Linux Micro, the SLE
/// modules, openSUSE Leap and Tumbleweed.
///
/// SUSE's rating is the vendor severity `suse-cvrf` (Trivy's name for SUSE's data); an advisory's ID
/// (`SUSE-SU-2024:1234-1`) is the vendor ID of its fixes.
public struct SUSECSAFImporter: AdvisoryImporter {
    /// Creates the importer.
    public init() {}

    /// `suse-csaf`.
    public var format: String { "suse-csaf" }

    /// The vendor-severity and CVSS source name.
    static let source = "suse-cvrf"

    /// A CSAF document published by SUSE.
    public func recognizes(_ document: JSONValue) -> Bool {
        guard CSAFDocument.isCSAF(document) else { return false }
        return document["document"]?["publisher"]?["namespace"]?.stringValue?.hasPrefix("https://www.suse.com")
            ?? false
    }

    /// Parses one document; a vulnerability without a CVE ID is skipped with a warning. A VEX document with no
    /// product tree and no vulnerabilities (SUSE publishes some) imports nothing.
    public func parse(_ document: JSONValue, file: String) throws(VulnDBError) -> ImportedRecords {
        CSAFVendorImport(rules: Rules(), format: format).parse(try CSAFDocument(document, file: file), file: file)
    }

    /// The namespace of a SUSE product name, or `nil` for products no image is detected as.
    ///
    /// `SUSE Linux Enterprise Server 15 SP5` → `SUSE:Linux Enterprise Server 15 SP5` (also `-LTSS`),
    /// `SUSE Linux Enterprise Module for Basesystem 15 SP5` → `SUSE:Linux Enterprise Module for Basesystem 15 SP5`,
    /// `SUSE Linux Enterprise Micro 5.5` → `SUSE:Linux Enterprise Micro 5.5`, `SUSE Linux Micro 6.0` →
    /// `SUSE:Linux Micro 6.0`, `openSUSE Leap 15.5` → `openSUSE:Leap 15.5`, `openSUSE Tumbleweed` →
    /// `openSUSE:Tumbleweed`; `SUSE Linux Enterprise Server for SAP Applications 15 SP5`, `SUSE Linux Enterprise
    /// Desktop 15 SP5`, `openSUSE Leap Micro 5.5`, `SUSE Manager Server 4.3` → `nil`.
    public static func namespace(productName name: String) -> String? {
        if name.hasPrefix("openSUSE ") {
            let product = name.dropFirst("openSUSE ".count)
            guard product == "Tumbleweed" || (product.hasPrefix("Leap ") && !product.hasPrefix("Leap Micro")) else {
                return nil
            }
            return "openSUSE:\(product)"
        }
        guard name.hasPrefix("SUSE ") else { return nil }
        let product = name.dropFirst("SUSE ".count)
        let server = "Linux Enterprise Server "
        let accepted =
            (product.hasPrefix(server) && (product.dropFirst(server.count).first?.isNumber ?? false))
            || product.hasPrefix("Linux Enterprise Micro ") || product.hasPrefix("Linux Micro ")
            || product.hasPrefix("Linux Enterprise Module for ")
        return accepted ? "SUSE:\(product)" : nil
    }

    /// SUSE's namespaces, components and advisories.
    struct Rules: CSAFVendorRules {
        var source: String { SUSECSAFImporter.source }

        func namespace(ofPlatform product: CSAFDocument.Product) -> String? {
            SUSECSAFImporter.namespace(productName: product.name)
        }

        func component(_ id: String, in csaf: CSAFDocument) -> RPMComponent? {
            if let purl = csaf.products[id]?.purl, purl.hasPrefix("pkg:rpm/") { return RPMComponent(purl: purl) }
            return RPMComponent(nevra: csaf.products[id]?.name ?? id)
        }

        /// SUSE's VEX remediations name no advisory.
        func vendorIDs(ofFix remediations: [CSAFDocument.Remediation], in csaf: CSAFDocument) -> [String] { [] }
    }
}
