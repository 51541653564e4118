import DrydockModel
import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// A SAX delegate that knows the document's root element and how many elements are open, so a cut-off
/// document (which Foundation's parser on Linux may accept) is caught.
protocol XMLDocumentDelegate: XMLParserDelegate {
    /// The first element's local name.
    var rootName: String? { get }
    /// Elements open now.
    var depth: Int { get }
}

/// Runs Foundation's streaming `XMLParser` over a whole document with a delegate, for every XML importer (OVAL,
/// updateinfo, CVRF, `repomd.xml`).
enum XMLDocumentParsing {
    /// Parses `bytes` (element names without their namespace prefixes) with `delegate`; throws as
    /// ``run(_:delegate:file:root:)``.
    static func parse(
        _ bytes: [UInt8], delegate: some XMLDocumentDelegate, file: String, root: String
    ) throws(VulnDBError) {
        try checkEncoding(bytes, file: file)
        let parser = XMLParser(data: Data(bytes))
        parser.shouldProcessNamespaces = true
        try run(parser, delegate: delegate, file: file, root: root)
    }

    /// Throws `malformedInput` when `bytes` are to be read as UTF-8 but are not (``XMLInputCheck``): Foundation's
    /// parser would crash on them.
    static func checkEncoding(_ bytes: [UInt8], file: String) throws(VulnDBError) {
        if let problem = XMLInputCheck.problem(bytes) {
            throw VulnDBError(code: .malformedInput, reason: problem, location: file)
        }
    }

    /// Runs `parser` (over bytes or a stream, configured by the caller) with `delegate`; external entities are
    /// never resolved. Throws `malformedInput` naming `file` (and the line and column) when the XML is not
    /// well-formed, ends inside an element, or its root element is not `root`.
    static func run(
        _ parser: XMLParser, delegate: some XMLDocumentDelegate, file: String, root: String
    ) throws(VulnDBError) {
        parser.delegate = delegate
        parser.shouldResolveExternalEntities = false
        let position = { "\(file):\(parser.lineNumber):\(parser.columnNumber)" }
        guard parser.parse() else {
            let detail = parser.parserError.map { $0.localizedDescription } ?? "parse error"
            throw VulnDBError(code: .malformedInput, reason: "not well-formed XML: \(detail)", location: position())
        }
        guard delegate.depth == 0 else {
            throw VulnDBError(
                code: .malformedInput, reason: "not well-formed XML: the document ends inside an element (cut off?)",
                location: position())
        }
        guard delegate.rootName == root else {
            throw VulnDBError(
                code: .malformedInput, reason: "the root element is <\(delegate.rootName ?? "")>, not <\(root)>",
                location: file)
        }
    }
}
