import DrydockTestSupport
import Foundation
import Testing

/// Terraform and CloudFormation end to end through `drydock config` and `drydock fs --scanners misconfig`.
@Suite struct CloudConfigCommandTests {
    static let files = [
        "infra/main.tf": """
        variable "public" {
          default = true
        }

        module "logs" {
          source = "./modules/bucket"
          name   = "logs"
        }

        resource "aws_security_group" "ssh" {
          description = "ssh"
          ingress {
            description = "ssh"
            from_port   = 22
            to_port     = 22
            protocol    = "tcp"
            cidr_blocks = var.public ? ["0.0.0.0/0"] : ["10.0.0.0/8"]
          }
        }
        """,
        "infra/modules/bucket/main.tf":
            "variable \"name\" {}\n\nresource \"aws_s3_bucket\" \"this\" {\n  bucket = var.name\n}\n",
        "stack/template.yaml":
            "AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n  Repo:\n    Type: AWS::ECR::Repository\n    Properties:\n      ImageTagMutability: !If [Never, IMMUTABLE, MUTABLE]\nConditions:\n  Never: !Equals [a, b]\n",
    ]

    static func results(_ result: ProcessRunner.Result) throws -> [[String: Any]] {
        let report = try #require(try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any])
        return report["Results"] as? [[String: Any]] ?? []
    }

    static func ids(_ result: [String: Any]) -> [String] {
        (result["Misconfigurations"] as? [[String: Any]] ?? []).compactMap { $0["ID"] as? String }
    }

    @Test func configScansTerraformAndCloudFormationWithVariables() throws {
        let root = try ConfigCommandTests.folder(Self.files)
        let result = try CLI.run(["config", root.path, "--format", "json", "--quiet"])
        #expect(result.status == 0, "\(result.stderr)")
        let results = try Self.results(result)
        let byTarget = Dictionary(
            uniqueKeysWithValues: results.compactMap { r in (r["Target"] as? String).map { ($0, r) } })
        #expect(Set(byTarget.keys) == ["infra/main.tf", "infra/modules/bucket/main.tf", "stack/template.yaml"])
        #expect(byTarget["infra/main.tf"]?["Type"] as? String == "terraform")
        #expect(byTarget["stack/template.yaml"]?["Type"] as? String == "cloudformation")
        #expect(byTarget["infra/main.tf"].map(Self.ids)?.contains("AWS-0107") == true)
        #expect(byTarget["stack/template.yaml"].map(Self.ids)?.contains("AWS-0031") == true)
        let bucket = try #require(
            (byTarget["infra/modules/bucket/main.tf"]?["Misconfigurations"] as? [[String: Any]])?.first)
        let cause = try #require(bucket["CauseMetadata"] as? [String: Any])
        #expect(cause["Resource"] as? String == "module.logs.aws_s3_bucket.this")
        #expect(cause["Provider"] as? String == "AWS")
        #expect((cause["Occurrences"] as? [[String: Any]])?.first?["Filename"] as? String == "infra/main.tf")

