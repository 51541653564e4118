import DrydockPolicy
import DrydockReport
import Foundation

/// Reads a VEX document of any format Drydock applies (`--vex`): OpenVEX, CycloneDX VEX or CSAF VEX.
///
/// Pure: bytes in, statements out. The format is told by its markers: `bomFormat: "CycloneDX"`, an `@context`
/// naming openvex.dev, or a `document.csaf_version`. Every statement gets the line it starts on, so decisions
/// and evidence can name file and line.
public enum VEXReader {
    /// Reads `bytes`, the content of the file `path` (named in errors, decisions and evidence).
    public static func read(_ bytes: [UInt8], path: String) throws(VEXError) -> VEXDocument {
        let root: JSONValue
        do {
            root = try JSONParser.parse(bytes)
        } catch {
            throw VEXError(.notJSON, file: path, reason: "not JSON: \(error)")
        }
        guard case .object = root else { throw VEXError(.notJSON, file: path, reason: "not a JSON object") }
        let fields = VEXFields(file: path)
        var document: VEXDocument
        if root["bomFormat"]?.stringValue == "CycloneDX" {
            document = try CycloneDXVEXReader.read(root, fields: fields)
        } else if let context = root["@context"]?.stringValue, context.contains("openvex") {
            document = try OpenVEXReader.read(root, fields: fields)
        } else if root["document"]?["csaf_version"] != nil {
            document = try CSAFVEXReader.read(root, fields: fields)
        } else {
            throw VEXError(
                .unknownFormat, file: path,
                reason:
                    "not a VEX document Drydock reads: expected OpenVEX (@context https://openvex.dev/ns/…), "
                    + "CycloneDX (bomFormat \"CycloneDX\") or CSAF (document.csaf_version)")
        }
        let lines = JSONLineLocator.lines(of: Set(document.statements.map(\.path)), in: bytes)
        for index in document.statements.indices {
            document.statements[index].line = lines[document.statements[index].path]
        }
        return document
    }
}

/// Typed access to a VEX document's members: a member of the wrong JSON type is an error naming the file and
/// the member's JSON path; an absent or `null` member is `nil` (or empty).
struct VEXFields {
    /// The document's file.
    let file: String

    func invalid(_ path: String, _ reason: String) -> VEXError {
        VEXError(.invalid, file: file, path: path, reason: reason)
    }

    /// The string at `path`, `nil` when absent.
    func string(_ value: JSONValue?, at path: String) throws(VEXError) -> String? {
        switch value {
        case nil, .null?: return nil
        case .string(let text)?: return text
        default: throw invalid(path, "expected a string")
        }
    }

    /// The string at `path`; absent is an error.
    func requiredString(_ value: JSONValue?, at path: String, name: String) throws(VEXError) -> String {
        guard let text = try string(value, at: path) else {
            throw invalid(path.isEmpty ? name : path, "required field '\(name)' is missing")
        }
        return text
    }

    /// The elements of the array at `path`, empty when absent.
    func array(_ value: JSONValue?, at path: String) throws(VEXError) -> [JSONValue] {
        switch value {
        case nil, .null?: return []
        case .array(let elements)?: return elements
        default: throw invalid(path, "expected an array")
        }
    }

    /// The object at `path`, `nil` when absent.
    func object(_ value: JSONValue?, at path: String) throws(VEXError) -> JSONValue? {
        switch value {
        case nil, .null?: return nil
        case .object?: return value
        default: throw invalid(path, "expected an object")
        }
    }

    /// The members of the object at `path`, empty when absent.
    func members(_ value: JSONValue?, at path: String) throws(VEXError) -> [(String, JSONValue)] {
        guard case .object(let members)? = try object(value, at: path) else { return [] }
        return members
    }

    /// The strings of the array at `path`, empty when absent; any other element is an error.
    func strings(_ value: JSONValue?, at path: String) throws(VEXError) -> [String] {
        var strings: [String] = []
        for (index, element) in try array(value, at: path).enumerated() {
            if let text = try string(element, at: "\(path)[\(index)]") { strings.append(text) }
        }
        return strings
    }

    /// The first of `members` (value and path) that holds a date (`PolicyDate`), `nil` when none does.
    func firstDate(_ members: [(JSONValue?, String)]) throws(VEXError) -> Date? {
        for (value, path) in members {
            if let date = try string(value, at: path).flatMap(PolicyDate.parse) { return date }
        }
        return nil
    }

    /// `values` without empty strings and repeats, in order.
    static func unique(_ values: [String]) -> [String] {
        var seen = Set<String>()
        return values.filter { !$0.isEmpty && seen.insert($0).inserted }
    }
}
