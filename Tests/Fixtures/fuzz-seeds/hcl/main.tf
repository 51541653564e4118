variable "name" {
  type    = string
  default = "app-${local.env}"
}
locals {
  env  = "prod"
  tags = { for k, v in var.extra : k => upper(v) if v != "" }
  list = [for i in range(3) : i * 2]
}
resource "aws_s3_bucket" "b" {
  bucket = var.name
  count  = length(local.list) > 2 ? 1 : 0
  dynamic "rule" {
    for_each = local.list
    content { id = rule.value }
  }
  policy = <<EOT
{"Statement": [{"Effect": "Allow", "Principal": "*"}]}
EOT
}
module "m" {
  source = "./mod"
  x      = aws_s3_bucket.b[0].arn
}
