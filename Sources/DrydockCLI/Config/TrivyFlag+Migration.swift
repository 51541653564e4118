extension TrivyFlag {
    /// Drydock's commands for Trivy's (`image` → `image`); Trivy commands Drydock does not have yet are absent.
    static let drydockCommands: [String: [String]] = [
        "image": ["image"], "fs": ["fs"], "rootfs": ["rootfs"], "clean": ["clean"],
    ]

    /// The environment variables that set this flag: Trivy's and Drydock's.
    var environmentVariables: [String] {
        guard let name else { return [] }
        let suffix = name.uppercased().replacingOccurrences(of: "-", with: "_")
        return ["TRIVY_\(suffix)", "DRYDOCK_\(suffix)"]
    }

    /// What Drydock does, in the migration table's words.
    var supportText: String {
        switch support {
        case .same: "supported, same meaning"
        case .different(let note): "supported differently: \(note)"
        case .noEffect(let note): "accepted, no effect: \(note)"
        case .unsupported(let note): "not supported: \(note)"
        }
    }

    /// The migration table (Markdown), one row per flag or config-only key, in Trivy's group order.
    static func migrationTable() -> String {
        var lines = [
            "| Trivy flag | `trivy.yaml` key | environment | Trivy commands | Drydock |",
            "|---|---|---|---|---|",
        ]
        for group in Group.allCases {
            for flag in all where flag.group == group {
                var names = flag.name.map { "`--\($0)`" } ?? "(config only)"
                if let short = flag.short { names += " (`-\(short)`)" }
                let aliases = flag.aliases.map { "`--\($0.name)`" }
                if !aliases.isEmpty { names += ", older: " + aliases.joined(separator: ", ") }
                let environment = flag.environmentVariables.map { "`\($0)`" }.joined(separator: " ")
                let key = "`\(flag.configKey)`"
                let commands = flag.commands.joined(separator: ", ")
                lines.append("| \(names) | \(key) | \(environment) | \(commands) | \(flag.supportText) |")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
