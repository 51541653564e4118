import DrydockModel
import Testing

@testable import DrydockMisconfig

/// Terraform, plan JSON and CloudFormation through the scanner: report shape, module occurrences, ignores,
/// unknown values, custom checks.
@Suite struct CloudScanTests {
    static let module = """
        variable "name" {}

        resource "aws_s3_bucket" "this" {
          bucket = var.name
        }
        """

    func scan(_ files: [String: String], scanner: ConfigScanner = ConfigScanner()) -> ConfigScanOutcome {
        scanner.scanTerraform(
            files.sorted { $0.key < $1.key }.map { TerraformProject.SourceFile(path: $0.key, text: $0.value) })
    }

    func ids(_ result: ConfigTargetResult?) -> [String] { (result?.failures ?? []).map(\.id) }

    @Test func reportsModuleResourcesInTheModuleFileWithTheCall() throws {
        let outcome = scan([
            "main.tf": "module \"logs\" {\n  source = \"./modules/bucket\"\n  name = \"logs\"\n}\n",
            "modules/bucket/main.tf": Self.module,
        ])
        let result = try #require(outcome.results.first)
        #expect(outcome.results.map(\.target) == ["modules/bucket/main.tf"])
        #expect(result.fileType == .terraform)
        let failure = try #require(result.failures.first { $0.id == "AWS-0086" })
        #expect(failure.cause.resource == "module.logs.aws_s3_bucket.this")
        #expect(failure.cause.provider == "AWS" && failure.cause.service == "s3")
        #expect(failure.cause.startLine == 3 && failure.cause.endLine == 5)
        #expect(failure.cause.occurrences.map(\.filename) == ["main.tf"])
        #expect(failure.cause.occurrences.first?.startLine == 1)
        #expect(failure.fileType == "terraform")
        #expect(failure.aliases.contains("AVD-AWS-0086") && failure.aliases.contains("aws-s3-block-public-acls"))
    }

    @Test func inlineIgnoresAboveTheResourceOrOnTheAttribute() throws {
        let outcome = scan([
            "main.tf": """
            #trivy:ignore:AWS-0086
            # drydock:ignore:AVD-AWS-0090 tfsec:ignore:aws-s3-enable-logging
            resource "aws_s3_bucket" "a" {
              bucket = "a"
              acl = "public-read" # trivy:ignore:AWS-0092
            }
            """
        ])
        let result = try #require(outcome.results.first)
        let ignored = Set(result.failures.filter { $0.inlineIgnore != nil }.map(\.id))
        #expect(ignored == ["AWS-0086", "AWS-0090", "AWS-0089", "AWS-0092"])
        #expect(result.failures.contains { $0.id == "AWS-0087" && $0.inlineIgnore == nil })
    }

