import Foundation

/// Helpers shared by the three parsers: errors with JSON paths and RFC 3339 dates.
enum VEXDecoding {
    /// Decodes `type` from `data`, turning a decoding error into a `VEXError` that names the JSON path.
    static func decode<T: Decodable>(_ type: T.Type, from data: Data, path: String) throws(VEXError) -> T {
        do {
            return try JSONDecoder().decode(type, from: data)
        } catch let error as DecodingError {
            throw VEXError(.invalid, file: path, path: jsonPath(of: error), reason: describe(error))
        } catch {
            throw VEXError(.notJSON, file: path, reason: "\(error)")
        }
    }

    /// `statements[2].products[0].@id` for a decoding error's coding path.
    static func jsonPath(of error: DecodingError) -> String {
        let context: DecodingError.Context
        switch error {
        case .typeMismatch(_, let value), .valueNotFound(_, let value), .dataCorrupted(let value):
            context = value
        case .keyNotFound(_, let value):
            context = value
        @unknown default:
            return ""
        }
        return jsonPath(context.codingPath)
    }

    static func jsonPath(_ codingPath: [any CodingKey]) -> String {
        var text = ""
        for key in codingPath {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += text.isEmpty ? key.stringValue : "." + key.stringValue
            }
        }
        return text
    }

    /// What a decoding error means, without Swift type names.
    static func describe(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return "\(error)" }
        switch error {
        case .keyNotFound(let key, _): return "required field '\(key.stringValue)' is missing"
        case .typeMismatch(let type, _): return "expected \(jsonKind(type))"
        case .valueNotFound(let type, _): return "expected \(jsonKind(type)), found null"
        case .dataCorrupted(let context):
            let underlying = context.underlyingError.map { " (\($0.localizedDescription))" } ?? ""
            return "malformed JSON: \(context.debugDescription)\(underlying)"
        @unknown default: return "\(error)"
        }
    }

    private static func jsonKind(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type, is Double.Type: "a number"
        case is Bool.Type: "true or false"
        default: "\(type)".hasPrefix("Array") ? "an array" : "an object"
        }
    }

    /// Parses an RFC 3339 date-time (fractional seconds and offsets allowed); `nil` when it is not one.
    static func date(_ text: String?) -> Date? {
        guard let text, !text.isEmpty else { return nil }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime]
        if let date = formatter.date(from: text) { return date }
        // Fractional seconds longer than milliseconds (`…07:16.853479631-06:00`): drop the extra digits.
        if let dot = text.firstIndex(of: "."), let end = text[dot...].firstIndex(where: { !$0.isNumber && $0 != "." }) {
            let digits = text[text.index(after: dot)..<end]
            let trimmed = String(text[..<dot]) + "." + String(digits.prefix(3)) + String(text[end...])
            formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
            return formatter.date(from: trimmed)
        }
        return nil
    }
}
