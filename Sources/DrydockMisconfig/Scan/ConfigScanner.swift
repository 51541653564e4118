import DrydockModel

/// Runs the checks over configuration files: pure, bytes in, results out.
public struct ConfigScanner: Sendable {
    /// The checks run (built-in and custom).
    public var checks: [Check]
    /// Check data and the Kubernetes version.
    public var settings: CheckSettings
    /// Bounds on YAML expansion.
    public var limits: YAMLTree.Limits
    /// The kinds of file checked (`--misconfig-scanners`); every kind by default.
    public var fileTypes: Set<ConfigFileType> = Set(ConfigFileType.allCases)
    /// `--tf-vars` files: Terraform variable values that override defaults and `*.tfvars` beside root modules.
    public var terraformVariableFiles: [TerraformProject.SourceFile] = []
    /// `--tf-exclude-downloaded-modules`: findings in modules under `.terraform/modules` (registry and git
    /// modules Terraform downloaded) are left out; the modules are still evaluated, so outputs they feed into
    /// the configuration's own resources still count.
    public var excludeDownloadedModules = false
    /// `--cf-params` values: CloudFormation parameters that override the templates' defaults.
    public var cloudFormationParameters: [String: ConfigNode] = [:]

    /// Creates a scanner. Deprecated checks are left out unless `includeDeprecated`.
    public init(
        checks: [Check] = BuiltinChecks.all, includeDeprecated: Bool = false, settings: CheckSettings = CheckSettings(),
        limits: YAMLTree.Limits = YAMLTree.Limits()
    ) {
        self.checks = includeDeprecated ? checks : checks.filter { !$0.metadata.deprecated }
        self.settings = settings
        self.limits = limits
    }

    /// Scans one file. Files that are not configuration files give an empty outcome; files that cannot be
    /// parsed give a warning. `layer` is recorded on the findings of files read from an image.
    public func scan(path: String, content: [UInt8], layer: LayerReference? = nil) -> ConfigScanOutcome {
        guard let candidate = ConfigFileClassifier.classify(path: path, content: content) else {
            return ConfigScanOutcome()
        }
        return scan(path: path, content: content, as: candidate, layer: layer)
    }

    /// Scans one file taken for `candidate` whatever its name (a file named on the command line, standard input).
    public func scan(
        path: String, content: [UInt8], as candidate: ConfigFileClassifier.Candidate, layer: LayerReference? = nil
    ) -> ConfigScanOutcome {
        if candidate == .dockerfile, !fileTypes.contains(.dockerfile) { return ConfigScanOutcome() }
        if candidate == .manifest, fileTypes.isDisjoint(with: [.kubernetes, .helm]) { return ConfigScanOutcome() }
        if candidate == .terraform {
            return scanTerraform(
                [TerraformProject.SourceFile(path: path, text: String(decoding: content, as: UTF8.self))],
                layers: layer.map { [path: $0] } ?? [:])
        }
        var text = String(decoding: content, as: UTF8.self)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let source = SourceText(text)
        var outcome = scanParsed(path: path, text: text, candidate: candidate, source: source, layer: layer)
        outcome.notes += source.ignores.unreadableExpiryNotes(file: path)
        return outcome
    }

