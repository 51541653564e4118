import Foundation

/// A parsed Dockerfile (or Containerfile): parser directives, the global build arguments and the stages,
/// every instruction with the lines it spans.
public struct Dockerfile: Sendable, Hashable {
    /// Parser directives from the top of the file (`syntax`, `escape`, `check`), names lowercased.
    public var directives: [String: String]
    /// The escape character (`\`, or `` ` `` with `# escape=``).
    public var escape: Character
    /// `ARG` instructions before the first `FROM`: the arguments `FROM` lines may use.
    public var globalArguments: [DockerInstruction]
    /// The build stages, in file order; each starts with its `FROM`.
    public var stages: [DockerStage]
    /// How many lines the file has.
    public var lineCount: Int

    /// Creates a Dockerfile value.
    public init(
        directives: [String: String] = [:], escape: Character = "\\", globalArguments: [DockerInstruction] = [],
        stages: [DockerStage] = [], lineCount: Int = 0
    ) {
        self.directives = directives
        self.escape = escape
        self.globalArguments = globalArguments
        self.stages = stages
        self.lineCount = lineCount
    }

    /// Every instruction, in file order.
    public var instructions: [DockerInstruction] { globalArguments + stages.flatMap(\.instructions) }

    /// Every instruction with `keyword` (`RUN`), in file order.
    public func instructions(_ keyword: String) -> [DockerInstruction] {
        instructions.filter { $0.keyword == keyword }
    }

    /// The stage the image is built from: the last one.
    public var finalStage: DockerStage? { stages.last }
}

/// One build stage: a `FROM` and the instructions up to the next `FROM`.
public struct DockerStage: Sendable, Hashable {
    /// 0-based position.
    public var index: Int
    /// The `AS` name, as written (`builder`), when there is one.
    public var name: String?
    /// The base image with global build arguments substituted (`golang:1.22`), or a stage name.
    public var baseImage: String
    /// The stage's instructions, its `FROM` first.
    public var instructions: [DockerInstruction]

    /// Creates a stage.
    public init(index: Int, name: String?, baseImage: String, instructions: [DockerInstruction]) {
        self.index = index
        self.name = name
        self.baseImage = baseImage
        self.instructions = instructions
    }

    /// The stage's `FROM` instruction (`nil` for the unnamed stage of a Dockerfile rebuilt from history).
    public var from: DockerInstruction? { instructions.first.flatMap { $0.keyword == "FROM" ? $0 : nil } }

    /// The stage's instructions with `keyword`.
    public func instructions(_ keyword: String) -> [DockerInstruction] {
        instructions.filter { $0.keyword == keyword }
    }

    /// The lines the stage spans.
    public var range: LineRange {
        guard let first = instructions.first, let last = instructions.last else { return LineRange(line: 1) }
        return first.range.union(last.range)
    }
}

/// One instruction, continuation lines and here-documents included.
public struct DockerInstruction: Sendable, Hashable {
    /// The instruction in capitals (`RUN`, `COPY`).
    public var keyword: String
    /// Leading `--name=value` options (`--from=builder`, `--mount=type=secret,id=npm`), as written.
    public var flags: [String]
    /// The arguments as the builder splits them: exec form's strings; shell form's command as one string
    /// (`RUN`, `CMD`, `ENTRYPOINT`); whitespace-separated words for most others.
    public var arguments: [String]
    /// Whether the arguments were written as a JSON array (exec form).
    public var isExecForm: Bool
    /// `ENV` and `LABEL` pairs, and `ARG` names with their defaults (quotes removed).
    public var keyValues: [DockerKeyValue]
    /// The arguments with build arguments and environment variables substituted, for the instructions the
    /// builder substitutes in (`FROM`, `COPY`, `ADD`, `ENV`, `LABEL`, `EXPOSE`, `USER`, `WORKDIR`, `VOLUME`,
    /// `STOPSIGNAL`, `ONBUILD` excluded); the same as `arguments` for the others.
    public var expandedArguments: [String]
    /// Here-documents following the instruction (`RUN <<EOF`).
    public var heredocs: [DockerHeredoc]
    /// The lines the instruction spans, here-documents included.
    public var range: LineRange
    /// The 0-based stage it belongs to; `nil` for global `ARG`s.
    public var stage: Int?
    /// The instruction's text after the keyword, continuation lines joined, flags included.
    public var rawArguments: String
    /// The simple commands a shell-form `RUN` executes (its script, or its here-document), read once when the
    /// instruction is created: a dozen checks look at them. Empty for other instructions and exec form.
    public private(set) var shellCommands: [ShellCommand] = []

    /// Creates an instruction.
    public init(
        keyword: String, flags: [String] = [], arguments: [String], isExecForm: Bool = false,
        keyValues: [DockerKeyValue] = [], expandedArguments: [String]? = nil, heredocs: [DockerHeredoc] = [],
        range: LineRange, stage: Int? = nil, rawArguments: String? = nil
    ) {
        self.keyword = keyword
        self.flags = flags
        self.arguments = arguments
        self.isExecForm = isExecForm
        self.keyValues = keyValues
        self.expandedArguments = expandedArguments ?? arguments
        self.heredocs = heredocs
        self.range = range
        self.stage = stage
        self.rawArguments = rawArguments ?? arguments.joined(separator: " ")
        if keyword == "RUN", let script = shellScript { shellCommands = ShellCommands.commands(script) }
    }

    /// The arguments joined by spaces, as messages show them.
    public var argumentText: String { arguments.joined(separator: " ") }

    /// The shell script a `RUN` executes: the command, or the here-document when the command is only the
    /// here-document's marker (`RUN <<EOF`). `nil` for exec form.
    public var shellScript: String? {
        guard !isExecForm else { return nil }
        let command = arguments.joined(separator: " ")
        guard !heredocs.isEmpty else { return command }
        let remainder = heredocs.reduce(command) { text, doc in text.replacingOccurrences(of: doc.marker, with: "") }
        if remainder.allSatisfy(\.isWhitespace) {
            return heredocs.map(\.body).joined(separator: "\n")
        }
        return command
    }

    /// The value of flag `--name` (`--from=builder` → `builder`), when set.
    public func flag(_ name: String) -> String? {
        for flag in flags {
            guard flag.hasPrefix("--\(name)") else { continue }
            let rest = flag.dropFirst(name.count + 2)
            if rest.isEmpty { return "" }
            if rest.first == "=" { return String(rest.dropFirst()) }
        }
        return nil
    }
}

/// A `KEY=value` of `ENV`, `LABEL` or `ARG`.
public struct DockerKeyValue: Sendable, Hashable {
    /// The name.
    public var key: String
    /// The value; `nil` for an `ARG` without default.
    public var value: String?

    /// Creates a pair.
    public init(key: String, value: String?) {
        self.key = key
        self.value = value
    }
}

/// A here-document of an instruction.
public struct DockerHeredoc: Sendable, Hashable {
    /// The marker as written (`<<EOF`, `<<-"EOT"`).
    public var marker: String
    /// The delimiter word (`EOF`).
    public var name: String
    /// The body, without the terminator line.
    public var body: String
}
