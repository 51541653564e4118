import Foundation

/// Collects instructions into stages while a Dockerfile is read, tracking the build arguments and
/// environment variables in scope so that substituted arguments can be computed.
struct StageBuilder {
    /// Whether instructions before any `FROM` open an unnamed stage (image history has no `FROM`) instead
    /// of being an error.
    var allowsImplicitStage = false
    private(set) var global: [DockerInstruction] = []
    private(set) var stages: [DockerStage] = []
    /// Global `ARG` defaults (what `FROM` lines may use).
    private var globalValues: [String: String] = [:]
    /// Variables in scope in the current stage.
    private var stageValues: [String: String] = [:]

    /// Instructions whose arguments the builder substitutes variables in.
    static let substituted: Set<String> = [
        "ADD", "COPY", "ENV", "EXPOSE", "FROM", "LABEL", "STOPSIGNAL", "USER", "VOLUME", "WORKDIR",
    ]
    /// Instructions whose argument is the rest of the line as one string.
    static let wholeLine: Set<String> = ["MAINTAINER", "ONBUILD", "STOPSIGNAL", "USER", "WORKDIR"]

    /// BuildKit refuses these instructions without their arguments (an image cannot be built from the file),
    /// with these words.
    static func requireArguments(_ keyword: String, _ arguments: [String], heredocs: [DockerHeredoc], line: Int)
        throws(ConfigParseError)
    {
        switch keyword {
        case "FROM" where arguments.count != 1 && arguments.count != 3:
            throw ConfigParseError("FROM requires either one or three arguments", line: line)
        case "USER", "WORKDIR", "STOPSIGNAL", "MAINTAINER":
            if arguments.isEmpty { throw ConfigParseError("\(keyword) requires exactly one argument", line: line) }
        case "COPY", "ADD":
            if arguments.count + heredocs.count < 2, heredocs.isEmpty {
                throw ConfigParseError("\(keyword) requires at least two arguments", line: line)
            }
        case "ENV", "LABEL", "ARG", "EXPOSE", "VOLUME", "ONBUILD":
            if arguments.isEmpty { throw ConfigParseError("\(keyword) requires at least one argument", line: line) }
        default:
            break
        }
    }

    mutating func add(keyword: String, rest: String, heredocs: [DockerHeredoc], range: LineRange)
        throws(ConfigParseError)
    {
        let (flags, body) = Self.splitFlags(rest)
        var arguments: [String]
        var isExecForm = false
        var keyValues: [DockerKeyValue] = []
        switch keyword {
        case "RUN", "CMD", "ENTRYPOINT", "SHELL", "COPY", "ADD", "VOLUME":
            if let array = Self.jsonArray(body) {
                arguments = array
                isExecForm = true
            } else if ["RUN", "CMD", "ENTRYPOINT", "SHELL"].contains(keyword) {
                arguments = body.isEmpty ? [] : [body]
            } else {
                arguments = Self.words(body)
            }
        case "ENV", "LABEL":
            keyValues = Self.keyValues(body)
            arguments = keyValues.flatMap { [$0.key, $0.value ?? ""] }
        case "ARG":
            arguments = ShellWords.split(body, keepQuotes: true)
            keyValues = ShellWords.split(body, keepQuotes: false).map { word in
                guard let equals = word.firstIndex(of: "=") else { return DockerKeyValue(key: word, value: nil) }
                return DockerKeyValue(key: String(word[..<equals]), value: String(word[word.index(after: equals)...]))
            }
        case "HEALTHCHECK":
            let first = body.prefix { !$0.isWhitespace }
            let command = body.dropFirst(first.count).drop(while: \.isWhitespace)
            if let array = Self.jsonArray(String(command)) {
                arguments = [String(first)] + array
                isExecForm = true
            } else {
                arguments = command.isEmpty ? [String(first)] : [String(first), String(command)]
            }
        default:
            arguments = Self.wholeLine.contains(keyword) ? (body.isEmpty ? [] : [body]) : Self.words(body)
        }
        try Self.requireArguments(keyword, arguments, heredocs: heredocs, line: range.start)
        if keyword == "FROM" {
            stageValues = [:]
        }
        let scope = keyword == "FROM" || stages.isEmpty ? globalValues : stageValues
        let expand = { (word: String) in DockerVariables.expand(word, in: scope) }
        var expanded = arguments
        if Self.substituted.contains(keyword) && !isExecForm {
            expanded = arguments.map(expand)
        }
        if keyword == "ENV" || keyword == "LABEL" {
            keyValues = keyValues.map { DockerKeyValue(key: $0.key, value: $0.value.map(expand)) }
            expanded = keyValues.flatMap { [$0.key, $0.value ?? ""] }
        }
        var instruction = DockerInstruction(
            keyword: keyword, flags: flags, arguments: arguments, isExecForm: isExecForm, keyValues: keyValues,
            expandedArguments: expanded, heredocs: heredocs, range: range,
            stage: stages.isEmpty ? nil : stages.count - 1,
            rawArguments: rest)
        switch keyword {
        case "FROM":
            let words = expanded
            var name: String?
            if words.count >= 3, words[1].lowercased() == "as" { name = words[2] }
            instruction.stage = stages.count
            stages.append(
                DockerStage(index: stages.count, name: name, baseImage: words.first ?? "", instructions: [instruction]))
            return
        case "ARG":
            let values = stages.isEmpty ? globalValues : stageValues
            for pair in keyValues {
                let value = pair.value.map { DockerVariables.expand($0, in: values) } ?? globalValues[pair.key] ?? ""
                if stages.isEmpty { globalValues[pair.key] = value } else { stageValues[pair.key] = value }
            }
        case "ENV":
            for pair in keyValues { stageValues[pair.key] = pair.value ?? "" }
        default:
            break
        }
        if stages.isEmpty, keyword != "ARG", allowsImplicitStage {
            stages.append(DockerStage(index: 0, name: nil, baseImage: "", instructions: []))
            instruction.stage = 0
        }
        if stages.isEmpty {
            guard keyword == "ARG" else {
                throw ConfigParseError("\(keyword) before the first FROM (only ARG may come first)", line: range.start)
            }
            global.append(instruction)
        } else {
            stages[stages.count - 1].instructions.append(instruction)
        }
    }

