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

    /// The comment lines stacked directly above `line` (and `line` itself, for a trailing comment).
    func commentLines(above line: Int) -> ClosedRange<Int> {
        var top = line
        while top > 1, top - 2 < lines.count {
            let text = lines[top - 2].drop(while: { $0 == " " || $0 == "\t" })
            guard text.hasPrefix("#") || text.hasPrefix("//") else { break }
            top -= 1
        }
        return top...line
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
    /// Checks that could not decide (an unknown value), as notes for the report.
    private(set) var undecided: [String] = []
    /// The other files of the configuration (Terraform), whose `module` blocks may carry ignore comments for
    /// the resources reached through them.
    var callSources: [String: SourceText] = [:]
    /// The resource blocks of the file with their attributes (Terraform, CloudFormation): an ignore comment
    /// above a companion resource (an `aws_security_group_rule` folded into its group) applies to the
    /// findings inside it.
    var blocks: [(range: LineRange, attributes: ConfigNode)] = []

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

    /// Records a check that could not decide because a value is unknown.
    mutating func undecided(_ metadata: CheckMetadata, _ failure: CheckFailure, resource: String?) {
        let place = failure.range.map { "\(target):\($0.start - lineOffset)" } ?? target
        undecided.append(
            "\(place): \(metadata.id) not decided for \(resource ?? target): it reads \(failure.undecidedOrigin ?? "a value") "
                + "which the files do not determine (\(failure.message))")
    }

    /// Records a failure; `resourceRange` (a cloud resource's block) lets an ignore comment above the
    /// resource apply to all its findings; `calls` are the module calls it was reached through (an ignore
    /// comment above any of them applies too); `attributes` are the resource's, for attribute-scoped ignores.
    mutating func fail(
        _ metadata: CheckMetadata, _ failure: CheckFailure, resource: String?, resourceRange: LineRange? = nil,
        calls: [TerraformModuleCall] = [], attributes: ConfigNode? = nil
    ) {
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
        if !calls.isEmpty {
            cause.occurrences = calls.reversed().map {
                CauseOccurrence(
                    resource: $0.address, filename: $0.file, startLine: $0.range.start, endLine: $0.range.end)
            }
        }
        let ignore =
            source.ignores.ignore(
                metadata, at: failure.range?.start, firstContentLine: firstContentLine, file: renderedFile ?? target,
                attributes: attributes)
            ?? resourceRange.flatMap { range in
                source.ignores.ignore(
                    metadata, inLines: source.commentLines(above: range.start), file: target, attributes: attributes)
            }
            ?? failure.range.flatMap { enclosingIgnore(metadata, line: $0.start, besides: resourceRange) }
            ?? calls.lazy.compactMap { [callSources] call in
                callSources[call.file].flatMap { caller in
                    caller.ignores.ignore(
                        metadata, inLines: caller.commentLines(above: call.range.start), file: call.file,
                        attributes: call.inputs)
                }
            }.first
        result.failures.append(finding(metadata, message: failure.message, status: .fail, cause: cause, ignore: ignore))
    }

    /// The comment above a resource block (other than the finding's own resource) that holds the finding's line.
    /// Instances of a block expanded by `count`/`for_each` share its lines, and the finding does not say which
    /// one it came from: an attribute-scoped comment applies only when every instance has the values.
    func enclosingIgnore(_ metadata: CheckMetadata, line: Int, besides own: LineRange?) -> InlineIgnore? {
        let enclosing = blocks.filter { $0.range.contains(line) && $0.range != own }
        let ranges = Set(enclosing.map(\.range)).sorted { $0.end - $0.start < $1.end - $1.start }
        for range in ranges {
            let lines = source.commentLines(above: range.start)
            let ignores = enclosing.filter { $0.range == range }.map {
                source.ignores.ignore(metadata, inLines: lines, file: target, attributes: $0.attributes)
            }
            if let first = ignores.first, let found = first, ignores.allSatisfy({ $0 != nil }) { return found }
        }
        return nil
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
