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
        return out + "\n" + notApplicableSection() + "\n" + notApplicableToIaCSection()
    }

    static func anchor(_ id: String) -> String { id.lowercased() }

    static func scope(_ metadata: CheckMetadata, brief: Bool = true) -> String {
        if metadata.readsCloudObjects { return cloudScope(metadata, brief: brief) }
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

    /// A cloud check's resource types: in the table the main Terraform and CloudFormation types, in its section
    /// every type read (companions such as `aws_s3_bucket_versioning` included).
    static func cloudScope(_ metadata: CheckMetadata, brief: Bool) -> String {
        let types = CloudResourceTypes.types(of: metadata.kinds)
        let mains = metadata.kinds.sorted().compactMap { CloudResourceTypes.byKind[$0] }
        let terraform = brief ? mains.compactMap(\.terraform.first) : types.terraform
        let cloudFormation = brief ? mains.compactMap(\.cloudFormation.first) : types.cloudFormation
        var parts = ["Terraform " + terraform.map { "`\($0)`" }.joined(separator: ", ")]
        if metadata.fileTypes.contains(.cloudformation), !cloudFormation.isEmpty {
            parts.append("CloudFormation " + cloudFormation.map { "`\($0)`" }.joined(separator: ", "))
        }
        return parts.joined(separator: "; ")
    }

    static func section(_ check: Check) -> String {
        let metadata = check.metadata
        var out = "## \(metadata.id)\n\n**\(metadata.title)** — \(metadata.severity.rawValue)"
        if metadata.deprecated { out += ", deprecated" }
        out += "\n\n"
        out += "- Also known as: \(metadata.aliases.map { "`\($0)`" }.joined(separator: ", "))\n"
        out += "- Applies to: \(scope(metadata, brief: false))\n"
        if !metadata.standards.isEmpty { out += "- Standards: \(metadata.standards.joined(separator: ", "))\n" }
        out += "\n\(metadata.description)\n\n**Fix:** \(metadata.resolution)\n\n"
        if !metadata.references.isEmpty {
            out += "References: " + metadata.references.map { "<\($0)>" }.joined(separator: ", ") + "\n\n"
        }
        let cloud = !metadata.fileTypes.isDisjoint(with: [.terraform, .cloudformation])
        for (title, examples) in [("Fails", check.examples.failing), ("Passes", check.examples.passing)] {
            // Cloud checks show their first Terraform and first CloudFormation example.
            let shown =
                cloud
                ? [
                    examples.first { !CloudExamples.isCloudFormation($0) },
                    examples.first(where: CloudExamples.isCloudFormation),
                ].compactMap { $0 }
                : Array(examples.prefix(1))
            for example in shown {
                let language =
                    metadata.fileTypes.contains(.dockerfile)
                    ? "dockerfile" : cloud && !CloudExamples.isCloudFormation(example) ? "hcl" : "yaml"
                out += "\(title):\n\n```\(language)\n\(example.hasSuffix("\n") ? example : example + "\n")```\n\n"
            }
        }
        if out.hasSuffix("\n\n") { out.removeLast() }
        return out
    }
}
