import DrydockModel
import Testing

@testable import DrydockMisconfig

/// `.tf.json` files, Trivy's attribute-scoped and module-level ignore comments, `--tf-exclude-downloaded-modules`,
/// and undecided values in the Google and Azure checks.
@Suite struct TerraformSyntaxAndIgnoreTests {
    func scan(_ files: [String: String], scanner: ConfigScanner = ConfigScanner()) -> ConfigScanOutcome {
        scanner.scanTerraform(
            files.sorted { $0.key < $1.key }.map { TerraformProject.SourceFile(path: $0.key, text: $0.value) })
    }

    func failures(_ outcome: ConfigScanOutcome, _ id: String) -> [MisconfigurationFinding] {
        outcome.results.flatMap(\.failures).filter { $0.id == id }
    }

    @Test func terraformJSONIsReadLikeHCL() throws {
        let json = """
            {
              "//": "generated",
              "variable": { "acl": { "default": "public-read" } },
              "locals": { "name": "logs" },
              "resource": {
                "aws_s3_bucket": {
                  "logs": {
                    "bucket": "${local.name}-bucket",
                    "acl": "${var.acl}",
                    "versioning": { "enabled": true }
                  }
                }
              },
              "module": { "store": { "source": "./store", "name": "b" } }
            }
            """
        let outcome = scan([
            "main.tf.json": json,
            "store/main.tf": "variable \"name\" {}\nresource \"aws_s3_bucket\" \"this\" {\n  bucket = var.name\n}\n",
        ])
        #expect(outcome.warnings.isEmpty)
        let acl = try #require(failures(outcome, "AWS-0092").first)
        #expect(acl.filePath == "main.tf.json" && acl.cause.resource == "aws_s3_bucket.logs")
        #expect(acl.cause.startLine == 9)
        #expect(!failures(outcome, "AWS-0090").contains { $0.cause.resource == "aws_s3_bucket.logs" })
        #expect(failures(outcome, "AWS-0090").contains { $0.cause.resource == "module.store.aws_s3_bucket.this" })
        #expect(TerraformProject.isTerraformFile("infra/main.tf.json"))
        #expect(ConfigFileClassifier.classify(path: "infra/main.tf.json", content: Array(json.utf8)) == .terraform)
        let bad = scan(["main.tf.json": "{\"resource\": [1]}"])
        #expect(bad.warnings.first?.path == "main.tf.json")
        #expect(
            scan(["main.tf.json": "{\"resorce\": {}}"]).warnings.first.map { "\($0.error)" }?.contains("resorce")
                == true)
    }

    @Test func anUnreadableExpiryIsWarnedAboutWithFileAndLine() throws {
        let outcome = scan([
            "main.tf":
                "# trivy:ignore:AWS-0086:exp:2025-13-45\nresource \"aws_s3_bucket\" \"b\" {\n  bucket = \"b\"\n}\n"
        ])
        let comment = try #require(failures(outcome, "AWS-0086").first?.inlineIgnore)
        #expect(comment.hasExpired(on: "2000-01-01"))
        #expect(outcome.notes.contains { $0.hasPrefix("main.tf:1: inline ignore AWS-0086 has 'exp:2025-13-45'") })
        let dockerfile = ConfigScanner().scan(
            path: "Dockerfile", content: Array("# trivy:ignore:DS-0002:exp:soon\nFROM alpine\nUSER root\n".utf8))
        #expect(dockerfile.notes.contains { $0.hasPrefix("Dockerfile:1: inline ignore DS-0002 has 'exp:soon'") })
    }

    @Test func terraformJSONExpandsDynamicBlocks() throws {
        let json = """
            {
              "variable": { "cidrs": { "default": ["10.0.0.0/8", "0.0.0.0/0"] } },
              "resource": {
                "aws_security_group": {
                  "web": {
                    "description": "web",
                    "ingress": { "description": "static", "from_port": 80, "to_port": 80, "protocol": "tcp",
                                 "cidr_blocks": ["10.0.0.0/8"] },
                    "dynamic": {
                      "ingress": {
                        "for_each": "${var.cidrs}",
                        "iterator": "cidr",
                        "content": {
                          "description": "rule ${cidr.key}",
                          "from_port": 22, "to_port": 22, "protocol": "tcp",
                          "cidr_blocks": ["${cidr.value}"]
                        }
                      }
                    }
                  }
                }
              }
            }
            """
        let evaluation = TerraformProject(files: [TerraformProject.SourceFile(path: "main.tf.json", text: json)])
            .evaluate()
        let group = try #require(evaluation.resources.first)
        let ingress = group.attributes["ingress"]?.items ?? []
        #expect(ingress.compactMap { $0["description"]?.string } == ["static", "rule 0", "rule 1"])
        let outcome = scan(["main.tf.json": json])
        #expect(outcome.warnings.isEmpty)
        let open = failures(outcome, "AWS-0107")
        #expect(open.count == 1)
        #expect(open.first?.cause.resource == "aws_security_group.web")
        let bad = scan(["main.tf.json": #"{"resource": {"aws_s3_bucket": {"b": {"dynamic": {"x": {"iterator": 1}}}}}}"#]
        )
        #expect(bad.warnings.first.map { "\($0.error)" }?.contains("iterator") == true)
    }

    /// Rules expanded by `for_each`; `group` declares the security group they attach to (they are then folded
    /// into it) or leaves it to a variable (each rule is checked on its own).
    func securityGroupRules(comment: String, declaredGroup: Bool) -> ConfigScanOutcome {
        let group = declaredGroup ? "aws_security_group.db.id" : "var.group"
        return scan([
            "main.tf": """
            variable "group" {}
            resource "aws_security_group" "db" {
              description = "db"
            }
            \(comment)
            resource "aws_security_group_rule" "open" {
              for_each = toset(["22", "3389"])
              type = "ingress"
              description = "db"
              from_port = each.key
              to_port = each.key
              protocol = "tcp"
              cidr_blocks = ["0.0.0.0/0"]
              security_group_id = \(group)
            }
            """
        ])
    }

    @Test func attributeScopedIgnoresMatchTheResourceInstance() throws {
        let loose = failures(
            securityGroupRules(
                comment: "#trivy:ignore:aws-ec2-no-public-ingress-sgr[from_port=22]", declaredGroup: false),
            "AWS-0107")
        #expect(loose.count == 2)
        #expect(
            loose.filter { $0.inlineIgnore != nil }.map(\.cause.resource) == ["aws_security_group_rule.open[\"22\"]"])
        // Folded into the group, the instances' findings coincide (same lines, same message) and do not say
        // which instance they came from: only a comment that holds for every instance applies.
        let folded = failures(
            securityGroupRules(comment: "#trivy:ignore:AWS-0107[from_port=22]", declaredGroup: true), "AWS-0107")
        #expect(!folded.isEmpty && folded.allSatisfy { $0.inlineIgnore == nil })
        let plain = failures(securityGroupRules(comment: "#trivy:ignore:AWS-0107", declaredGroup: true), "AWS-0107")
        #expect(!plain.isEmpty && plain.allSatisfy { $0.inlineIgnore?.line == 5 })
        let both = failures(
            securityGroupRules(comment: "#trivy:ignore:AWS-0107[type=ingress,protocol=tcp]", declaredGroup: true),
            "AWS-0107")
        #expect(!both.isEmpty && both.allSatisfy { $0.inlineIgnore != nil })
    }

    @Test func nestedAttributesWildcardsWorkspacesAndCommentTokens() throws {
        let bucket = { (comment: String) in
            self.scan([
                "main.tf":
                    "\(comment)\nresource \"aws_s3_bucket\" \"a\" {\n  bucket = \"a\"\n  logging {\n    target_bucket = \"logs\"\n    target_prefix = \"a/\"\n  }\n}\n"
            ])
        }
        func ignored(_ outcome: ConfigScanOutcome, _ id: String) -> Bool {
            failures(outcome, id).first?.inlineIgnore != nil
        }
        #expect(ignored(bucket("#trivy:ignore:*[logging.target_prefix=a/]"), "AWS-0086"))
        #expect(!ignored(bucket("#trivy:ignore:*[logging.target_prefix=b/]"), "AWS-0086"))
        #expect(!ignored(bucket("#trivy:ignore:*[missing=x]"), "AWS-0086"))
        let wildcard = bucket("// trivy:ignore:aws-s3-*")
        #expect(ignored(wildcard, "AWS-0086") && ignored(wildcard, "AWS-0090"))
        #expect(ignored(bucket("/* trivy:ignore:AWS-0086:ws:def* */"), "AWS-0086"))
        #expect(!ignored(bucket("# trivy:ignore:AWS-0086:ws:dev"), "AWS-0086"))
        let expiring = failures(bucket("#trivy:ignore:AWS-0086:exp:2030-01-31"), "AWS-0086").first?.inlineIgnore
        #expect(expiring?.expires == "2030-01-31")
        #expect(InlineIgnores.glob("aws-s3-*", matches: "AWS-S3-ENABLE-LOGGING"))
        #expect(!InlineIgnores.glob("dev-*", matches: "DEV-1", caseSensitive: true))
    }

    @Test func ignoresAboveAModuleCallApplyToItsResources() throws {
        let outcome = scan([
            "main.tf": """
            locals {
              buckets = ["test1", "test2"]
            }
            #trivy:ignore:*[bucket=test1]
            module "store" {
              for_each = toset(local.buckets)
              source = "./store"
              bucket = each.value
            }
            """,
            "store/main.tf":
                "variable \"bucket\" {}\nresource \"aws_s3_bucket\" \"this\" {\n  bucket = var.bucket\n}\n",
        ])
        let logging = failures(outcome, "AWS-0089")
        #expect(logging.count == 2)
        let ignored = logging.filter { $0.inlineIgnore != nil }
        #expect(ignored.map(\.cause.resource) == ["module.store[\"test1\"].aws_s3_bucket.this"])
        #expect(ignored.first?.inlineIgnore?.file == "main.tf" && ignored.first?.inlineIgnore?.line == 4)
    }

    @Test func downloadedModulesCanBeLeftOut() throws {
        let files = [
            "main.tf":
                "module \"vpc\" {\n  source = \"terraform-aws-modules/s3-bucket/aws\"\n}\nresource \"aws_s3_bucket\" \"own\" {\n  bucket = \"own\"\n}\n",
            ".terraform/modules/modules.json":
                "{\"Modules\":[{\"Key\":\"vpc\",\"Source\":\"registry.example/s3\",\"Dir\":\".terraform/modules/vpc\"}]}",
            ".terraform/modules/vpc/main.tf": "resource \"aws_s3_bucket\" \"this\" {\n  bucket = \"x\"\n}\n",
        ]
        #expect(Set(scan(files).results.map(\.target)) == ["main.tf", ".terraform/modules/vpc/main.tf"])
        var scanner = ConfigScanner()
        scanner.excludeDownloadedModules = true
        let outcome = scan(files, scanner: scanner)
        #expect(outcome.results.map(\.target) == ["main.tf"])
        #expect(!failures(outcome, "AWS-0086").isEmpty)
    }

    @Test func googleAndAzureChecksLeaveUnknownValuesUndecided() throws {
        let outcome = scan([
            "main.tf": """
            variable "email" {}
            variable "start" {}
            resource "google_compute_instance" "vm" {
              name = "vm"
              service_account {
                email = var.email
              }
            }
            resource "azurerm_mssql_server" "sql" {
              name = "sql"
            }
            resource "azurerm_mssql_firewall_rule" "r" {
              name = "r"
              server_id = azurerm_mssql_server.sql.id
              start_ip_address = var.start
              end_ip_address = "255.255.255.255"
            }
            """
        ])
        for id in ["GCP-0044", "AZU-0029"] {
            #expect(failures(outcome, id).isEmpty, "\(id) decided on an unknown value")
            #expect(!outcome.results.flatMap(\.passes).contains { $0.id == id })
            #expect(outcome.notes.contains { $0.contains("\(id) not decided") })
        }
        #expect(!failures(outcome, "GCP-0030").isEmpty)
    }
}
