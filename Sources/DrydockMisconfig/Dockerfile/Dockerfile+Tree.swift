extension Dockerfile {
    /// The Dockerfile as a generic tree, for custom checks: `stages[]` with `name`, `base_image` and
    /// `instructions[]` (`keyword`, `value`, `arguments`, `flags`), every node with its lines.
    public var tree: ConfigNode {
        let stageNodes = stages.map { stage in
            var entries = [ConfigEntry]()
            let line = stage.range.start
            entries.append(
                ConfigEntry(
                    key: "name", keyLine: line,
                    value: ConfigNode(stage.name.map(ConfigNode.Value.string) ?? .null, line: line)))
            entries.append(
                ConfigEntry(key: "base_image", keyLine: line, value: ConfigNode(.string(stage.baseImage), line: line)))
            let instructions = stage.instructions.map(\.tree)
            entries.append(
                ConfigEntry(
                    key: "instructions", keyLine: line, value: ConfigNode(.sequence(instructions), range: stage.range)))
            return ConfigNode(.mapping(entries), range: stage.range)
        }
        let whole = LineRange(1, max(1, lineCount))
        return ConfigNode(
            .mapping([ConfigEntry(key: "stages", keyLine: 1, value: ConfigNode(.sequence(stageNodes), range: whole))]),
            range: whole)
    }
}

extension DockerInstruction {
    /// The instruction as a generic tree: `keyword`, `value` (the arguments as one string), `arguments`,
    /// `flags` and `stage`.
    public var tree: ConfigNode {
        let line = range.start
        func strings(_ values: [String]) -> ConfigNode {
            ConfigNode(.sequence(values.map { ConfigNode(.string($0), line: line) }), range: range)
        }
        return ConfigNode(
            .mapping([
                ConfigEntry(key: "keyword", keyLine: line, value: ConfigNode(.string(keyword), line: line)),
                ConfigEntry(key: "value", keyLine: line, value: ConfigNode(.string(argumentText), range: range)),
                ConfigEntry(key: "arguments", keyLine: line, value: strings(arguments)),
                ConfigEntry(key: "flags", keyLine: line, value: strings(flags)),
                ConfigEntry(
                    key: "stage", keyLine: line, value: ConfigNode(stage.map(ConfigNode.Value.int) ?? .null, line: line)
                ),
            ]), range: range)
    }
}
