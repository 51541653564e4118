import DrydockMisconfig

/// Targets for the configuration files the misconfiguration scanner reads: each file kind goes through the
/// whole scan (parse, evaluate, every built-in check), and the parsers underneath are fuzzed alone too.
enum ConfigTargets {
    static let all: [FuzzTarget] = [
        scan("dockerfile", .dockerfile, .dockerfile, "Dockerfiles", seeds: ["**/Dockerfile*", "**/*.dockerfile"]),
        scan(
            "kubernetes", .manifest, .kubernetes, "Kubernetes YAML and JSON manifests",
            seeds: [
                "fixtures/iac/kubernetes-examples/**/*.yaml",
                "fixtures/iac/microservices-demo/kubernetes-manifests/*.yaml",
            ]),
        scan("terraform", .terraform, .terraform, "Terraform HCL, evaluated", seeds: ["**/*.tf"]),
        scan("terraform-plan", .terraformPlan, .terraformPlan, "Terraform plan JSON"),
        scan("cloudformation", .cloudFormation, .cloudformation, "CloudFormation templates (YAML and JSON)"),
        hcl, terraformJSON, yamlTree, shell, customCheck, checkData,
    ]

    /// One scanner for every input: built-in checks, default settings and limits.
    static let scanner = ConfigScanner()

    /// A file kind through the whole scan; seeded with the examples of the checks that read it.
    static func scan(
        _ name: String, _ candidate: ConfigFileClassifier.Candidate, _ fileType: ConfigFileType, _ summary: String,
        seeds: [String] = []
    ) -> FuzzTarget {
        FuzzTarget(
            name, summary + ", scanned with every built-in check", seeds: seeds,
            inlineSeeds: {
                // Cloud checks hold Terraform and CloudFormation examples side by side: keep those of this kind.
                examples(fileType).filter { ConfigFileClassifier.sniff($0.bytes).map { $0 == candidate } ?? true }
            }
        ) { bytes in
            let outcome = scanner.scan(path: "fuzz/\(name)", content: bytes, as: candidate)
            let failures = outcome.results.reduce(0) { $0 + $1.failures.count }
            if let warning = outcome.warnings.first { return .rejected(warning.description) }
            return .parsed("\(counted(outcome.results.count, "result")), \(counted(failures, "failure"))")
        }
    }

    /// The failing and passing examples of the built-in checks for `fileType`.
    static func examples(_ fileType: ConfigFileType) -> [(name: String, bytes: [UInt8])] {
        BuiltinChecks.all.filter { $0.metadata.fileTypes.contains(fileType) }.flatMap { check in
            (check.examples.failing.enumerated().map { ("\(check.metadata.id)-failing-\($0)", $1) }
                + check.examples.passing.enumerated().map { ("\(check.metadata.id)-passing-\($0)", $1) })
                .map { (name: $0.0, bytes: Array($0.1.utf8)) }
        }
    }

    /// The HCL parser alone (blocks, attributes, expressions, templates, heredocs).
    static let hcl = FuzzTarget("hcl", "HCL syntax alone", seeds: ["**/*.tf", "**/*.hcl"]) { bytes in
        FuzzOutcome.of {
            _ = try HCLParser.parse(String(decoding: bytes, as: UTF8.self))
            return "a body"
        }
    }

    /// Terraform's JSON syntax (`*.tf.json`).
    static let terraformJSON = FuzzTarget("terraform-json", "Terraform JSON syntax (*.tf.json)") { bytes in
        FuzzOutcome.of {
            _ = try TerraformJSONSyntax.parse(String(decoding: bytes, as: UTF8.self))
            return "a body"
        }
    }

    /// The YAML reader of configuration files (anchors, aliases, merge keys, multi-document streams).
    static let yamlTree = FuzzTarget(
        "yaml-tree", "configuration YAML (anchors, aliases, merge keys, documents)", seeds: ["**/*.yaml", "**/*.yml"]
    ) { bytes in
        FuzzOutcome.of { counted(try YAMLTree.parse(String(decoding: bytes, as: UTF8.self)).count, "document") }
    }

    /// Shell commands of `RUN` instructions.
    static let shell = FuzzTarget("shell", "shell commands of RUN instructions") { bytes in
        .parsed(counted(ShellCommands.parse(String(decoding: bytes, as: UTF8.self)).count, "command"))
    }

    /// Custom check files (`--config-check`).
    static let customCheck = FuzzTarget("custom-check", "custom check files (YAML)") { bytes in
        FuzzOutcome.of {
            counted(
                try CustomCheckParser.parse(String(decoding: bytes, as: UTF8.self), file: "check.yaml").count, "check")
        }
    }

    /// Check data files (`--config-data`).
    static let checkData = FuzzTarget("check-data", "check data files (--config-data)") { bytes in
        FuzzOutcome.of {
            var settings = CheckSettings()
            try settings.read(data: bytes)
            return "\(counted(settings.trustedRegistries.count, "registry"))"
        }
    }
}
