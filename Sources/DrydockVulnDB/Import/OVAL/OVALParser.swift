import DrydockImage
import DrydockModel
import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Reads an OVAL definitions file with Foundation's streaming (SAX) XML parser into an ``OVALDocument``.
///
/// Elements are recognised by local name, whatever prefix the vendor binds the OVAL namespaces to
/// (`linux-def:rpminfo_test`, `rpminfo_test` with a default namespace, `ind-def:…`). Pure: bytes (or a
/// decompressing stream) in, a document out; malformed XML throws with the line it stopped at.
enum OVALParser {
    /// Parses a whole file held in memory.
    static func parse(_ bytes: [UInt8], file: String) throws(VulnDBError) -> OVALDocument {
        try XMLDocumentParsing.checkEncoding(bytes, file: file)
        let delegate = OVALParserDelegate()
        try XMLDocumentParsing.run(XMLParser(data: Data(bytes)), delegate: delegate, file: file, root: root)
        return delegate.document
    }

    /// Parses a stream (a compressed file, decompressed as the parser reads), never holding it whole; a
    /// decompression error (a cut-off or damaged file) is what is thrown when the stream failed.
    static func parse(stream source: any ByteSource, file: String) throws(VulnDBError) -> OVALDocument {
        let stream = ByteSourceInputStream(source, file: file)
        let delegate = OVALParserDelegate()
        do {
            try XMLDocumentParsing.run(XMLParser(stream: stream), delegate: delegate, file: file, root: root)
        } catch {
            throw stream.error ?? error
        }
        if let error = stream.error { throw error }
        return delegate.document
    }

    /// The root element.
    static let root = "oval_definitions"
}

/// Collects the document as elements stream past.
///
/// `@unchecked Sendable` is not claimed: one delegate serves one parse on one thread.
private final class OVALParserDelegate: NSObject, XMLDocumentDelegate {
    /// The longest description kept.
    static let descriptionLimit = 2_000

    var document = OVALDocument()
    private(set) var rootName: String?
    var depth: Int { path.count }

    private var path: [String] = []
    private var text = ""
    private var definition: OVALDefinition?
    private var cve: OVALDefinition.CVE?
    /// Open `criteria` elements: operator, negate, children so far.
    private var criteriaStack: [(operator: String, negate: Bool, children: [OVALCriteria])] = []
    private var test: (id: String, value: OVALTest)?
    private var object: (id: String, value: OVALObject)?
    private var state: (id: String, value: OVALState)?
    private var fieldOperation = "equals"

    private static func local(_ name: String) -> String {
        guard let colon = name.lastIndex(of: ":") else { return name }
        return String(name[name.index(after: colon)...])
    }

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        let name = Self.local(elementName)
        let parent = path.last ?? ""
        path.append(name)
        text = ""
        if path.count == 1 {
            rootName = name
            return
        }
        switch name {
        case "definition" where parent == "definitions":
            definition = OVALDefinition(id: attributes["id"] ?? "", definitionClass: attributes["class"] ?? "")
        case "reference" where definition != nil:
            definition?.references.append(
                .init(source: attributes["source"] ?? "", id: attributes["ref_id"] ?? "", url: attributes["ref_url"]))
        case "cve" where definition != nil:
            cve = .init(id: "", cvss2: attributes["cvss2"], cvss3: attributes["cvss3"], url: attributes["href"])
        case "issued" where definition != nil:
            definition?.issued = attributes["date"]
        case "updated" where definition != nil:
            definition?.updated = attributes["date"]
        case "criteria" where definition != nil:
            criteriaStack.append((attributes["operator"] ?? "AND", attributes["negate"] == "true", []))
        case "criterion" where definition != nil:
            criteriaStack.indices.last.map {
                criteriaStack[$0].children.append(
                    .criterion(
                        testID: attributes["test_ref"] ?? "", negate: attributes["negate"] == "true",
                        comment: attributes["comment"]))
            }
        case "extend_definition" where definition != nil:
            criteriaStack.indices.last.map {
                criteriaStack[$0].children.append(
                    .extendDefinition(
                        definitionID: attributes["definition_ref"] ?? "", negate: attributes["negate"] == "true"))
            }
        default:
            switch parent {
            case "tests":
                test = (attributes["id"] ?? "", OVALTest(kind: name, comment: attributes["comment"]))
            case "objects":
                object = (attributes["id"] ?? "", OVALObject(kind: name))
            case "states":
                state = (attributes["id"] ?? "", OVALState(kind: name))
            default:
                if test != nil, name == "object" { test?.value.objectID = attributes["object_ref"] }
                if test != nil, name == "state", let reference = attributes["state_ref"] {
                    test?.value.stateIDs.append(reference)
                }
                if state != nil { fieldOperation = attributes["operation"] ?? "equals" }
            }
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        text += string
    }

