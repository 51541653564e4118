import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// A yum/dnf repository's `repodata/repomd.xml`: where its `updateinfo` is and its checksum.
///
/// Pure: bytes in, values out (Foundation's `XMLParser`). `<data type="updateinfo">` with `<location href>` and
/// `<checksum type>`; the zchunk variant (`updateinfo_zck`) is not used.
enum RepositoryMetadata {
    /// The `updateinfo` entry.
    struct UpdateInfo: Sendable, Hashable {
        /// Relative to the repository (`repodata/…-updateinfo.xml.gz`).
        var href: String
        /// The checksum of the file as served (compressed), and its algorithm (`sha256`, `sha512`, `sha1`).
        var checksum: String?
        var checksumType: String?
    }

    /// The `updateinfo` entry, `nil` when the repository has none; throws `malformedInput` naming `location` for
    /// XML that is not well-formed or not a `<repomd>`.
    static func updateInfo(_ bytes: [UInt8], location: String) throws(VulnDBError) -> UpdateInfo? {
        let reader = Reader()
        try XMLDocumentParsing.parse(bytes, delegate: reader, file: location, root: "repomd")
        return reader.found
    }

    private final class Reader: NSObject, XMLDocumentDelegate {
        var found: UpdateInfo?
        var depth = 0
        var rootName: String?
        private var inUpdateInfo = false
        private var current = UpdateInfo(href: "")
        private var inChecksum = false
        private var text = ""

        func parser(
            _ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String]
        ) {
            depth += 1
            if rootName == nil { rootName = element }
            switch element {
            case "data":
                inUpdateInfo = attributes["type"] == "updateinfo"
                current = UpdateInfo(href: "")
            case "location" where inUpdateInfo:
                current.href = attributes["href"] ?? ""
            case "checksum" where inUpdateInfo:
                inChecksum = true
                text = ""
                current.checksumType = attributes["type"]
            default:
                break
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if inChecksum { text += string }
        }

        func parser(
            _ parser: XMLParser, didEndElement element: String, namespaceURI: String?, qualifiedName: String?
        ) {
            depth -= 1
            switch element {
            case "checksum" where inChecksum:
                current.checksum = text.trimmingCharacters(in: .whitespacesAndNewlines)
                inChecksum = false
            case "data":
                if inUpdateInfo, found == nil, !current.href.isEmpty { found = current }
                inUpdateInfo = false
            default:
                break
            }
        }
    }
}