    @Test func unknownValuesAreNeitherFailuresNorPasses() throws {
        let outcome = scan([
            "main.tf": """
            data "aws_ssm_parameter" "flag" { name = "x" }
            resource "aws_s3_bucket" "a" { bucket = "a" }
            resource "aws_s3_bucket_public_access_block" "a" {
              bucket = aws_s3_bucket.a.id
              block_public_acls = data.aws_ssm_parameter.flag.value
              block_public_policy = true
            }
            """
        ])
        let result = try #require(outcome.results.first)
        #expect(!ids(result).contains("AWS-0086"))
        #expect(!result.passes.contains { $0.id == "AWS-0086" })
        #expect(result.passes.contains { $0.id == "AWS-0087" })
        #expect(
            outcome.notes.contains {
                $0.hasPrefix("main.tf:5: AWS-0086 not decided for aws_s3_bucket.a")
                    && $0.contains("data.aws_ssm_parameter.flag.value")
            })
    }

    @Test func variablesFromTfvarsAndTfVarsFilesDecide() throws {
        let files = [
            "main.tf":
                "variable \"versioned\" {\n  default = false\n}\nresource \"aws_s3_bucket\" \"a\" {\n  bucket = \"a\"\n  versioning {\n    enabled = var.versioned\n  }\n}\n"
        ]
        #expect(ids(scan(files).results.first).contains("AWS-0090"))
        var withVars = files
        withVars["terraform.tfvars"] = "versioned = true\n"
        #expect(!ids(scan(withVars).results.first).contains("AWS-0090"))
        var scanner = ConfigScanner()
        scanner.terraformVariableFiles = [TerraformProject.SourceFile(path: "ci.tfvars", text: "versioned = true\n")]
        #expect(!ids(scan(files, scanner: scanner).results.first).contains("AWS-0090"))
    }

    @Test func cloudFormationShortFormIntrinsicsAndConditions() throws {
        let template = """
            AWSTemplateFormatVersion: "2010-09-09"
            Parameters:
              Env: {Type: String, Default: prod}
            Mappings:
              Settings:
                prod: {Versioning: Enabled}
            Conditions:
              IsProd: !Equals [!Ref Env, prod]
              IsDev: !Not [!Condition IsProd]
            Resources:
              DevOnly:
                Type: AWS::S3::Bucket
                Condition: IsDev
              Data:
                Type: AWS::S3::Bucket
                Properties:
                  BucketName: !Join ["-", [!Ref Env, !Select [1, !Split [",", "a,data"]]]]
                  VersioningConfiguration:
                    Status: !FindInMap [Settings, !Ref Env, Versioning]
                  PublicAccessBlockConfiguration:
                    BlockPublicAcls: !If [IsProd, true, false]
                    BlockPublicPolicy: !GetAtt Other.Flag
                    IgnorePublicAcls: true
                    RestrictPublicBuckets: true
                  AccessControl: !If [IsDev, PublicRead, !Ref "AWS::NoValue"]
            """
        let parsed = try CloudFormationTemplate.parse(template)
        #expect(parsed.resources.map(\.logicalID) == ["Data"])
        let properties = try #require(parsed.resources.first?.properties)
        #expect(properties["BucketName"]?.string == "prod-data")
        #expect(properties["AccessControl"] == nil)
        #expect(properties["PublicAccessBlockConfiguration", "BlockPublicPolicy"]?.unknownOrigin == "Other.Flag")
        let outcome = ConfigScanner().scan(path: "stack.yaml", content: Array(template.utf8))
        let result = try #require(outcome.results.first)
        #expect(result.fileType == .cloudformation)
        #expect(
            !ids(result).contains("AWS-0090") && !ids(result).contains("AWS-0086") && !ids(result).contains("AWS-0087"))
        #expect(ids(result).contains("AWS-0089"))
        #expect(result.failures.first?.cause.resource == "Data")
        #expect(outcome.notes.contains { $0.contains("AWS-0087 not decided for Data") })
    }

    @Test func cloudFormationJSONAndBadTemplates() throws {
        let json =
            #"{"Resources": {"Repo": {"Type": "AWS::ECR::Repository", "Properties": {"ImageTagMutability": "MUTABLE"}}}}"#
        let outcome = ConfigScanner().scan(path: "stack.json", content: Array(json.utf8))
        #expect(outcome.results.first.map { ids($0) }?.contains("AWS-0031") == true)
        let bad = "AWSTemplateFormatVersion: x\nResources:\n  A:\n    Properties: {}\n"
        let warning = try #require(ConfigScanner().scan(path: "bad.yaml", content: Array(bad.utf8)).warnings.first)
        #expect(warning.location == "bad.yaml:3")
    }

    @Test func terraformPlanJSONWithValuesKnownAfterApply() throws {
        let plan = """
            {"format_version": "1.2", "terraform_version": "1.9.0",
             "planned_values": {"root_module": {
               "resources": [{"address": "aws_ecr_repository.app", "mode": "managed", "type": "aws_ecr_repository", "name": "app",
                              "values": {"image_tag_mutability": "MUTABLE", "image_scanning_configuration": [{"scan_on_push": true}]}}],
               "child_modules": [{"address": "module.db", "resources": [
                 {"address": "module.db.aws_db_instance.main", "mode": "managed", "type": "aws_db_instance", "name": "main",
                  "values": {"publicly_accessible": false, "backup_retention_period": 7}}]}]}},
             "resource_changes": [{"address": "module.db.aws_db_instance.main", "change": {"after_unknown": {"storage_encrypted": true}}}]}
            """
        #expect(ConfigFileClassifier.classify(path: "plan.json", content: Array(plan.utf8)) == .terraformPlan)
        let outcome = ConfigScanner().scan(path: "plan.json", content: Array(plan.utf8))
        let result = try #require(outcome.results.first)
        #expect(result.fileType == .terraformPlan)
        #expect(ids(result).contains("AWS-0031"))
        #expect(!ids(result).contains("AWS-0030"))
        #expect(!ids(result).contains("AWS-0080"))
        #expect(outcome.notes.contains { $0.contains("AWS-0080 not decided for module.db.aws_db_instance.main") })
    }

    @Test func customChecksSelectTerraformAndCloudFormationResources() throws {
        let checks = try CustomCheckParser.parse(
            """
            metadata:
              id: ORG-TF-001
              name: Buckets need an owner tag
            definition:
              cond_type: attribute
              resource_types: [aws_s3_bucket]
              attribute: tags.owner
              operator: exists
            ---
            metadata:
              id: ORG-CFN-001
              name: Buckets need an owner tag
            definition:
              cond_type: attribute
              resource_types: [AWS::S3::Bucket]
              attribute: Tags.*.Key
              operator: contains
              value: owner
            """, file: "owner.yaml")
        #expect(checks.map(\.metadata.fileTypes) == [[.terraform, .terraformPlan], [.cloudformation]])
        let scanner = ConfigScanner(checks: checks.map(\.check))
        let tf = scan(
            [
                "main.tf":
                    "resource \"aws_s3_bucket\" \"a\" {\n  tags = { team = \"x\" }\n}\nresource \"aws_s3_bucket\" \"b\" {\n  tags = { owner = \"me\" }\n}\n"
            ], scanner: scanner)
        #expect(tf.results.first?.failures.map(\.cause.resource) == ["aws_s3_bucket.a"])
        #expect(tf.results.first?.failures.first?.cause.startLine == 2)
        let cfn =
            "Resources:\n  A:\n    Type: AWS::S3::Bucket\n    Properties:\n      Tags:\n        - {Key: owner, Value: me}\n  B:\n    Type: AWS::S3::Bucket\n"
        let outcome = scanner.scan(path: "t.yaml", content: Array(cfn.utf8))
        #expect(outcome.results.first?.failures.map(\.cause.resource) == ["B"])
    }

    @Test func classifiesByNameAndContent() {
        #expect(ConfigFileClassifier.classify(path: "infra/main.tf", content: []) == .terraform)
        #expect(ConfigFileClassifier.classify(path: "prod.tfvars", content: []) == .terraform)
        #expect(
            ConfigFileClassifier.classify(
                path: "stack.yml", content: Array("Resources:\n  A:\n    Type: AWS::SQS::Queue\n".utf8))
                == .cloudFormation)
        #expect(
            ConfigFileClassifier.classify(
                path: "deploy.yml", content: Array("apiVersion: v1\nkind: Pod\nmetadata: {name: a}\n".utf8))
                == .manifest)
        #expect(ConfigFileClassifier.sniff(Array("resource \"aws_s3_bucket\" \"a\" {}\n".utf8)) == .terraform)
    }
}