    func parser(_ parser: XMLParser, foundCDATA block: Data) {
        text += String(decoding: block, as: UTF8.self)
    }

    func parser(
        _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?
    ) {
        let name = path.popLast() ?? ""
        let parent = path.last ?? ""
        let value = text.trimmingCharacters(in: .whitespacesAndNewlines)
        defer { text = "" }
        if path.count == 2, parent == "generator" {
            if name == "product_name" { document.generator = value }
            if name == "timestamp" { document.timestamp = value }
            return
        }
        if definition != nil {
            endInDefinition(name, parent: parent, value: value)
            return
        }
        if let current = test {
            if name == current.value.kind, parent == "tests" {
                document.tests[current.id] = current.value
                test = nil
            }
            return
        }
        if let current = object {
            if name == current.value.kind, parent == "objects" {
                document.objects[current.id] = current.value
                object = nil
            } else if name == "name" {
                object?.value.name = value
            } else if name == "filepath" {
                object?.value.filepath = value
            }
            return
        }
        if let current = state {
            if name == current.value.kind, parent == "states" {
                document.states[current.id] = current.value
                state = nil
                return
            }
            let field = OVALState.Field(operation: fieldOperation, value: value)
            switch name {
            case "evr": state?.value.evr = field
            case "version": state?.value.version = field
            case "arch": state?.value.arch = field
            case "signature_keyid": state?.value.signatureKeyID = field
            case "text": state?.value.text = field
            default: break
            }
        }
    }

    private func endInDefinition(_ name: String, parent: String, value: String) {
        switch name {
        case "definition":
            if let definition { document.definitions.append(definition) }
            definition = nil
        case "title" where parent == "metadata": definition?.title = value
        case "description" where parent == "metadata":
            // Bounded: Oracle's descriptions are whole package changelogs, thousands of them per file.
            definition?.description =
                value.count > Self.descriptionLimit ? String(value.prefix(Self.descriptionLimit)) + "…" : value
        case "platform": definition?.platforms.append(value)
        case "severity": definition?.severity = value
        case "patchable": definition?.patchable = value
        case "advisory_id": definition?.advisoryID = value
        case "advisory_date": definition?.updated = value
        case "cve":
            if var finished = cve {
                finished.id = value
                definition?.cves.append(finished)
            }
            cve = nil
        case "criteria":
            guard let finished = criteriaStack.popLast() else { return }
            let node = OVALCriteria.node(
                operator: finished.operator, negate: finished.negate, children: finished.children)
            if criteriaStack.isEmpty {
                definition?.criteria = node
            } else {
                criteriaStack[criteriaStack.count - 1].children.append(node)
            }
        default: break
        }
    }
}

/// Feeds a `ByteSource` to `XMLParser(stream:)`; a decompression error ends the stream and is kept, and so does
/// a document read as UTF-8 that is not (``XMLInputCheck``: Foundation's parser would crash on it).
///
/// One stream is read by one parser on one thread.
private final class ByteSourceInputStream: InputStream {
    private let source: any ByteSource
    private let file: String
    private var ended = false
    private(set) var error: VulnDBError?
    /// Checks the bytes as they pass; `nil` once the first piece showed another encoding.
    private var validator: UTF8Validator? = UTF8Validator()
    private var first = true

    init(_ source: any ByteSource, file: String) {
        self.source = source
        self.file = file
        super.init(data: Data())
    }

    override func open() {}
    override func close() {}
    override var hasBytesAvailable: Bool { !ended }
    override var streamStatus: Stream.Status { ended ? .atEnd : .open }
    override var streamError: (any Error)? { error }

    override func read(_ buffer: UnsafeMutablePointer<UInt8>, maxLength length: Int) -> Int {
        guard !ended else { return 0 }
        do {
            let count = try source.read(into: UnsafeMutableRawBufferPointer(start: buffer, count: length))
            if count == 0 { ended = true }
            let piece = UnsafeBufferPointer(start: buffer, count: count)
            if first, count > 0 {
                first = false
                if !XMLInputCheck.readsAsUTF8(head: ArraySlice(piece.prefix(512))) { validator = nil }
            }
            if validator?.feed(piece) == false || (count == 0 && validator?.isComplete == false) {
                error = VulnDBError(
                    code: .malformedInput, reason: XMLInputCheck.problem(at: validator?.offset ?? 0), location: file)
                ended = true
                return -1
            }
            return count
        } catch {
            self.error = FeedFile.failure(error, path: file)
            ended = true
            return -1
        }
    }
}
