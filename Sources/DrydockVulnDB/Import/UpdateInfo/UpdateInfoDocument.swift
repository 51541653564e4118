import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// A yum/dnf `updateinfo.xml` (the repository metadata `createrepo_c` and Bodhi write, and Amazon Linux serves as
/// ALAS), read with Foundation's streaming `XMLParser`.
///
/// The schema: `<updates>` holds `<update from status type version>` elements with `<id>`, `<title>`,
/// `<issued date>`, `<updated date>`, `<rights>`, `<release>`, `<pushcount>`, `<severity>`, `<summary>`,
/// `<description>`, `<solution>`, `<references>` of `<reference href id title type>`, and `<pkglist>` of
/// `<collection short>` with `<name>`, an optional `<module name stream version context arch>` and
/// `<package name version release epoch arch src>` (with `<filename>`, `<sum>`, `<reboot_suggested>`). Every
/// element but `<id>` is optional; attributes are read by name, so order and indentation do not matter.
struct UpdateInfoDocument {
    struct Reference: Hashable {
        var id: String?
        var type: String?
        var title: String?
        var href: String?
    }

    struct Package: Hashable {
        var name: String
        var epoch: String?
        var version: String
        var release: String
        var arch: String?
    }

    struct Collection {
        /// `short` (`amazon-linux-2---kernel-5.15`, `F40`).
        var short: String?
        /// `<name>` (`Amazon Linux 2 - Kernel-5.15`, `Fedora 40`).
        var name: String?
        /// `<module name stream>` as `name:stream`.
        var module: String?
        var packages: [Package] = []
    }

    struct Update {
        var type: String?
        var status: String?
        var id = ""
        var title: String?
        var issued: String?
        var updated: String?
        var release: String?
        var severity: String?
        var summary: String?
        var description: String?
        var references: [Reference] = []
        var collections: [Collection] = []
    }

    var updates: [Update]

    /// Parses `bytes`; throws `malformedInput` naming `file`, the line and column for XML that is not
    /// well-formed or whose root is not `<updates>`.
    static func parse(_ bytes: [UInt8], file: String) throws(VulnDBError) -> UpdateInfoDocument {
        let reader = Reader()
        try XMLDocumentParsing.parse(bytes, delegate: reader, file: file, root: "updates")
        return UpdateInfoDocument(updates: reader.updates)
    }

    /// The SAX delegate: fills one update at a time.
    private final class Reader: NSObject, XMLDocumentDelegate {
        var rootName: String?
        /// Elements open now: not zero at the end means the document was cut off.
        var depth = 0
        var updates: [Update] = []
        private var update: Update?
        private var collection: Collection?
        private var package: Package?
        private var text = ""
        private var capturing = false

        private static let textElements: Set<String> = [
            "id", "title", "release", "severity", "summary", "description", "name",
        ]

        func parser(
            _ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String]
        ) {
            if rootName == nil { rootName = element }
            depth += 1
            switch element {
            case "update":
                update = Update(type: attributes["type"], status: attributes["status"])
            case "issued":
                update?.issued = attributes["date"]
            case "updated":
                update?.updated = attributes["date"]
            case "reference":
                update?.references.append(
                    Reference(
                        id: attributes["id"], type: attributes["type"], title: attributes["title"],
                        href: attributes["href"]))
            case "collection":
                collection = Collection(short: attributes["short"])
            case "module":
                if let name = attributes["name"], let stream = attributes["stream"], !name.isEmpty, !stream.isEmpty {
                    collection?.module = "\(name):\(stream)"
                }
            case "package":
                package = Package(
                    name: attributes["name"] ?? "", epoch: attributes["epoch"], version: attributes["version"] ?? "",
                    release: attributes["release"] ?? "", arch: attributes["arch"])
            default:
                break
            }
            if Self.textElements.contains(element) && package == nil {
                text = ""
                capturing = true
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if capturing { text += string }
        }

        func parser(_ parser: XMLParser, foundCDATA block: Data) {
            if capturing { text += String(decoding: block, as: UTF8.self) }
        }

        func parser(
            _ parser: XMLParser, didEndElement element: String, namespaceURI: String?, qualifiedName: String?
        ) {
            depth -= 1
            let value = capturing ? text : ""
            if Self.textElements.contains(element) { capturing = false }
            switch element {
            case "update":
                if let update { updates.append(update) }
                update = nil
            case "collection":
                if let collection { update?.collections.append(collection) }
                collection = nil
            case "package":
                if let package { collection?.packages.append(package) }
                package = nil
            case "name" where package == nil:
                if collection != nil { collection?.name = value.trimmingCharacters(in: .whitespacesAndNewlines) }
            case "id" where collection == nil:
                update?.id = value.trimmingCharacters(in: .whitespacesAndNewlines)
            case "title" where collection == nil:
                update?.title = value.trimmingCharacters(in: .whitespacesAndNewlines)
            case "release" where collection == nil:
                update?.release = value.trimmingCharacters(in: .whitespacesAndNewlines)
            case "severity":
                update?.severity = value.trimmingCharacters(in: .whitespacesAndNewlines)
            case "summary":
                update?.summary = value
            case "description":
                update?.description = value
            default:
                break
            }
        }
    }
}
