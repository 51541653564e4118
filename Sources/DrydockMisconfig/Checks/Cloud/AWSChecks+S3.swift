/// Built-in checks of AWS S3 buckets.
extension AWSChecks {
    static let s3URL = "https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html"
    static let bucket: Set<String> = ["aws.s3.bucket"]

    /// Whether a bucket's canned ACL makes it public: a public or authenticated-read ACL that its public access
    /// block neither ignores nor blocks.
    static func exposes(cannedACL: String, accessBlock: ConfigNode?) -> Bool {
        guard ["public-read", "public-read-write", "website", "authenticated-read"].contains(cannedACL) else {
            return false
        }
        return !(accessBlock?["ignorePublicAcls"]?.bool == true || accessBlock?["blockPublicAcls"]?.bool == true)
    }

    /// A bucket with `lines` inside its block, and optional companion resources after it.
    static func tfBucket(_ lines: String = "", _ companions: String = "") -> String {
        "resource \"aws_s3_bucket\" \"example\" {\n  bucket = \"example\"\n\(lines)}\n" + companions
    }

    static func tfAccessBlock(_ settings: String) -> String {
        "resource \"aws_s3_bucket_public_access_block\" \"example\" {\n  bucket = aws_s3_bucket.example.id\n\(settings)}\n"
    }

    static func cfnBucket(_ properties: String = "") -> String {
        "AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n  Bucket:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: example\n\(properties)"
    }

    static let allBlocked = [
        "BlockPublicAcls: true", "BlockPublicPolicy: true", "IgnorePublicAcls: true", "RestrictPublicBuckets: true",
    ].map { "        \($0)\n" }.joined()

    /// A public access block setting that must be true.
    static func accessBlock(
        _ id: String, field: String, verb: String, terraform: String, cloudFormation: String, name: String,
        title: String, what: String
    ) -> Check {
        Cloud.check(
            .cloud(
                id, service: "s3", kinds: bucket, name: name, title: title, severity: .high,
                description: "Without `\(terraform)` in the bucket's public access block, \(what)",
                resolution:
                    "Set `\(terraform) = true` (Terraform) or `\(cloudFormation): true` (CloudFormation) in the bucket's public access block.",
                references: [s3URL]),
            examples: CheckExamples(
                failing: [
                    tfBucket(),
                    tfBucket("", tfAccessBlock("  \(terraform) = false\n")),
                    cfnBucket("      PublicAccessBlockConfiguration:\n        \(cloudFormation): false\n"),
                ],
                passing: [
                    tfBucket("", tfAccessBlock("  \(terraform) = true\n")),
                    cfnBucket("      PublicAccessBlockConfiguration:\n        \(cloudFormation): true\n"),
                ])
        ) { bucket in
            guard let block = bucket["publicAccessBlock"] else {
                return [CheckFailure("No public access block so not \(verb.ing)", range: bucket.source.range)]
            }
            return Cloud.isTrue(block[field], "Public access block does not \(verb)", at: block.range)
        }
    }