    /// Scans a file that is not Terraform, once its text is read.
    private func scanParsed(
        path: String, text: String, candidate: ConfigFileClassifier.Candidate, source: SourceText,
        layer: LayerReference?
    ) -> ConfigScanOutcome {
        do {
            switch candidate {
            case .dockerfile:
                return ConfigScanOutcome(results: [
                    try scanDockerfile(path: path, text: text, source: source, layer: layer)
                ])
            case .manifest:
                let (results, duplicates) = try scanManifest(path: path, text: text, source: source, layer: layer)
                return ConfigScanOutcome(
                    results: results,
                    notes: duplicates.map { ConfigWarning(path: path, error: $0).location + ": " + $0.reason })
            case .cloudFormation:
                guard fileTypes.contains(.cloudformation) else { return ConfigScanOutcome() }
                let template = try CloudFormationTemplate.parse(text, parameters: cloudFormationParameters)
                return scanCloud(
                    CloudFormationAdapter.objects(template, file: path), fileType: .cloudformation,
                    resources: template.resources.map { $0.configResource(file: path) }, sources: [path: source],
                    layers: layer.map { [path: $0] } ?? [:])
            case .terraformPlan:
                guard fileTypes.contains(.terraformPlan) else { return ConfigScanOutcome() }
                let resources = try TerraformPlan.resources(text, path: path)
                return scanCloud(
                    TerraformAdapter.objects(resources, fileType: .terraformPlan), fileType: .terraformPlan,
                    resources: resources.map { $0.configResource(fileType: .terraformPlan) }, sources: [path: source],
                    layers: layer.map { [path: $0] } ?? [:])
            case .terraform:
                return ConfigScanOutcome()
            }
        } catch {
            return ConfigScanOutcome(warnings: [ConfigWarning(path: path, error: error)])
        }
    }

    /// Scans a Dockerfile's text.
    public func scanDockerfile(path: String, text: String, layer: LayerReference? = nil) throws(ConfigParseError)
        -> ConfigTargetResult
    {
        try scanDockerfile(path: path, text: text, source: SourceText(text), layer: layer)
    }

    func scanDockerfile(path: String, text: String, source: SourceText, layer: LayerReference?) throws(ConfigParseError)
        -> ConfigTargetResult
    {
        let file = try DockerfileParser.parse(text)
        let firstContent = file.instructions.first?.range.start ?? Int.max
        var builder = ResultBuilder(
            target: path, fileType: .dockerfile, source: source, layer: layer, firstContentLine: firstContent)
        evaluate(.dockerfile(file), fileType: .dockerfile, resource: nil, into: &builder)
        return builder.result
    }

    func scanManifest(path: String, text: String, source: SourceText, layer: LayerReference?) throws(ConfigParseError)
        -> (results: [ConfigTargetResult], duplicates: [ConfigParseError])
    {
        let manifest = try KubernetesManifest.parse(text, limits: limits)
        var builders: [String: ResultBuilder] = [:]
        var order: [String] = []
        for object in manifest.objects {
            let target = object.helmSource ?? path
            let fileType: ConfigFileType = object.helmSource == nil ? .kubernetes : .helm
            var builder = builders[target]
            if builder == nil {
                order.append(target)
                builder = ResultBuilder(
                    target: target, fileType: fileType, source: source, layer: layer,
                    firstContentLine: object.helmSource == nil
                        ? (manifest.objects.first?.range.start ?? 1) : object.range.start,
                    lineOffset: object.helmSourceLine ?? 0, renderedFile: object.helmSource == nil ? nil : path)
            }
            guard var current = builder else { continue }
            evaluate(.kubernetes(object), fileType: fileType, resource: object.resourceName, into: &current)
            builders[target] = current
        }
        let results = order.compactMap { builders[$0]?.result }.filter { fileTypes.contains($0.fileType) }
        return (results, manifest.duplicateKeys)
    }

    /// Runs every applicable check on `input`.
    func evaluate(
        _ input: CheckInput, fileType: ConfigFileType, resource: String?, into builder: inout ResultBuilder,
        resourceRange: LineRange? = nil, calls: [TerraformModuleCall] = [], attributes: ConfigNode? = nil
    ) {
        let kind = input.kind
        for check in checks where check.metadata.applies(to: fileType, kind: kind) {
            let failures = check.evaluate(input, settings)
            if failures.isEmpty {
                builder.pass(check.metadata, resource: resource)
            }
            var seen: Set<CheckFailure> = []
            for failure in failures where seen.insert(failure).inserted {
                if failure.undecidedOrigin != nil {
                    builder.undecided(check.metadata, failure, resource: resource)
                } else {
                    builder.fail(
                        check.metadata, failure, resource: resource, resourceRange: resourceRange, calls: calls,
                        attributes: attributes)
                }
            }
        }
    }
}
