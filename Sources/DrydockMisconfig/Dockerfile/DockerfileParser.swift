/// Reads a Dockerfile into a `Dockerfile` value, keeping every instruction's lines.
///
/// Follows BuildKit's rules: parser directives only at the very top (`# syntax=`, `# escape=`, `# check=`),
/// the escape character at the end of a line continues the instruction (comment and empty lines inside
/// a continuation are dropped), here-documents after `RUN`, `COPY` and `ADD` (`<<EOF`, `<<-EOF`,
/// quoted delimiters), leading `--flags`, JSON exec form, and build-argument substitution where the
/// builder performs it. Pure: text in, value out.
public enum DockerfileParser {
    /// Instructions BuildKit knows.
    static let keywords: Set<String> = [
        "ADD", "ARG", "CMD", "COPY", "ENTRYPOINT", "ENV", "EXPOSE", "FROM", "HEALTHCHECK", "LABEL", "MAINTAINER",
        "ONBUILD", "RUN", "SHELL", "STOPSIGNAL", "USER", "VOLUME", "WORKDIR",
    ]

    /// Parses `text`. Throws `ConfigParseError` naming the line of an unknown instruction, an unterminated
    /// here-document, or an instruction other than `ARG` before the first `FROM` (unless `requiresFrom` is
    /// false, as for a Dockerfile rebuilt from image history, which has none).
    public static func parse(_ text: String, requiresFrom: Bool = true) throws(ConfigParseError) -> Dockerfile {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.last == "\r" ? line.dropLast() : line
        }
        var index = 0
        var directives: [String: String] = [:]
        while index < lines.count, let pair = directive(lines[index]), directives[pair.0] == nil {
            directives[pair.0] = pair.1
            index += 1
        }
        let escape: Character = directives["escape"] == "`" ? "`" : "\\"
        var builder = StageBuilder()
        builder.allowsImplicitStage = !requiresFrom
        while index < lines.count {
            let line = lines[index]
            let trimmed = line.drop(while: \.isWhitespace)
            if trimmed.isEmpty || trimmed.first == "#" {
                index += 1
                continue
            }
            let start = index
            // Only the last line read can end with the escape character: look at it alone, and join the pieces
            // once (an instruction of a hundred continued lines stays linear).
            var pieces: [Substring] = []
            var last: Substring? = trimmed
            while let line = last, let continued = continuation(line, escape: escape) {
                pieces.append(continued)
                last = nil
                index += 1
                while index < lines.count {
                    let next = lines[index].drop(while: \.isWhitespace)
                    if next.isEmpty || next.first == "#" { index += 1 } else { break }
                }
                guard index < lines.count else { break }
                last = lines[index]
            }
            if let last { pieces.append(last) }
            let text = pieces.joined()
            let keywordText = text.prefix { !$0.isWhitespace }
            let keyword = keywordText.uppercased()
            guard keywords.contains(keyword) else {
                throw ConfigParseError("unknown instruction '\(keywordText)'", line: start + 1)
            }
            let rest = String(text.dropFirst(keywordText.count).drop(while: \.isWhitespace))
            var heredocs: [DockerHeredoc] = []
            if ["RUN", "COPY", "ADD"].contains(keyword) {
                for marker in heredocMarkers(in: rest) {
                    var body: [Substring] = []
                    var closed = false
                    while index + 1 < lines.count {
                        index += 1
                        let candidate = marker.stripsTabs ? lines[index].drop { $0 == "\t" } : lines[index]
                        if candidate == marker.name {
                            closed = true
                            break
                        }
                        body.append(candidate)
                    }
                    guard closed else {
                        throw ConfigParseError(
                            "here-document '\(marker.text)' is not closed by a line '\(marker.name)'", line: start + 1)
                    }
                    heredocs.append(
                        DockerHeredoc(marker: marker.text, name: marker.name, body: body.joined(separator: "\n")))
                }
            }
            let range = LineRange(start + 1, min(index, lines.count - 1) + 1)
            index += 1
            try builder.add(keyword: keyword, rest: rest, heredocs: heredocs, range: range)
        }
        return Dockerfile(
            directives: directives, escape: escape, globalArguments: builder.global, stages: builder.stages,
            lineCount: lines.count)
    }

    /// `# name=value` at the top of the file, for the directives BuildKit knows.
    static func directive(_ line: Substring) -> (String, String)? {
        var rest = line.drop(while: \.isWhitespace)
        guard rest.first == "#" else { return nil }
        rest = rest.dropFirst().drop(while: \.isWhitespace)
        guard let equals = rest.firstIndex(of: "=") else { return nil }
        let name = rest[..<equals].trimmingWhitespace().lowercased()
        guard ["syntax", "escape", "check"].contains(name) else { return nil }
        return (name, String(rest[rest.index(after: equals)...].trimmingWhitespace()))
    }

    /// The line without its trailing escape character, when it ends with one (trailing blanks allowed).
    static func continuation(_ line: Substring, escape: Character) -> Substring? {
        guard let end = line.lastIndex(where: { !$0.isWhitespace }), line[end] == escape else { return nil }
        return line[..<end]
    }

    struct HeredocMarker {
        var text: String
        var name: String
        var stripsTabs: Bool
    }

    /// `<<EOF`, `<<-EOF`, `<<"EOF"`, `<<'EOF'` words of an instruction, in order.
    static func heredocMarkers(in rest: String) -> [HeredocMarker] {
        var markers: [HeredocMarker] = []
        var remaining = Substring(rest)
        while let range = remaining.range(of: "<<") {
            var cursor = remaining[range.upperBound...]
            let stripsTabs = cursor.first == "-"
            if stripsTabs { cursor = cursor.dropFirst() }
            var quote: Character?
            if let first = cursor.first, first == "\"" || first == "'" {
                quote = first
                cursor = cursor.dropFirst()
            }
            let name = cursor.prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" || $0 == "." }
            cursor = cursor.dropFirst(name.count)
            if let quote {
                guard cursor.first == quote else {
                    remaining = remaining[range.upperBound...]
                    continue
                }
                cursor = cursor.dropFirst()
            }
            if !name.isEmpty, name.first?.isLetter == true || name.first == "_" {
                markers.append(
                    HeredocMarker(
                        text: String(remaining[range.lowerBound..<cursor.startIndex]), name: String(name),
                        stripsTabs: stripsTabs))
            }
            remaining = cursor
        }
        return markers
    }
}

extension StringProtocol {
    /// Without leading and trailing whitespace.
    func trimmingWhitespace() -> String {
        guard let first = firstIndex(where: { !$0.isWhitespace }), let last = lastIndex(where: { !$0.isWhitespace })
        else { return "" }
        return String(self[first...last])
    }
}
