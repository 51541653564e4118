import DrydockModel

extension Cloud {
    /// A check of a service that has no CloudFormation counterpart (Google Cloud, Azure): Terraform examples only.
    static func terraformCheck(
        _ id: String, _ service: String, kind: String, name: String, title: String, severity: Severity,
        description: String, resolution: String, reference: String, failing: [String], passing: [String],
        aliases: [String] = [], deprecated: Bool = false, _ body: @escaping @Sendable (CloudObject) -> [CheckFailure]
    ) -> Check {
        Cloud.check(
            .cloud(
                id, service: service, kinds: [kind], name: name, title: title, severity: severity,
                description: description, resolution: resolution, references: [reference], cloudFormation: false,
                deprecated: deprecated, extraAliases: aliases),
            examples: CheckExamples(failing: failing, passing: passing), body)
    }
}
