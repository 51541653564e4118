import DrydockModel

/// The lines of a scanned file, for code snippets and inline ignore comments.
struct SourceText {
    let lines: [Substring]
    let ignores: InlineIgnores

    init(_ text: String) {
        lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.last == "\r" ? $0.dropLast() : $0
        }
        ignores = InlineIgnores(lines: lines)
    }

    /// The lines of `range` as Trivy's `Code`: at most `maximum` lines, the last one marked truncated
    /// when there are more.
    func snippet(_ range: LineRange, lineOffset: Int, maximum: Int = 10) -> CodeSnippet {
        guard range.start >= 1, range.start <= lines.count else { return CodeSnippet() }
        let end = min(range.end, lines.count)
        var code: [CodeLine] = []
        for number in range.start...end {
            if code.count == maximum - 1, end > number {
                code.append(CodeLine(number: number - lineOffset, content: "", truncated: true))
                break
            }
            code.append(
                CodeLine(number: number - lineOffset, content: String(lines[number - 1]), isCause: true))
        }
        if let first = code.indices.first { code[first].firstCause = true }
        if let last = code.lastIndex(where: { !$0.truncated }) { code[last].lastCause = true }
        return CodeSnippet(lines: code)
    }
}

/// Collects the findings of one target.
struct ResultBuilder {
    let target: String
    let fileType: ConfigFileType
    let source: SourceText
    let layer: LayerReference?
    /// The first line of content; ignore comments above it apply to the whole target.
    let firstContentLine: Int
    /// For `helm template` output: the line of the `# Source:` comment; lines are reported relative to it.
    var lineOffset = 0
    /// For `helm template` output: the rendered file, recorded as the finding's occurrence.
    var renderedFile: String?
    private(set) var result: ConfigTargetResult

    init(
        target: String, fileType: ConfigFileType, source: SourceText, layer: LayerReference?, firstContentLine: Int,
        lineOffset: Int = 0, renderedFile: String? = nil
    ) {
        self.target = target
        self.fileType = fileType
        self.source = source
        self.layer = layer
        self.firstContentLine = firstContentLine
        self.lineOffset = lineOffset
        self.renderedFile = renderedFile
        result = ConfigTargetResult(target: target, fileType: fileType)
    }

    mutating func fail(_ metadata: CheckMetadata, _ failure: CheckFailure, resource: String?) {
        var cause = CauseMetadata(resource: resource, provider: metadata.provider, service: metadata.service)
        if let range = failure.range {
            cause.startLine = range.start - lineOffset
            cause.endLine = range.end - lineOffset
            cause.code = source.snippet(range, lineOffset: lineOffset)
            if let renderedFile {
                cause.occurrences = [
                    CauseOccurrence(
                        resource: resource ?? "", filename: renderedFile, startLine: range.start, endLine: range.end)
                ]
            }
        }
        let ignore = source.ignores.ignore(
            metadata, at: failure.range?.start, firstContentLine: firstContentLine, file: renderedFile ?? target)
        result.failures.append(finding(metadata, message: failure.message, status: .fail, cause: cause, ignore: ignore))
    }

    mutating func pass(_ metadata: CheckMetadata, resource: String?) {
        let cause = CauseMetadata(resource: resource, provider: metadata.provider, service: metadata.service)
        result.passes.append(finding(metadata, message: "", status: .pass, cause: cause, ignore: nil))
    }

    func finding(
        _ metadata: CheckMetadata, message: String, status: MisconfigurationFinding.Status, cause: CauseMetadata,
        ignore: InlineIgnore?
    ) -> MisconfigurationFinding {
        MisconfigurationFinding(
            fileType: fileType.rawValue, filePath: target, id: metadata.id, aliases: metadata.aliases,
            title: metadata.title, description: metadata.description, message: message,
            namespace: metadata.namespace, resolution: metadata.resolution, severity: metadata.severity,
            primaryURL: metadata.primaryURL, references: metadata.references, status: status, layer: layer,
            cause: cause, inlineIgnore: ignore)
    }
}
