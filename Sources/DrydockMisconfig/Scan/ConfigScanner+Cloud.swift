import DrydockModel

extension ConfigScanner {
    /// Scans the files of a Terraform configuration (`.tf`, `.tfvars`, `modules.json`) together: root modules
    /// are evaluated with their variables and modules, and each finding is reported against the file that
    /// declares the resource (with the module calls that reached it as occurrences).
    /// `layers` are the image layers that put each file there (by path), recorded on its findings.
    public func scanTerraform(_ files: [TerraformProject.SourceFile], layers: [String: LayerReference] = [:])
        -> ConfigScanOutcome
    {
        guard fileTypes.contains(.terraform) else { return ConfigScanOutcome() }
        let project = TerraformProject(files: files, variableFiles: terraformVariableFiles)
        let evaluation = project.evaluate()
        var sources: [String: SourceText] = [:]
        for file in files where !TerraformProject.isVariableFile(file.path) {
            sources[file.path] = SourceText(file.text)
        }
        let downloaded = { (file: String) in
            excludeDownloadedModules && (file.hasPrefix(".terraform/modules/") || file.contains("/.terraform/modules/"))
        }
        let managed = evaluation.resources.filter { $0.mode == "resource" && !downloaded($0.file) }
        var outcome = scanCloud(
            TerraformAdapter.objects(evaluation.resources).filter { !downloaded($0.source.file) }, fileType: .terraform,
            resources: managed.map { $0.configResource(fileType: .terraform) }, sources: sources, layers: layers)
        outcome.warnings += evaluation.warnings
        outcome.notes += evaluation.notes
        outcome.notes += sources.sorted { $0.key < $1.key }.flatMap {
            $0.value.ignores.unreadableExpiryNotes(file: $0.key)
        }
        return outcome
    }

    /// Runs the built-in checks on cloud objects and the custom checks on the resources as written; one result
    /// per file that declares resources.
    func scanCloud(
        _ objects: [CloudObject], fileType: ConfigFileType,
        resources: [(file: String, range: LineRange, calls: [TerraformModuleCall], resource: ConfigResource)],
        sources: [String: SourceText], layers: [String: LayerReference]
    ) -> ConfigScanOutcome {
        var builders: [String: ResultBuilder] = [:]
        var order: [String] = []
        func withBuilder(_ file: String, _ body: (inout ResultBuilder) -> Void) {
            guard let source = sources[file] else { return }
            var builder =
                builders[file]
                ?? ResultBuilder(
                    target: file, fileType: fileType, source: source, layer: layers[file], firstContentLine: 1)
            if builders[file] == nil {
                order.append(file)
                builder.callSources = sources
                builder.blocks = resources.filter { $0.file == file }.map { ($0.range, $0.resource.node) }
            }
            body(&builder)
            builders[file] = builder
        }
        let cloudChecks = ConfigScanner(
            checks: checks.filter(\.metadata.readsCloudObjects), includeDeprecated: true, settings: settings)
        let customChecks = ConfigScanner(
            checks: checks.filter { !$0.metadata.readsCloudObjects }, includeDeprecated: true, settings: settings)
        for object in objects {
            withBuilder(object.source.file) { builder in
                cloudChecks.evaluate(
                    .cloud(object), fileType: fileType, resource: object.name, into: &builder,
                    resourceRange: object.source.range, calls: object.source.calls,
                    attributes: object.source.attributes)
            }
        }
        for entry in resources {
            withBuilder(entry.file) { builder in
                customChecks.evaluate(
                    .resource(entry.resource), fileType: fileType, resource: entry.resource.name, into: &builder,
                    resourceRange: entry.range, calls: entry.calls, attributes: entry.resource.node)
            }
        }
        var outcome = ConfigScanOutcome()
        for file in order {
            guard let builder = builders[file] else { continue }
            outcome.results.append(builder.result)
            outcome.notes += builder.undecided
        }
        return outcome
    }
}

extension TerraformResource {
    /// The resource as written, for custom checks: kind `aws_s3_bucket`, name its address.
    func configResource(fileType: ConfigFileType) -> (
        file: String, range: LineRange, calls: [TerraformModuleCall], resource: ConfigResource
    ) {
        (
            file, range, calls,
            ConfigResource(fileType: fileType, kind: type, name: address, provider: "Terraform", node: attributes)
        )
    }
}

extension CloudFormationTemplate.Resource {
    /// The resource as written, for custom checks: kind `AWS::S3::Bucket`, name its logical ID, node its
    /// resolved `Properties`.
    func configResource(file: String) -> (
        file: String, range: LineRange, calls: [TerraformModuleCall], resource: ConfigResource
    ) {
        (
            file, range, [],
            ConfigResource(
                fileType: .cloudformation, kind: type, name: logicalID, provider: "CloudFormation", node: properties)
        )
    }
}
