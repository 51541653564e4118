/// Short builders for the Terraform and CloudFormation examples of cloud checks.
enum CloudExampleText {
    /// `resource "type" "example" { lines }`.
    static func tf(_ type: String, _ lines: String = "", name: String = "example") -> String {
        "resource \"\(type)\" \"\(name)\" {\n\(lines)}\n"
    }

    /// A template with one resource `Example` of `type`, `properties` indented under `Properties` (6 spaces).
    static func cfn(_ type: String, _ properties: String = "", extra: String = "") -> String {
        var text = "AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n  Example:\n    Type: \(type)\n"
        if !properties.isEmpty { text += "    Properties:\n" + properties }
        return text + extra
    }
}
