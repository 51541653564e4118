import DrydockReport

extension JSONValue {
    /// The elements of an array; empty for anything else.
    var elements: [JSONValue] {
        if case .array(let values) = self { return values }
        return []
    }

    /// Whether this is an object.
    var isObject: Bool {
        if case .object = self { return true }
        return false
    }

    /// The string member `key`, when it is a non-empty string.
    func string(_ key: String) -> String? {
        guard let value = self[key]?.stringValue, !value.isEmpty else { return nil }
        return value
    }
}