    static let s3: [Check] = [
        accessBlock(
            "AWS-0086", field: "blockPublicAcls", verb: "block public ACLs", terraform: "block_public_acls",
            cloudFormation: "BlockPublicAcls",
            name: "block-public-acls", title: "S3 Access block should block public ACL",
            what: "public ACLs can still be put on the bucket and its objects."),
        accessBlock(
            "AWS-0087", field: "blockPublicPolicy", verb: "block public policies", terraform: "block_public_policy",
            cloudFormation: "BlockPublicPolicy",
            name: "block-public-policy", title: "S3 Access block should block public policy",
            what: "a bucket policy granting public access can still be attached."),
        accessBlock(
            "AWS-0091", field: "ignorePublicAcls", verb: "ignore public ACLs", terraform: "ignore_public_acls",
            cloudFormation: "IgnorePublicAcls",
            name: "ignore-public-acls", title: "S3 Access Block should Ignore Public ACL",
            what: "public ACLs already on the bucket and its objects still grant access."),
        accessBlock(
            "AWS-0093", field: "restrictPublicBuckets", verb: "restrict public buckets",
            terraform: "restrict_public_buckets",
            cloudFormation: "RestrictPublicBuckets", name: "no-public-buckets",
            title: "S3 Access block should restrict public bucket to limit access",
            what: "a public bucket policy still lets anyone reach the bucket."),
        Cloud.check(
            .cloud(
                "AWS-0094", service: "s3", kinds: bucket, name: "specify-public-access-block",
                title: "S3 buckets should each define an aws_s3_bucket_public_access_block", severity: .low,
                description:
                    "A bucket without a public access block of its own relies on account settings that may change; an explicit block keeps it private whatever the ACLs and policies say.",
                resolution:
                    "Define an `aws_s3_bucket_public_access_block` for the bucket (Terraform) or `PublicAccessBlockConfiguration` (CloudFormation).",
                references: [s3URL]),
            examples: CheckExamples(
                failing: [tfBucket(), cfnBucket()],
                passing: [
                    tfBucket("", tfAccessBlock("  block_public_acls = true\n")),
                    cfnBucket("      PublicAccessBlockConfiguration:\n" + allBlocked),
                ])
        ) { bucket in
            bucket["publicAccessBlock"] == nil
                ? [
                    CheckFailure(
                        "Bucket does not have a corresponding public access block.", range: bucket.source.range)
                ] : []
        },
        Cloud.check(
            .cloud(
                "AWS-0088", service: "s3", kinds: bucket, name: "enable-bucket-encryption",
                title: "Unencrypted S3 bucket.",
                severity: .high,
                description:
                    "Buckets without a server-side encryption configuration store objects unencrypted unless the account default applies. Deprecated, as in Trivy: S3 has encrypted new objects with SSE-S3 by default since January 2023.",
                resolution: "Configure server-side encryption for the bucket.",
                references: ["https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-encryption.html"],
                deprecated: true),
            examples: CheckExamples(
                failing: [tfBucket(), cfnBucket()],
                passing: [
                    tfBucket(
                        "  server_side_encryption_configuration {\n    rule {\n      apply_server_side_encryption_by_default {\n        sse_algorithm = \"AES256\"\n      }\n    }\n  }\n"
                    ),
                    cfnBucket(
                        "      BucketEncryption:\n        ServerSideEncryptionConfiguration:\n          - ServerSideEncryptionByDefault:\n              SSEAlgorithm: AES256\n"
                    ),
                ])
        ) { bucket in
            Cloud.isTrue(
                bucket["encryption.enabled"], "Bucket does not have encryption enabled",
                at: bucket["encryption"]?.range ?? bucket.source.range)
        },
        Cloud.check(
            .cloud(
                "AWS-0132", service: "s3", kinds: bucket, name: "encryption-customer-key",
                title: "S3 encryption should use Customer Managed Keys", severity: .high,
                description:
                    "Encrypting with a customer managed KMS key keeps control of the key (rotation, revocation, audit) with you rather than with AWS. Log buckets (`log-delivery-write`) are exempt: server access logs cannot be delivered to buckets encrypted with KMS.",
                resolution:
                    "Set `kms_master_key_id` (Terraform) or `KMSMasterKeyID` (CloudFormation) to a customer managed key.",
                references: ["https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html"]),
            examples: CheckExamples(
                failing: [tfBucket(), cfnBucket()],
                passing: [
                    tfBucket(
                        "",
                        "resource \"aws_s3_bucket_server_side_encryption_configuration\" \"example\" {\n  bucket = aws_s3_bucket.example.id\n  rule {\n    apply_server_side_encryption_by_default {\n      sse_algorithm = \"aws:kms\"\n      kms_master_key_id = aws_kms_key.example.arn\n    }\n  }\n}\n"
                    ),
                    tfBucket("  acl = \"log-delivery-write\"\n"),
                    cfnBucket(
                        "      BucketEncryption:\n        ServerSideEncryptionConfiguration:\n          - ServerSideEncryptionByDefault:\n              SSEAlgorithm: aws:kms\n              KMSMasterKeyID: !Ref Key\n"
                    ),
                ])
        ) { bucket in
            if bucket["acl"]?.text?.lowercased() == "log-delivery-write" { return [] }
            return Cloud.nonEmpty(
                bucket["encryption.kmsKeyId"], "Bucket does not encrypt data with a customer managed key.",
                at: bucket["encryption"]?.range ?? bucket.source.range)
        },
        Cloud.check(
            .cloud(
                "AWS-0089", service: "s3", kinds: bucket, name: "enable-logging", title: "S3 Bucket Logging",
                severity: .low,
                description:
                    "Server access logging records every request made to the bucket; without it, access to the data cannot be audited after the fact. Buckets that receive logs (`log-delivery-write`) are exempt.",
                resolution: "Add a logging configuration that sends the bucket's access logs to a log bucket.",
                references: ["https://docs.aws.amazon.com/AmazonS3/latest/userguide/ServerLogs.html"]),
            examples: CheckExamples(
                failing: [tfBucket(), cfnBucket()],
                passing: [
                    tfBucket(
                        "",
                        "resource \"aws_s3_bucket_logging\" \"example\" {\n  bucket = aws_s3_bucket.example.id\n  target_bucket = \"logs\"\n  target_prefix = \"example/\"\n}\n"
                    ),
                    tfBucket("  acl = \"log-delivery-write\"\n"),
                    cfnBucket("      LoggingConfiguration:\n        DestinationBucketName: logs\n"),
                ])
        ) { bucket in
            if bucket["acl"]?.text?.lowercased() == "log-delivery-write" { return [] }
            return Cloud.isTrue(bucket["logging.enabled"], "Bucket has logging disabled", at: bucket.source.range)
        },
        Cloud.check(
            .cloud(
                "AWS-0090", service: "s3", kinds: bucket, name: "enable-versioning",
                title: "S3 Data should be versioned",
                severity: .medium,
                description:
                    "Versioning keeps every version of every object, so an overwrite or a delete (by mistake or by an attacker) can be undone.",
                resolution: "Enable versioning on the bucket.",
                references: ["https://docs.aws.amazon.com/AmazonS3/latest/userguide/Versioning.html"]),
            examples: CheckExamples(
                failing: [
                    tfBucket(),
                    tfBucket(
                        "",
                        "resource \"aws_s3_bucket_versioning\" \"example\" {\n  bucket = aws_s3_bucket.example.id\n  versioning_configuration {\n    status = \"Suspended\"\n  }\n}\n"
                    ),
                    cfnBucket(),
                ],
                passing: [
                    tfBucket(
                        "",
                        "resource \"aws_s3_bucket_versioning\" \"example\" {\n  bucket = aws_s3_bucket.example.id\n  versioning_configuration {\n    status = \"Enabled\"\n  }\n}\n"
                    ),
                    tfBucket("  versioning {\n    enabled = true\n  }\n"),
                    cfnBucket("      VersioningConfiguration:\n        Status: Enabled\n"),
                ])
        ) { bucket in
            Cloud.isTrue(
                bucket["versioning.enabled"], "Bucket does not have versioning enabled",
                at: bucket["versioning"]?.range ?? bucket.source.range)
        },
        Cloud.check(
            .cloud(
                "AWS-0092", service: "s3", kinds: bucket, name: "no-public-access-with-acl",
                title: "S3 Buckets not publicly accessible through ACL.", severity: .high,
                description:
                    "A canned ACL such as `public-read`, `public-read-write`, `website` or `authenticated-read` opens the bucket to everyone (or every AWS account) unless a public access block blocks or ignores public ACLs.",
                resolution: "Use a private ACL, or block and ignore public ACLs in the bucket's public access block.",
                references: ["https://docs.aws.amazon.com/AmazonS3/latest/userguide/acl-overview.html#canned-acl"]),
            examples: CheckExamples(
                failing: [tfBucket("  acl = \"public-read\"\n"), cfnBucket("      AccessControl: PublicRead\n")],
                passing: [
                    tfBucket("  acl = \"private\"\n"),
                    tfBucket("  acl = \"public-read\"\n", tfAccessBlock("  block_public_acls = true\n")),
                    cfnBucket("      AccessControl: Private\n"),
                ])
        ) { bucket in
            guard let acl = bucket["acl"] else { return [] }
            if let origin = acl.unknownOrigin {
                return [CheckFailure(undecided: "Bucket ACL", origin: origin, range: acl.range)]
            }
            let value = acl.text ?? ""
            guard exposes(cannedACL: value, accessBlock: bucket["publicAccessBlock"]) else { return [] }
            return [
                CheckFailure(
                    value == "authenticated-read"
                        ? "Bucket is exposed to all AWS accounts via ACL." : "Bucket has a public ACL: \"\(value)\"",
                    at: acl)
            ]
        },
        Cloud.check(
            .cloud(
                "AWS-0170", service: "s3", kinds: bucket, name: "require-mfa-delete",
                title: "Buckets should have MFA deletion protection enabled.", severity: .low,
                description:
                    "Adding MFA delete to an S3 bucket, requires additional authentication when you change the version state of your bucket or you delete an object version, adding another layer of security in the event your security credentials are compromised or unauthorized access is obtained. Only buckets whose versioning the configuration manages are checked (CloudFormation cannot set MFA delete).",
                resolution:
                    "Set `mfa_delete = \"Enabled\"` in `versioning_configuration` (`mfa_delete = true` in a `versioning` block).",
                references: [
                    "https://docs.aws.amazon.com/AmazonS3/latest/userguide/MultiFactorAuthenticationDelete.html"
                ],
                cloudFormation: false),
            examples: CheckExamples(
                failing: [
                    tfBucket(
                        "",
                        "resource \"aws_s3_bucket_versioning\" \"example\" {\n  bucket = aws_s3_bucket.example.id\n  versioning_configuration {\n    status = \"Enabled\"\n  }\n}\n"
                    )
                ],
                passing: [
                    tfBucket(
                        "",
                        "resource \"aws_s3_bucket_versioning\" \"example\" {\n  bucket = aws_s3_bucket.example.id\n  versioning_configuration {\n    status = \"Enabled\"\n    mfa_delete = \"Enabled\"\n  }\n}\n"
                    ),
                    tfBucket("  versioning {\n    enabled = true\n    mfa_delete = true\n  }\n"),
                ])
        ) { bucket in
            guard let versioning = bucket["versioning"] else { return [] }
            return Cloud.isTrue(
                versioning["mfaDelete"], "Bucket does not have MFA deletion protection enabled", at: versioning.range)
        },
    ]
}

extension String {
    /// `block public ACLs` → `blocking public ACLs`.
    var ing: String {
        let words = split(separator: " ", maxSplits: 1)
        guard let verb = words.first else { return self }
        let stem = verb.hasSuffix("e") ? String(verb.dropLast()) : String(verb)
        return ([stem + "ing"] + words.dropFirst().map(String.init)).joined(separator: " ")
    }
}
