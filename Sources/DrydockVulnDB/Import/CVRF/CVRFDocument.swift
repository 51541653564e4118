import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// A CVRF 1.2 document (ICASI/OASIS Common Vulnerability Reporting Framework, CSAF's predecessor) read with
/// Foundation's streaming `XMLParser` into the same ``CSAFDocument`` shape the CSAF importers read, so SUSE's
/// CVRF files (`cvrf1.2/cvrf-suse-su-….xml`, the fallback for releases older than SUSE's CSAF) go through the same
/// rules.
///
/// Mapping: `DocumentTracking/Identification/ID` → tracking ID; `DocumentPublisher` contact details →
/// publisher; `ProductTree` `FullProductName` (with its `CPE` attribute) → products, `Relationship` →
/// relationships; each `Vulnerability`'s `CVE`, `Notes/Note`, `ProductStatuses/Status` (`Fixed`, `First Fixed`,
/// `Recommended`, `Known Affected`, `Known Not Affected`, `First Affected`, `Last Affected`, `Under
/// Investigation`, as CSAF's status names), `Threats/Threat[@Type=Impact]`, `CVSSScoreSets` (`VectorV2`,
/// `VectorV3`), `Remediations` and `References/Reference/URL`. Element names are matched without their
/// namespace prefixes.
enum CVRFDocument {
    /// The document as CSAF (`category` `cvrf`), and the publisher's contact and authority text.
    static func parse(_ bytes: [UInt8], file: String) throws(VulnDBError) -> (CSAFDocument, publisher: String) {
        let reader = Reader()
        try XMLDocumentParsing.parse(bytes, delegate: reader, file: file, root: "cvrfdoc")
        guard !reader.trackingID.isEmpty else {
            throw VulnDBError(
                code: .malformedInput, reason: "`DocumentTracking/Identification/ID` is missing", location: file)
        }
        let document = CSAFDocument(
            category: "cvrf", publisherNamespace: "", trackingID: reader.trackingID, title: reader.title,
            aggregateSeverity: nil, initialReleaseDate: reader.initialReleaseDate,
            currentReleaseDate: reader.currentReleaseDate, products: reader.products,
            relationships: reader.relationships, vulnerabilities: reader.vulnerabilities)
        return (document, reader.publisher)
    }

    /// CVRF status types → CSAF product status names.
    static let statusNames: [String: String] = [
        "Fixed": "fixed", "First Fixed": "first_fixed", "Recommended": "recommended",
        "Known Affected": "known_affected", "Known Not Affected": "known_not_affected",
        "First Affected": "first_affected", "Last Affected": "last_affected",
        "Under Investigation": "under_investigation",
    ]

    /// The SAX delegate.
    private final class Reader: NSObject, XMLDocumentDelegate {
        var rootName: String?
        /// Elements open now: not zero at the end means the document was cut off.
        var depth = 0
        var trackingID = ""
        var title: String?
        var publisher = ""
        var initialReleaseDate: String?
        var currentReleaseDate: String?
        var products: [String: CSAFDocument.Product] = [:]
        var relationships: [String: CSAFDocument.Relationship] = [:]
        var vulnerabilities: [CSAFDocument.Vulnerability] = []

        private var path: [String] = []
        private var text = ""
        private var productID: String?
        private var productCPE: String?
        private var relationship: CSAFDocument.Relationship?
        private var vulnerability: CSAFDocument.Vulnerability?
        private var statusType: String?
        private var threatType: String?
        private var remediation: CSAFDocument.Remediation?
        private var noteAttributes: (type: String, title: String?)?

        func parser(
            _ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String]
        ) {
            if rootName == nil { rootName = element }
            depth += 1
            path.append(element)
            text = ""
            switch element {
            case "FullProductName":
                productID = attributes["ProductID"]
                productCPE = attributes["CPE"]
            case "Relationship":
                if let component = attributes["ProductReference"],
                    let platform = attributes["RelatesToProductReference"]
                {
                    relationship = CSAFDocument.Relationship(component: component, platform: platform)
                }
            case "Vulnerability":
                vulnerability = CSAFDocument.Vulnerability(
                    cve: nil, title: nil, notes: [], productStatus: [:], remediations: [], impacts: [], scores: [],
                    references: [], cwe: nil, releaseDate: nil)
            case "Status":
                statusType = attributes["Type"]
            case "Threat":
                threatType = attributes["Type"]
            case "Remediation":
                remediation = CSAFDocument.Remediation(
                    category: (attributes["Type"] ?? "").lowercased().replacingOccurrences(of: " ", with: "_"),
                    details: nil, url: nil, productIDs: [])
            case "Note":
                noteAttributes = (attributes["Type"] ?? "", attributes["Title"])
            default:
                break
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

        func parser(_ parser: XMLParser, foundCDATA block: Data) { text += String(decoding: block, as: UTF8.self) }

        func parser(
            _ parser: XMLParser, didEndElement element: String, namespaceURI: String?, qualifiedName: String?
        ) {
            depth -= 1
            defer {
                path.removeLast()
                text = ""
            }
            let value = text.trimmingCharacters(in: .whitespacesAndNewlines)
            let parent = path.dropLast().last ?? ""
            switch element {
            case "ID" where parent == "Identification":
                trackingID = value
            case "DocumentTitle":
                title = value
            case "ContactDetails", "IssuingAuthority":
                publisher += value + " "
            case "InitialReleaseDate" where vulnerability == nil:
                initialReleaseDate = value
            case "CurrentReleaseDate" where vulnerability == nil:
                currentReleaseDate = value
            case "FullProductName":
                if let relationship, let productID {
                    relationships[productID] = relationship
                } else if let productID {
                    let category = path.contains("Relationship") ? "relationship" : "product"
                    products[productID] = CSAFDocument.Product(
                        category: category, name: value.isEmpty ? productID : value, cpe: productCPE, purl: nil)
                }
                productID = nil
                productCPE = nil
            case "Relationship":
                relationship = nil
            case "CVE":
                vulnerability?.cve = value
            case "Title" where vulnerability != nil:
                vulnerability?.title = value
            case "Note":
                if let noteAttributes, vulnerability != nil {
                    let category = noteAttributes.type == "General" ? "description" : noteAttributes.type.lowercased()
                    vulnerability?.notes.append((category, noteAttributes.title, value))
                }
                noteAttributes = nil
            case "ProductID" where parent == "Status":
                if let statusType, let name = CVRFDocument.statusNames[statusType] {
                    vulnerability?.productStatus[name, default: []].append(value)
                }
            case "ProductID" where parent == "Remediation":
                remediation?.productIDs.append(value)
            case "Description" where parent == "Threat":
                if threatType == "Impact" {
                    vulnerability?.impacts.append(CSAFDocument.Impact(details: value, productIDs: nil))
                }
            case "Description" where parent == "Remediation":
                remediation?.details = value
            case "URL" where parent == "Remediation":
                remediation?.url = value
            case "Remediation":
                if let remediation { vulnerability?.remediations.append(remediation) }
                remediation = nil
            case "VectorV2", "VectorV3", "VectorV4":
                if !value.isEmpty { vulnerability?.scores.append(CSAFDocument.Score(vector: value, productIDs: [])) }
            case "URL" where parent == "Reference":
                if vulnerability != nil, !value.isEmpty { vulnerability?.references.append(value) }
            case "ReleaseDate" where vulnerability != nil:
                vulnerability?.releaseDate = value
            case "Vulnerability":
                if let vulnerability { vulnerabilities.append(vulnerability) }
                vulnerability = nil
            default:
                break
            }
        }
    }
}
