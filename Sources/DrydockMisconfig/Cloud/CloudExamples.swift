/// Reads a cloud check's example: a CloudFormation template when it looks like one, else Terraform HCL.
public enum CloudExamples {
    /// Whether `text` is a CloudFormation example (otherwise it is HCL).
    public static func isCloudFormation(_ text: String) -> Bool {
        CloudFormationTemplate.looksLikeTemplate(Array(text.utf8))
    }

    /// The cloud objects of an example.
    public static func objects(in text: String) throws(ConfigParseError) -> [CloudObject] {
        if isCloudFormation(text) {
            return CloudFormationAdapter.objects(try CloudFormationTemplate.parse(text), file: "template.yaml")
        }
        _ = try HCLParser.parse(text)
        let project = TerraformProject(files: [TerraformProject.SourceFile(path: "main.tf", text: text)])
        return TerraformAdapter.objects(project.evaluate().resources)
    }
}
