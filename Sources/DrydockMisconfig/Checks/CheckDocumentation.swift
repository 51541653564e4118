import Foundation

/// Renders `docs/checks.md` from the check values themselves, so the page cannot drift from the code
/// (a test compares the committed page with this output).
public enum CheckDocumentation {
    /// The whole page for `checks`.
    public static func markdown(_ checks: [Check] = BuiltinChecks.all) -> String {
        var out = """
            # Built-in misconfiguration checks

            Generated from the code (`CheckDocumentation.markdown()`); do not edit by hand — run
            `DRYDOCK_UPDATE_DOCS=1 swift test --filter CheckDocumentationTests` after changing a check.

            Every check is listed with its current ID and the older spellings ignore files, policies and
            `# trivy:ignore:` comments may use. Checks marked *deprecated* run only with
            `--include-deprecated-checks`, as in Trivy. `DRY-` checks are Drydock's own (no Trivy equivalent).
            Where Drydock's logic differs from Trivy's on purpose, [misconfig.md](misconfig.md#differences-from-trivy)
            says where and why.

            | ID | Older IDs | Severity | Title | Applies to |
            |---|---|---|---|---|

            """
        for check in checks {
            let metadata = check.metadata
            let legacy = metadata.aliases.filter { !$0.contains("-") || $0.hasPrefix("AVD-") }.joined(separator: ", ")
            let title =
                metadata.title.replacingOccurrences(of: "|", with: "\\|")
                + (metadata.deprecated ? " *(deprecated)*" : "")
            out +=
                "| [\(metadata.id)](#\(anchor(metadata.id))) | \(legacy) | \(metadata.severity.rawValue) | \(title) | \(scope(metadata)) |\n"
        }
        for check in checks {
            out += "\n" + section(check)
        }
        return out
    }

    static func anchor(_ id: String) -> String { id.lowercased() }

    static func scope(_ metadata: CheckMetadata) -> String {
        let types = metadata.fileTypes.map(\.rawValue).sorted().joined(separator: ", ")
        guard !metadata.kinds.isEmpty else { return types }
        if metadata.kinds
            == Set([
                "pod", "replicaset", "replicationcontroller", "deployment", "deploymentconfig", "statefulset",
                "daemonset", "cronjob", "job",
            ])
        {
            return "\(types): workloads"
        }
        return "\(types): " + metadata.kinds.sorted().joined(separator: ", ")
    }

    static func section(_ check: Check) -> String {
        let metadata = check.metadata
        var out = "## \(metadata.id)\n\n**\(metadata.title)** — \(metadata.severity.rawValue)"
        if metadata.deprecated { out += ", deprecated" }
        out += "\n\n"
        out += "- Also known as: \(metadata.aliases.map { "`\($0)`" }.joined(separator: ", "))\n"
        out += "- Applies to: \(scope(metadata))\n"
        if !metadata.standards.isEmpty { out += "- Standards: \(metadata.standards.joined(separator: ", "))\n" }
        out += "\n\(metadata.description)\n\n**Fix:** \(metadata.resolution)\n\n"
        if !metadata.references.isEmpty {
            out += "References: " + metadata.references.map { "<\($0)>" }.joined(separator: ", ") + "\n\n"
        }
        let language = metadata.fileTypes.contains(.dockerfile) ? "dockerfile" : "yaml"
        if let failing = check.examples.failing.first {
            out += "Fails:\n\n```\(language)\n\(failing.hasSuffix("\n") ? failing : failing + "\n")```\n\n"
        }
        if let passing = check.examples.passing.first {
            out += "Passes:\n\n```\(language)\n\(passing.hasSuffix("\n") ? passing : passing + "\n")```\n"
        }
        return out
    }
}
