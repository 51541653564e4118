/// Reads a cloud check's example: a CloudFormation template when it looks like one, else Terraform HCL.
public enum CloudExamples {
    /// Whether `text` is a CloudFormation example (otherwise it is HCL).
    public static func isCloudFormation(_ text: String) -> Bool {
        CloudFormationTemplate.looksLikeTemplate(Array(text.utf8))
    }

    /// The inputs checks see in an example: cloud objects of the common model (built-in checks) and the
    /// resources as written (custom checks).
    public static func inputs(in text: String) throws(ConfigParseError) -> [CheckInput] {
        if isCloudFormation(text) {
            let template = try CloudFormationTemplate.parse(text)
            return CloudFormationAdapter.objects(template, file: "template.yaml").map(CheckInput.cloud)
                + template.resources.map { .resource($0.configResource(file: "template.yaml").resource) }
        }
        _ = try HCLParser.parse(text)
        let project = TerraformProject(files: [TerraformProject.SourceFile(path: "main.tf", text: text)])
        let resources = project.evaluate().resources
        return TerraformAdapter.objects(resources).map(CheckInput.cloud)
            + resources.filter { $0.mode == "resource" }.map {
                .resource($0.configResource(fileType: .terraform).resource)
            }
    }
}
