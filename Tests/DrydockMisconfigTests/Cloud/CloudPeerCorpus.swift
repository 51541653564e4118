/// Terraform and CloudFormation written for the checkov comparison: each service in a failing and a passing
/// variant, some through variables, a module and companion resources, as real configurations are written.
enum CloudPeerCorpus {
    static let files = aws.merging(googleAzure) { first, _ in first }.merging(services) { first, _ in first }

    static let aws: [String: String] = [
        "tf/storage/main.tf": """
        variable "versioning" {
          default = "Enabled"
        }

        module "logs" {
          source = "./bucket"
          name   = "logs"
        }

        resource "aws_s3_bucket" "open" {
          bucket = "open"
        }

        resource "aws_s3_bucket" "closed" {
          bucket = "closed"
          logging {
            target_bucket = "logs"
          }
        }

        resource "aws_s3_bucket_public_access_block" "closed" {
          bucket                  = aws_s3_bucket.closed.id
          block_public_acls       = true
          block_public_policy     = true
          ignore_public_acls      = true
          restrict_public_buckets = true
        }

        resource "aws_s3_bucket_public_access_block" "half" {
          bucket            = aws_s3_bucket.open.id
          block_public_acls = false
        }

        resource "aws_s3_bucket_versioning" "closed" {
          bucket = aws_s3_bucket.closed.id
          versioning_configuration {
            status = var.versioning
          }
        }
        """,
        "tf/storage/bucket/main.tf": """
        variable "name" {}

        resource "aws_s3_bucket" "this" {
          bucket = var.name
          versioning {
            enabled = true
          }
        }
        """,
        "tf/network/main.tf": """
        locals {
          anywhere = ["0.0.0.0/0"]
          admin    = ["10.0.0.0/8"]
        }

        resource "aws_security_group" "ssh_open" {
          description = "ssh"
          ingress {
            description = "ssh"
            from_port   = 22
            to_port     = 22
            protocol    = "tcp"
            cidr_blocks = local.anywhere
          }
        }

        resource "aws_security_group" "rdp_open" {
          description = "rdp"
          ingress {
            description = "rdp"
            from_port   = 3389
            to_port     = 3389
            protocol    = "tcp"
            cidr_blocks = ["0.0.0.0/0"]
          }
        }

        resource "aws_security_group" "ssh_admin" {
          description = "ssh from the office"
          ingress {
            description = "ssh"
            from_port   = 22
            to_port     = 22
            protocol    = "tcp"
            cidr_blocks = local.admin
          }
        }
        """,
        "tf/compute/main.tf": """
        resource "aws_instance" "v1" {
          ami           = "ami-123"
          instance_type = "t3.micro"
        }

        resource "aws_instance" "v2" {
          ami           = "ami-123"
          instance_type = "t3.micro"
          metadata_options {
            http_tokens = "required"
          }
        }

        resource "aws_ebs_volume" "plain" {
          availability_zone = "eu-west-1a"
          size              = 10
        }

        resource "aws_ebs_volume" "sealed" {
          availability_zone = "eu-west-1a"
          size              = 10
          encrypted         = true
        }
        """,
        "tf/data/main.tf": """
        resource "aws_db_instance" "public" {
          engine              = "postgres"
          instance_class      = "db.t3.micro"
          publicly_accessible = true
        }

        resource "aws_db_instance" "private" {
          engine            = "postgres"
          instance_class    = "db.t3.micro"
          storage_encrypted = true
        }

        resource "aws_kms_key" "static" {
          description = "static"
        }

        resource "aws_kms_key" "rotated" {
          description         = "rotated"
          enable_key_rotation = true
        }

        resource "aws_cloudtrail" "one_region" {
          name           = "trail"
          s3_bucket_name = "logs"
        }

        resource "aws_cloudtrail" "everywhere" {
          name                       = "trail"
          s3_bucket_name             = "logs"
          is_multi_region_trail      = true
          enable_log_file_validation = true
        }
        """,
        "tf/platform/main.tf": """
        variable "scan" {
          default = true
        }

        resource "aws_ecr_repository" "mutable" {
          name = "mutable"
        }

        resource "aws_ecr_repository" "immutable" {
          name                 = "immutable"
          image_tag_mutability = "IMMUTABLE"
          image_scanning_configuration {
            scan_on_push = var.scan
          }
        }

        resource "aws_lambda_function" "untraced" {
          function_name = "untraced"
          role          = "arn:aws:iam::123456789012:role/f"
        }

        resource "aws_lambda_function" "traced" {
          function_name = "traced"
          role          = "arn:aws:iam::123456789012:role/f"
          tracing_config {
            mode = "Active"
          }
        }

        resource "aws_eks_cluster" "open" {
          name     = "open"
          role_arn = "arn:aws:iam::123456789012:role/eks"
          vpc_config {
            subnet_ids = ["subnet-1"]
          }
        }

        resource "aws_eks_cluster" "closed" {
          name     = "closed"
          role_arn = "arn:aws:iam::123456789012:role/eks"
          vpc_config {
            subnet_ids             = ["subnet-1"]
            endpoint_public_access = false
          }
          encryption_config {
            resources = ["secrets"]
            provider {
              key_arn = "arn:aws:kms:eu-west-1:123456789012:key/1"
            }
          }
        }

        resource "aws_lb" "default" {
          name = "default"
        }

        resource "aws_lb" "strict" {
          name                       = "strict"
          drop_invalid_header_fields = true
        }
        """,
        "cfn/storage.yaml": """
        AWSTemplateFormatVersion: "2010-09-09"
        Parameters:
          Versioning:
            Type: String
            Default: Enabled
        Resources:
          Open:
            Type: AWS::S3::Bucket
          Closed:
            Type: AWS::S3::Bucket
            Properties:
              VersioningConfiguration:
                Status: !Ref Versioning
              LoggingConfiguration:
                DestinationBucketName: logs
              PublicAccessBlockConfiguration:
                BlockPublicAcls: true
                BlockPublicPolicy: true
                IgnorePublicAcls: true
                RestrictPublicBuckets: true
        """,
        "cfn/services.yaml": """
        AWSTemplateFormatVersion: "2010-09-09"
        Resources:
          SshOpen:
            Type: AWS::EC2::SecurityGroup
            Properties:
              GroupDescription: ssh
              SecurityGroupIngress:
                - IpProtocol: tcp
                  FromPort: 22
                  ToPort: 22
                  CidrIp: 0.0.0.0/0
          SshAdmin:
            Type: AWS::EC2::SecurityGroup
            Properties:
              GroupDescription: ssh
              SecurityGroupIngress:
                - IpProtocol: tcp
                  FromPort: 22
                  ToPort: 22
                  CidrIp: 10.0.0.0/8
          Plain:
            Type: AWS::EC2::Volume
            Properties:
              AvailabilityZone: eu-west-1a
              Size: 10
          Sealed:
            Type: AWS::EC2::Volume
            Properties:
              AvailabilityZone: eu-west-1a
              Size: 10
              Encrypted: true
          PublicDB:
            Type: AWS::RDS::DBInstance
            Properties:
              Engine: postgres
              DBInstanceClass: db.t3.micro
              PubliclyAccessible: true
          Static:
            Type: AWS::KMS::Key
            Properties:
              KeyPolicy: {}
          Rotated:
            Type: AWS::KMS::Key
            Properties:
              KeyPolicy: {}
              EnableKeyRotation: true
          Mutable:
            Type: AWS::ECR::Repository
          Immutable:
            Type: AWS::ECR::Repository
            Properties:
              ImageTagMutability: IMMUTABLE
        """,
    ]
}