    /// Leading `--name[=value]` words, and the rest.
    static func splitFlags(_ rest: String) -> (flags: [String], body: String) {
        var flags: [String] = []
        var remaining = Substring(rest)
        while remaining.hasPrefix("--"), remaining.count > 2, remaining.dropFirst(2).first?.isLetter == true {
            let word = remaining.prefix { !$0.isWhitespace }
            flags.append(String(word))
            remaining = remaining.dropFirst(word.count).drop(while: \.isWhitespace)
        }
        return (flags, String(remaining))
    }

    /// The strings of a JSON array of strings (exec form), or `nil` when `text` is not one.
    static func jsonArray(_ text: String) -> [String]? {
        let trimmed = text.trimmingWhitespace()
        guard trimmed.hasPrefix("["), trimmed.hasSuffix("]"),
            let data = trimmed.data(using: .utf8),
            let array = try? JSONSerialization.jsonObject(with: data) as? [Any]
        else { return nil }
        let strings = array.compactMap { $0 as? String }
        return strings.count == array.count ? strings : nil
    }

    /// Whitespace-separated words.
    static func words(_ text: String) -> [String] {
        text.split(whereSeparator: \.isWhitespace).map(String.init)
    }

    /// `ENV`/`LABEL` pairs: `k=v k2="v 2"`, or the legacy `KEY value with spaces`.
    static func keyValues(_ body: String) -> [DockerKeyValue] {
        let first = body.prefix { !$0.isWhitespace }
        guard first.contains("=") else {
            let value = body.dropFirst(first.count).drop(while: \.isWhitespace)
            return first.isEmpty ? [] : [DockerKeyValue(key: String(first), value: String(value))]
        }
        return ShellWords.split(body, keepQuotes: false).map { word in
            guard let equals = word.firstIndex(of: "=") else { return DockerKeyValue(key: word, value: "") }
            return DockerKeyValue(key: String(word[..<equals]), value: String(word[word.index(after: equals)...]))
        }
    }
}

/// Splits text into words the way the builder does for `ENV`, `LABEL` and `ARG`: whitespace separates,
/// quotes group (and are removed unless `keepQuotes`), a backslash escapes the next character.
enum ShellWords {
    static func split(_ text: String, keepQuotes: Bool) -> [String] {
        var words: [String] = []
        var current = ""
        var inWord = false
        var quote: Character?
        var escaped = false
        for character in text {
            if escaped {
                current.append(character)
                escaped = false
                continue
            }
            if character == "\\" && quote != "'" {
                if keepQuotes { current.append(character) }
                escaped = true
                inWord = true
                continue
            }
            if let open = quote {
                if character == open {
                    quote = nil
                    if keepQuotes { current.append(character) }
                } else {
                    current.append(character)
                }
                continue
            }
            if character == "\"" || character == "'" {
                quote = character
                inWord = true
                if keepQuotes { current.append(character) }
                continue
            }
            if character.isWhitespace {
                if inWord { words.append(current) }
                current = ""
                inWord = false
                continue
            }
            current.append(character)
            inWord = true
        }
        if inWord { words.append(current) }
        return words
    }
}
