extension Dockerfile {
    /// The stages `stage` builds on, oldest first, ending with `stage` itself: `FROM builder` continues the
    /// stage named `builder`, so its `USER` and `HEALTHCHECK` still apply.
    public func lineage(of stage: DockerStage) -> [DockerStage] {
        var chain = [stage]
        var current = stage
        var seen: Set<Int> = [stage.index]
        while let parent = stages.first(where: {
            $0.index < current.index && $0.name?.lowercased() == current.baseImage.lowercased()
        }), seen.insert(parent.index).inserted {
            chain.insert(parent, at: 0)
            current = parent
        }
        return chain
    }

    /// The instructions that shape the final image: the final stage and the stages it builds on.
    public var finalImageInstructions: [DockerInstruction] {
        guard let last = finalStage else { return [] }
        return lineage(of: last).flatMap(\.instructions)
    }

    /// The stage names, lowercased.
    var stageNames: Set<String> { Set(stages.compactMap { $0.name?.lowercased() }) }
}

extension DockerInstruction {
    /// The simple commands a `RUN` executes (exec form: its words as one command).
    public var commands: [[String]] {
        guard keyword == "RUN" else { return [] }
        if isExecForm { return arguments.isEmpty ? [] : [arguments] }
        return shellCommands.map(\.words)
    }
}

/// Helpers for package-manager commands.
enum CommandWords {
    static let prefixes: Set<String> = ["sudo", "env", "command", "exec", "time", "nice", "nohup"]

    /// The command from its tool on (prefixes such as `sudo` dropped), the tool without a leading path.
    static func fromTool(_ command: [String]) -> [String] {
        var words = command[...]
        while let first = words.first, prefixes.contains(first) || (words.count > 1 && first.hasPrefix("-")) {
            words = words.dropFirst()
        }
        guard let first = words.first else { return [] }
        return [String(first.split(separator: "/").last ?? Substring(first))] + words.dropFirst()
    }

    /// The tool (`/usr/bin/apt-get` → `apt-get`), prefixes skipped.
    static func tool(_ command: [String]) -> String? { fromTool(command).first }

    /// The command's words that are not options (`apt-get -y install curl` → `apt-get install curl`).
    static func operands(_ command: [String]) -> [String] {
        fromTool(command).filter { !$0.hasPrefix("-") }
    }

    /// The subcommand: the first operand after the tool (`install`).
    static func subcommand(_ command: [String]) -> String? {
        operands(command).dropFirst().first
    }
}