        let vars = root.appendingPathComponent("private.tfvars")
        try "public = false\n".write(to: vars, atomically: true, encoding: .utf8)
        let withVars = try CLI.run([
            "config", root.appendingPathComponent("infra").path, "--tf-vars", vars.path, "--format", "json", "--quiet",
        ])
        #expect(withVars.status == 0, "\(withVars.stderr)")
        let main = try Self.results(withVars).first { $0["Target"] as? String == "main.tf" }
        #expect(main.map(Self.ids)?.contains("AWS-0107") != true)
        let params = root.appendingPathComponent("params.json")
        try #"[{"ParameterKey": "Mutability", "ParameterValue": "IMMUTABLE"}]"#.write(
            to: params, atomically: true, encoding: .utf8)
        let template = root.appendingPathComponent("repo.yaml")
        try
            "Parameters:\n  Mutability: {Type: String, Default: MUTABLE}\nResources:\n  Repo:\n    Type: AWS::ECR::Repository\n    Properties:\n      ImageTagMutability: !Ref Mutability\n"
            .write(to: template, atomically: true, encoding: .utf8)
        let defaults = try CLI.run(["config", template.path, "--format", "json", "--quiet"])
        #expect(try Self.results(defaults).first.map(Self.ids)?.contains("AWS-0031") == true)
        let overridden = try CLI.run([
            "config", template.path, "--cf-params", params.path, "--format", "json", "--quiet",
        ])
        #expect(try Self.results(overridden).first.map(Self.ids)?.contains("AWS-0031") == false)
        let missing = try CLI.run(["config", root.path, "--tf-vars", "/nonexistent.tfvars"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("/nonexistent.tfvars"))
    }

    @Test func fsWithMisconfigAndStandardInput() throws {
        let root = try ConfigCommandTests.folder(Self.files)
        let fs = try CLI.run(["fs", root.path, "--scanners", "misconfig", "--format", "json", "--quiet"])
        #expect(fs.status == 0, "\(fs.stderr)")
        #expect(try Self.results(fs).contains { $0["Type"] as? String == "terraform" })
        let stdin = try CLI.run(
            ["config", "-", "--format", "json", "--quiet"],
            input: Data("resource \"aws_kms_key\" \"k\" {\n  description = \"x\"\n}\n".utf8))
        #expect(stdin.status == 0, "\(stdin.stderr)")
        #expect(try Self.results(stdin).first.map(Self.ids) == ["AWS-0065"])
        let broken = try CLI.run(["config", "-"], input: Data("resource \"a\" \"b\" {\n  x = \n}\n".utf8))
        #expect(broken.stderr.contains("stdin:2: expected an expression"), "\(broken.stderr)")
    }

    @Test func terraformJSONDownloadedModulesAndAttributeScopedIgnores() throws {
        let root = try ConfigCommandTests.folder([
            "main.tf.json":
                "{\n  \"module\": {\"vpc\": {\"source\": \"registry.example/vpc/aws\"}},\n  \"resource\": {\"aws_kms_key\": {\"k\": {\"description\": \"k\"}}}\n}\n",
            "rules.tf": """
            variable "group" {}
            #trivy:ignore:AWS-0107[from_port=22]
            resource "aws_security_group_rule" "admin" {
              for_each = toset(["22", "3389"])
              type = "ingress"
              description = "admin"
              from_port = each.key
              to_port = each.key
              protocol = "tcp"
              cidr_blocks = ["0.0.0.0/0"]
              security_group_id = var.group
            }
            """,
            ".terraform/modules/modules.json":
                "{\"Modules\":[{\"Key\":\"vpc\",\"Source\":\"registry.example/vpc/aws\",\"Dir\":\".terraform/modules/vpc\"}]}",
            ".terraform/modules/vpc/main.tf": "resource \"aws_kms_key\" \"vpc\" {\n  description = \"vpc\"\n}\n",
        ])
        let all = try CLI.run(["config", root.path, "--format", "json", "--quiet"])
        #expect(all.status == 0, "\(all.stderr)")
        let targets = try Self.results(all).compactMap { $0["Target"] as? String }
        #expect(Set(targets) == ["main.tf.json", "rules.tf", ".terraform/modules/vpc/main.tf"])
        let rules = try #require(try Self.results(all).first { $0["Target"] as? String == "rules.tf" })
        #expect(Self.ids(rules) == ["AWS-0107"], "the 22 instance is ignored, 3389 stays")
        let own = try CLI.run(
            ["config", root.path, "--tf-exclude-downloaded-modules", "--format", "json", "--quiet"])
        #expect(own.status == 0, "\(own.stderr)")
        #expect(Set(try Self.results(own).compactMap { $0["Target"] as? String }) == ["main.tf.json", "rules.tf"])
    }
}
