import Testing

@testable import DrydockMisconfig

@Suite struct TerraformEvaluationTests {
    func resources(_ files: [String: String], vars: [String: String] = [:]) -> TerraformProject.Evaluation {
        let project = TerraformProject(
            files: files.map { TerraformProject.SourceFile(path: $0.key, text: $0.value) },
            variableFiles: vars.map { TerraformProject.SourceFile(path: $0.key, text: $0.value) })
        return project.evaluate()
    }

    @Test func parsesBlocksExpressionsAndLines() throws {
        let body = try HCLParser.parse(
            """
            # comment
            resource "aws_s3_bucket" "logs" {
              bucket = "logs-${var.env}" // trailing
              tags = {
                Name = upper("x")
              }
              /* block
                 comment */
              versioning {
                enabled = var.on ? true : false
              }
            }
            """)
        let block = try #require(body.blocks.first)
        #expect(block.type == "resource" && block.labels == ["aws_s3_bucket", "logs"])
        #expect(block.range == LineRange(2, 12))
        #expect(block.body[attribute: "tags"]?.range == LineRange(4, 6))
        #expect(block.body.blocks("versioning").first?.range == LineRange(9, 11))
    }

    @Test func syntaxErrorsNameTheLine() {
        #expect(throws: ConfigParseError("a block is not closed: missing '}'", line: 3)) {
            try HCLParser.parse("resource \"a\" \"b\" {\n  x = 1\n")
        }
        #expect(throws: ConfigParseError.self) { try HCLParser.parse("x = \"unterminated\n") }
    }

    @Test func evaluatesVariablesLocalsFunctionsAndTemplates() throws {
        let evaluation = resources([
            "main.tf": """
            variable "env" { default = "prod" }
            variable "extra" {}
            locals {
              tags = merge({ Team = "core" }, { Env = var.env })
              names = [for n in ["a", "b"] : upper(n) if n != "b"]
              joined = join("-", concat(local.names, split(",", "x,y")))
              heredoc = <<-EOT
                hello ${var.env}
                EOT
            }
            resource "aws_s3_bucket" "b" {
              bucket = format("%s-%s", local.joined, lookup(local.tags, "Env", "none"))
              tags = local.tags
              acl = var.extra
              text = local.heredoc
              n = length(keys(local.tags)) * 2 + 1
              cond = coalesce("", "z")
              json = jsonencode({ b = [1, true], a = null })
              grouped = { for k, v in { x = "1", y = "1" } : v => k... }
            }
            """
        ])
        let bucket = try #require(evaluation.resources.first).attributes
        #expect(bucket["bucket"]?.string == "A-x-y-prod")
        #expect(bucket["tags", "Env"]?.string == "prod")
        #expect(bucket["acl"]?.unknownOrigin == "var.extra")
        #expect(bucket["text"]?.string == "hello prod\n")
        #expect(bucket["n"]?.int == 5)
        #expect(bucket["cond"]?.string == "z")
        #expect(bucket["json"]?.string == #"{"a":null,"b":[1,true]}"#)
        #expect(bucket["grouped", "1"]?.strings == ["x", "y"])
        #expect(bucket["bucket"]?.range == LineRange(line: 12))
    }

    @Test func tfvarsOverrideDefaultsInOrder() throws {
        let evaluation = resources(
            [
                "main.tf":
                    "variable \"a\" { default = 1 }\nvariable \"b\" {}\nvariable \"c\" {}\nresource \"x\" \"y\" {\n  a = var.a\n  b = var.b\n  c = var.c\n}\n",
                "terraform.tfvars": "a = 2\nb = \"from-tfvars\"\n",
                "z.auto.tfvars": "a = 3\n",
            ], vars: ["custom.tfvars": "c = [\"one\"]\n"])
        let attributes = try #require(evaluation.resources.first).attributes
        #expect(attributes["a"]?.int == 3)
        #expect(attributes["b"]?.string == "from-tfvars")
        #expect(attributes["c"]?.strings == ["one"])
    }

    @Test func expandsCountForEachAndDynamicBlocks() {
        let evaluation = resources([
            "main.tf": """
            variable "enabled" { default = false }
            resource "aws_s3_bucket" "off" {
              count = var.enabled ? 1 : 0
            }
            resource "aws_s3_bucket" "many" {
              count = 2
              bucket = "b-${count.index}"
            }
            resource "aws_s3_bucket" "each" {
              for_each = toset(["x", "y"])
              bucket = each.key
            }
            resource "aws_security_group" "sg" {
              dynamic "ingress" {
                for_each = [22, 443]
                content {
                  from_port = ingress.value
                }
              }
            }
            """
        ])
        let addresses = evaluation.resources.map(\.address)
        #expect(
            addresses == [
                "aws_s3_bucket.many[0]", "aws_s3_bucket.many[1]", #"aws_s3_bucket.each["x"]"#,
                #"aws_s3_bucket.each["y"]"#,
                "aws_security_group.sg",
            ])
        #expect(evaluation.resources[1].attributes["bucket"]?.string == "b-1")
        #expect(evaluation.resources[4].attributes["ingress"]?.items.compactMap { $0["from_port"]?.int } == [22, 443])
    }

    @Test func followsLocalAndDownloadedModulesAndReferences() throws {
        let evaluation = resources([
            "main.tf": """
            module "store" {
              source = "./modules/store"
              name = "data"
            }
            module "remote" {
              source = "terraform-aws-modules/s3-bucket/aws"
              bucket = module.store.id_name
            }
            module "missing" {
              source = "git::https://example.com/x.git"
            }
            resource "aws_s3_bucket_versioning" "v" {
              bucket = module.store.id_name
              other = data.aws_caller_identity.me.account_id
            }
            """,
            "modules/store/main.tf": """
            variable "name" {}
            resource "aws_s3_bucket" "this" {
              bucket = "${var.name}-bucket"
            }
            output "id_name" { value = aws_s3_bucket.this.bucket }
            output "id" { value = aws_s3_bucket.this.id }
            """,
            ".terraform/modules/modules.json":
                #"{"Modules":[{"Key":"remote","Source":"x","Dir":".terraform/modules/remote"}]}"#,
            ".terraform/modules/remote/main.tf":
                "variable \"bucket\" {}\nresource \"aws_s3_bucket\" \"r\" {\n  bucket = var.bucket\n}\n",
        ])
        let byAddress = Dictionary(uniqueKeysWithValues: evaluation.resources.map { ($0.address, $0) })
        #expect(byAddress["module.store.aws_s3_bucket.this"]?.attributes["bucket"]?.string == "data-bucket")
        #expect(byAddress["module.remote.aws_s3_bucket.r"]?.attributes["bucket"]?.string == "data-bucket")
        #expect(byAddress["module.store.aws_s3_bucket.this"]?.calls.first?.range == LineRange(1, 4))
        let versioning = try #require(byAddress["aws_s3_bucket_versioning.v"])
        #expect(versioning.attributes["bucket"]?.string == "data-bucket")
        #expect(versioning.attributes["other"]?.unknownOrigin == "data.aws_caller_identity.me.account_id")
        #expect(evaluation.notes.count == 1)
        #expect(evaluation.notes.first?.contains("module 'missing'") == true)
    }
}

@Suite struct TerraformHostileInputTests {
    @Test func deepNestingFailsCleanly() {
        let deep = "x = " + String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000) + "\n"
        #expect(throws: ConfigParseError.self) { try HCLParser.parse(deep) }
        let blocks = String(repeating: "a {\n", count: 5000) + String(repeating: "}\n", count: 5000)
        #expect(throws: ConfigParseError.self) { try HCLParser.parse(blocks) }
    }

    @Test func exponentialLocalsBecomeUnknown() throws {
        var text = "locals {\n  l0 = [1, 2]\n"
        for index in 1...40 { text += "  l\(index) = [local.l\(index - 1), local.l\(index - 1)]\n" }
        text += "}\nresource \"aws_s3_bucket\" \"b\" {\n  tags = local.l40\n}\n"
        let evaluation = TerraformProject(files: [TerraformProject.SourceFile(path: "main.tf", text: text)]).evaluate()
        let tags = try #require(evaluation.resources.first?.attributes["tags"])
        #expect(!tags.exceeds(nodes: 100_000))
        var node = tags
        while let first = node.items.first { node = first }
        #expect(node.unknownOrigin?.contains("more than 100000 values") == true)
    }
}
