/// Substitutes `$NAME`, `${NAME}`, `${NAME:-default}`, `${NAME-default}`, `${NAME:+alternative}` and
/// `${NAME+alternative}` the way the builder does in Dockerfile arguments. Unknown names become empty,
/// as in a build; `\$` keeps a literal dollar.
public enum DockerVariables {
    /// `word` with the variables of `values` substituted.
    public static func expand(_ word: String, in values: [String: String]) -> String {
        guard word.contains("$") else { return word }
        var result = ""
        var characters = Substring(word)
        while let character = characters.first {
            characters = characters.dropFirst()
            if character == "\\", characters.first == "$" {
                result.append("$")
                characters = characters.dropFirst()
                continue
            }
            guard character == "$" else {
                result.append(character)
                continue
            }
            if characters.first == "{" {
                guard let close = characters.firstIndex(of: "}") else {
                    result.append("$")
                    continue
                }
                let inner = characters[characters.index(after: characters.startIndex)..<close]
                characters = characters[characters.index(after: close)...]
                result += substitute(inner, values)
                continue
            }
            let name = characters.prefix { $0.isLetter || $0.isNumber || $0 == "_" }
            guard !name.isEmpty, name.first?.isNumber == false else {
                result.append("$")
                continue
            }
            characters = characters.dropFirst(name.count)
            result += values[String(name)] ?? ""
        }
        return result
    }

    /// `NAME`, `NAME:-x`, `NAME-x`, `NAME:+x`, `NAME+x`.
    static func substitute(_ inner: Substring, _ values: [String: String]) -> String {
        let name = inner.prefix { $0.isLetter || $0.isNumber || $0 == "_" }
        let modifier = inner.dropFirst(name.count)
        let value = values[String(name)]
        if modifier.hasPrefix(":-") {
            return value.flatMap { $0.isEmpty ? nil : $0 } ?? expand(String(modifier.dropFirst(2)), in: values)
        }
        if modifier.hasPrefix("-") { return value ?? expand(String(modifier.dropFirst()), in: values) }
        if modifier.hasPrefix(":+") {
            return value.map { $0.isEmpty ? "" : expand(String(modifier.dropFirst(2)), in: values) } ?? ""
        }
        if modifier.hasPrefix("+") { return value == nil ? "" : expand(String(modifier.dropFirst()), in: values) }
        return value ?? ""
    }
}
