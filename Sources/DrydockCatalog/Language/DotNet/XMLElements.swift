import DrydockModel
import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Collects the attributes of every element with one of a few names from an XML document.
enum XMLElements {
    /// The attributes (by name) of elements named in `names`, in document order.
    static func collect(_ bytes: [UInt8], names: Set<String>, path: String) throws(CatalogError) -> [(
        name: String, attributes: [String: String]
    )] {
        if let problem = XMLInputCheck.problem(bytes) {
            throw CatalogError(code: .malformedLockfile, reason: problem, location: path)
        }
        let parser = XMLParser(data: Data(bytes))
        let collector = Collector(names: names)
        parser.delegate = collector
        guard parser.parse() else {
            let line = parser.lineNumber
            throw CatalogError(
                code: .malformedLockfile, reason: "not valid XML", location: "\(path):\(line)",
                underlying: parser.parserError.map { String(describing: $0) })
        }
        return collector.elements
    }

    /// The delegate; confined to the one `parse()` call that uses it.
    private final class Collector: NSObject, XMLParserDelegate {
        let names: Set<String>
        var elements: [(name: String, attributes: [String: String])] = []

        init(names: Set<String>) {
            self.names = names
        }

        func parser(
            _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
            qualifiedName: String?, attributes: [String: String] = [:]
        ) {
            if names.contains(elementName) { elements.append((elementName, attributes)) }
        }
    }
}
