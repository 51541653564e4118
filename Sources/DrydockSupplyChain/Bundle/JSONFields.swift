import Foundation

/// Typed access to a JSON object's members with the field path kept for error messages — the one reader of
/// protobuf-JSON documents (bundles, trusted roots) in this module.
///
/// Protobuf JSON writes 64-bit integers as strings and bytes as base64 (standard or URL-safe alphabet); both
/// are accepted here. Field names are read in their JSON (lowerCamelCase) spelling, falling back to the
/// proto (snake_case) spelling, as protobuf's JSON parsers do.
struct JSONFields {
    let object: [String: Any]
    let path: String

    init(_ object: [String: Any], path: String) {
        self.object = object
        self.path = path
    }

    /// Parses `bytes` as a JSON object.
    static func parse(_ bytes: [UInt8], path: String) throws(SupplyChainError) -> JSONFields {
        let value: Any
        do {
            value = try JSONSerialization.jsonObject(with: Data(bytes), options: [])
        } catch {
            throw .malformed("not valid JSON (\(error.localizedDescription))", at: path)
        }
        guard let object = value as? [String: Any] else {
            throw .malformed("expected a JSON object at the top level", at: path)
        }
        return JSONFields(object, path: path)
    }

    func raw(_ key: String) -> Any? {
        if let value = object[key], !(value is NSNull) { return value }
        let snake = key.reduce(into: "") { text, character in
            if character.isUppercase { text += "_" + character.lowercased() } else { text.append(character) }
        }
        if let value = object[snake], !(value is NSNull) { return value }
        return nil
    }

    func has(_ key: String) -> Bool { raw(key) != nil }

    func optionalObject(_ key: String) throws(SupplyChainError) -> JSONFields? {
        guard let value = raw(key) else { return nil }
        guard let object = value as? [String: Any] else { throw .malformed("expected an object", at: "\(path).\(key)") }
        return JSONFields(object, path: "\(path).\(key)")
    }

    func object(_ key: String) throws(SupplyChainError) -> JSONFields {
        guard let value = try optionalObject(key) else { throw .malformed("missing", at: "\(path).\(key)") }
        return value
    }

    func objects(_ key: String) throws(SupplyChainError) -> [JSONFields] {
        guard let value = raw(key) else { return [] }
        guard let array = value as? [Any] else { throw .malformed("expected an array", at: "\(path).\(key)") }
        var result: [JSONFields] = []
        for (index, element) in array.enumerated() {
            guard let object = element as? [String: Any] else {
                throw .malformed("expected an object", at: "\(path).\(key)[\(index)]")
            }
            result.append(JSONFields(object, path: "\(path).\(key)[\(index)]"))
        }
        return result
    }

    func optionalString(_ key: String) throws(SupplyChainError) -> String? {
        guard let value = raw(key) else { return nil }
        guard let string = value as? String else { throw .malformed("expected a string", at: "\(path).\(key)") }
        return string
    }

    func string(_ key: String) throws(SupplyChainError) -> String {
        guard let value = try optionalString(key) else { throw .malformed("missing", at: "\(path).\(key)") }
        return value
    }

    func strings(_ key: String) throws(SupplyChainError) -> [String] {
        guard let value = raw(key) else { return [] }
        guard let array = value as? [String] else {
            throw .malformed("expected an array of strings", at: "\(path).\(key)")
        }
        return array
    }

    /// A protobuf `int64`: a JSON string of digits or a JSON number.
    func optionalInt64(_ key: String) throws(SupplyChainError) -> Int64? {
        guard let value = raw(key) else { return nil }
        if let string = value as? String, let number = Int64(string) { return number }
        if let number = value as? NSNumber, !(value is Bool), let exact = Int64(exactly: number.doubleValue) {
            return exact
        }
        throw .malformed("expected an integer", at: "\(path).\(key)")
    }

    func int64(_ key: String) throws(SupplyChainError) -> Int64 {
        guard let value = try optionalInt64(key) else { throw .malformed("missing", at: "\(path).\(key)") }
        return value
    }

    /// Protobuf `bytes`: base64, standard or URL-safe alphabet, padding optional.
    func optionalBytes(_ key: String) throws(SupplyChainError) -> [UInt8]? {
        guard let text = try optionalString(key) else { return nil }
        guard let bytes = Base64.decode(text) else { throw .malformed("not valid base64", at: "\(path).\(key)") }
        return bytes
    }

    func bytes(_ key: String) throws(SupplyChainError) -> [UInt8] {
        guard let value = try optionalBytes(key) else { throw .malformed("missing", at: "\(path).\(key)") }
        return value
    }

    /// An RFC 3339 timestamp (protobuf `Timestamp`).
    func optionalDate(_ key: String) throws(SupplyChainError) -> Date? {
        guard let text = try optionalString(key) else { return nil }
        guard let date = RFC3339.date(text) else {
            throw .malformed("not an RFC 3339 time: '\(text)'", at: "\(path).\(key)")
        }
        return date
    }
}

/// Base64 as protobuf JSON writes it.
enum Base64 {
    static func decode(_ text: String) -> [UInt8]? {
        var normalised = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        normalised = normalised.filter { !$0.isWhitespace }
        while normalised.count % 4 != 0 { normalised += "=" }
        return Data(base64Encoded: normalised).map { Array($0) }
    }

    static func encode(_ bytes: [UInt8]) -> String { Data(bytes).base64EncodedString() }
}

/// RFC 3339 times with or without fractional seconds.
enum RFC3339 {
    static func date(_ text: String) -> Date? {
        let plain = ISO8601DateFormatter()
        plain.formatOptions = [.withInternetDateTime]
        if let date = plain.date(from: text) { return date }
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return fractional.date(from: text)
    }
}

/// Times in messages: RFC 3339 in UTC.
enum ISO8601 {
    static func string(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}