@Suite struct CloudCheckIdentityTests {
    @Test func cloudChecksAnswerToTrivysSpellings() throws {
        #expect(BuiltinChecks.check("AVD-AWS-0086")?.metadata.id == "AWS-0086")
        #expect(BuiltinChecks.check("aws-s3-block-public-acls")?.metadata.id == "AWS-0086")
        #expect(BuiltinChecks.check("aws-vpc-no-public-egress-sgr")?.metadata.id == "AWS-0104")
        let google = try #require(BuiltinChecks.check("AVD-GCP-0001")?.metadata)
        #expect(google.namespace == "builtin.google.storage.google0001")
        #expect(google.provider == "Google" && google.service == "storage")
        #expect(google.aliases.contains("google-storage-no-public-access"))
        #expect(BuiltinChecks.check("azure-storage-enforce-https")?.metadata.id == "AZU-0008")
        #expect(BuiltinChecks.check("AWS-0088")?.metadata.deprecated == true)
        #expect(BuiltinChecks.check("storage-bucket-logging-not-enabled")?.metadata.id == "GCP-0077")
        #expect(
            BuiltinChecks.check("AVD-GCP-0009")?.metadata.aliases.contains(
                "google-iam-no-org-level-service-account-impersonation") == true)
        #expect(BuiltinChecks.check("aws-iam-set-minimum-password-length")?.metadata.id == "AWS-0063")
        #expect(BuiltinChecks.check("azure-database-postgres-configuration-log-checkpoints")?.metadata.id == "AZU-0024")
    }
}
