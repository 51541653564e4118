import DrydockModel

/// Turns located secrets into masked `SecretFinding`s, laid out as Trivy lays them out: the matched line
/// (cut to the secret and 30 bytes before, 20 after, when the line is over 100 bytes), and as code the two
/// lines before the secret, its lines and the line after, each cut at 100 bytes.
///
/// Every secret located in the file is masked (`*` for each byte but newlines) before any line is taken,
/// so no line shown holds any of them.
struct FindingBuilder {
    let bytes: UnsafeBufferPointer<UInt8>
    let located: [LocatedSecret]
    let rules: [CompiledRule]

    static let maxLineLength = 100
    static let linesAround = 2

    func findings(displayPath: String, binary: Bool) -> [SecretFinding] {
        var masked = Array(bytes)
        for secret in located {
            for index in secret.range where masked[index] != UInt8(ascii: "\n") { masked[index] = UInt8(ascii: "*") }
        }
        var lineStarts = [0]
        for (index, byte) in masked.enumerated() where byte == UInt8(ascii: "\n") { lineStarts.append(index + 1) }
        var findings: [SecretFinding] = []
        for secret in located {
            let rule = rules[secret.rule].rule
            var finding = SecretFinding(
                filePath: displayPath, ruleID: rule.id, category: rule.category, severity: rule.severity,
                title: rule.title, startLine: 0, endLine: 0, match: "", offset: secret.range.lowerBound)
            let (start, end) = (secret.range.lowerBound, secret.range.upperBound)
            let startLine = Self.line(of: start, lineStarts)
            let endLine = startLine + masked[start..<end].reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
            finding.startLine = startLine + 1
            finding.endLine = endLine + 1
            if binary {
                finding.match = "Binary file \"\(displayPath)\" matches a rule \"\(rule.title)\""
                findings.append(finding)
                continue
            }
            var lineStart = lineStarts[startLine]
            var lineEnd = masked[start...].firstIndex(of: UInt8(ascii: "\n")) ?? masked.count
            if lineEnd - lineStart > Self.maxLineLength {
                lineStart = start - lineStart < 30 ? lineStart : start - 30
                lineEnd = end + 20 > lineEnd ? lineEnd : end + 20
            }
            finding.match = Self.text(masked[lineStart..<lineEnd])
            let codeStart = max(0, startLine - Self.linesAround)
            let codeEnd = min(lineStarts.count, endLine + Self.linesAround)
            var lines: [CodeLine] = []
            for number in codeStart..<codeEnd {
                let from = lineStarts[number]
                let to = number + 1 < lineStarts.count ? lineStarts[number + 1] - 1 : masked.count
                let raw = masked[from..<to]
                let isCause = number >= startLine && number <= endLine
                let content =
                    raw.count > Self.maxLineLength
                    ? (isCause ? finding.match : Self.text(raw.prefix(Self.maxLineLength))) : Self.text(raw)
                lines.append(
                    CodeLine(
                        number: number + 1, content: content, isCause: isCause,
                        firstCause: isCause && !lines.contains(where: \.isCause)))
            }
            if let last = lines.lastIndex(where: \.isCause) { lines[last].lastCause = true }
            finding.code = CodeSnippet(lines: lines)
            findings.append(finding)
        }
        return findings.sorted { ($0.ruleID, $0.match) < ($1.ruleID, $1.match) }
    }

    /// The 0-based line holding byte `offset`.
    static func line(of offset: Int, _ lineStarts: [Int]) -> Int {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        return low
    }

    /// Bytes as shown: carriage returns dropped, each run of invalid UTF-8 replaced by one U+FFFD.
    static func text(_ bytes: ArraySlice<UInt8>) -> String {
        let kept = bytes.filter { $0 != UInt8(ascii: "\r") }
        var scalars = String.UnicodeScalarView()
        kept.withUnsafeBufferPointer { buffer in
            var index = 0
            var invalid = false
            while index < buffer.count {
                let (scalar, length) = TextSlice.decode(buffer, at: index)
                // An invalid byte decodes as U+FFFD of length 1; an encoded U+FFFD has length 3.
                let bad = scalar == "\u{FFFD}" && length == 1
                if bad {
                    if !invalid { scalars.append("\u{FFFD}") }
                } else {
                    scalars.append(scalar)
                }
                invalid = bad
                index += length
            }
        }
        return String(scalars)
    }
}
