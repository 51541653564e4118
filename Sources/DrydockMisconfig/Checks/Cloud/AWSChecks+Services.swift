/// Built-in checks of RDS, EKS, ECR, CloudTrail, KMS, Lambda and ELB.
extension AWSChecks {
    static var services: [Check] { AWSDataChecks.all + AWSPlatformChecks.all }
}

/// RDS, CloudTrail and KMS.
enum AWSDataChecks {
    typealias T = CloudExampleText
    static let rdsURL = "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/"

    static let all: [Check] = [
        Cloud.check(
            .cloud(
                "AWS-0180", service: "rds", kinds: ["aws.rds.instance"], name: "enable-public-access",
                title: "RDS Publicly Accessible", severity: .high,
                description:
                    "A publicly accessible database instance gets a public DNS name and address; only its security group stands between it and the internet.",
                resolution: "Set `publicly_accessible = false` (`PubliclyAccessible: false`).",
                references: [rdsURL + "USER_VPC.WorkingWithRDSInstanceinaVPC.html"]),
            examples: CheckExamples(
                failing: [
                    T.tf("aws_db_instance", "  engine = \"postgres\"\n  publicly_accessible = true\n"),
                    T.cfn("AWS::RDS::DBInstance", "      Engine: postgres\n      PubliclyAccessible: true\n"),
                ],
                passing: [
                    T.tf("aws_db_instance", "  engine = \"postgres\"\n"),
                    T.cfn("AWS::RDS::DBInstance", "      Engine: postgres\n      PubliclyAccessible: false\n"),
                ])
        ) { instance in
            Cloud.isFalse(
                instance["publicAccess"],
                instance["clusterInstance"] != nil
                    ? "Cluster instance has Public Access enabled" : "Instance has Public Access enabled",
                at: instance.source.range)
        },
        Cloud.check(
            .cloud(
                "AWS-0080", service: "rds", kinds: ["aws.rds.instance"], name: "encrypt-instance-storage-data",
                title: "RDS encryption has not been enabled at a DB Instance level.", severity: .high,
                description:
                    "Without storage encryption, the instance's data, automated backups, read replicas and snapshots are stored in the clear. Read replicas inherit their source's encryption and are exempt.",
                resolution: "Set `storage_encrypted = true` (`StorageEncrypted: true`).",
                references: [rdsURL + "Overview.Encryption.html"]),
            examples: CheckExamples(
                failing: [
                    T.tf("aws_db_instance", "  engine = \"postgres\"\n"),
                    T.cfn("AWS::RDS::DBInstance", "      Engine: postgres\n"),
                ],
                passing: [
                    T.tf("aws_db_instance", "  engine = \"postgres\"\n  storage_encrypted = true\n"),
                    T.tf("aws_db_instance", "  replicate_source_db = \"primary\"\n"),
                    T.cfn("AWS::RDS::DBInstance", "      Engine: postgres\n      StorageEncrypted: true\n"),
                ])
        ) { instance in
            if instance["clusterInstance"] != nil { return [] }
            if let source = instance["replicationSource"], !(source.text ?? "x").isEmpty { return [] }
            return Cloud.isTrue(
                instance["storageEncrypted"], "Instance does not have storage encryption enabled.",
                at: instance.source.range)
        },
        Cloud.check(
            .cloud(
                "AWS-0079", service: "rds", kinds: ["aws.rds.cluster"], name: "encrypt-cluster-storage-data",
                title: "There is no encryption specified or encryption is disabled on the RDS Cluster.",
                severity: .high,
                description:
                    "An unencrypted Aurora cluster stores its data, backups and snapshots in the clear; with encryption on, a customer managed key keeps control of the key with you.",
                resolution: "Set `storage_encrypted = true` and `kms_key_id` to a customer managed key.",
                references: [rdsURL + "Overview.Encryption.html"]),
            examples: CheckExamples(
                failing: [
                    T.tf("aws_rds_cluster", "  engine = \"aurora-postgresql\"\n"),
                    T.tf("aws_rds_cluster", "  storage_encrypted = true\n"),
                    T.cfn("AWS::RDS::DBCluster", "      Engine: aurora-postgresql\n"),
                ],
                passing: [
                    T.tf(
                        "aws_rds_cluster",
                        "  storage_encrypted = true\n  kms_key_id = \"arn:aws:kms:eu-west-1:123456789012:key/abc\"\n"),
                    T.cfn("AWS::RDS::DBCluster", "      StorageEncrypted: true\n      KmsKeyId: !Ref Key\n"),
                ])
        ) { cluster in
            let encrypted = cluster["storageEncrypted"]
            let failures = Cloud.isTrue(
                encrypted, "Cluster does not have storage encryption enabled.", at: cluster.source.range)
            if !failures.isEmpty { return failures }
            return Cloud.nonEmpty(
                cluster["kmsKeyId"], "Cluster does not specify a customer managed key for storage encryption.",
                at: cluster.source.range)
        },
        Cloud.check(
            .cloud(
                "AWS-0077", service: "rds", kinds: ["aws.rds.instance", "aws.rds.cluster"],
                name: "specify-backup-retention",
                title: "RDS Cluster and RDS instance should have backup retention longer than default 1 day",
                severity: .medium,
                description:
                    "With a retention of one day or less, a problem noticed after a weekend can no longer be undone from automated backups. Read replicas are exempt.",
                resolution: "Set `backup_retention_period` (`BackupRetentionPeriod`) to 2 days or more.",
                references: [rdsURL + "USER_WorkingWithAutomatedBackups.html"]),
            examples: CheckExamples(
                failing: [
                    T.tf("aws_db_instance", "  engine = \"postgres\"\n  backup_retention_period = 1\n"),
                    T.tf("aws_rds_cluster", "  engine = \"aurora\"\n"),
                    T.cfn("AWS::RDS::DBInstance", "      Engine: postgres\n"),
                ],
                passing: [
                    T.tf("aws_db_instance", "  engine = \"postgres\"\n  backup_retention_period = 7\n"),
                    T.cfn("AWS::RDS::DBCluster", "      BackupRetentionPeriod: 7\n"),
                ])
        ) { object in
            if object["clusterInstance"] != nil { return [] }
            if let source = object["replicationSource"], !(source.text ?? "x").isEmpty { return [] }
            let message =
                object.kind == "aws.rds.cluster"
                ? "Cluster instance has very low backup retention period."
                : "Instance has very low backup retention period."
            return Cloud.require(object["backupRetention"], message, at: object.source.range) {
                ($0.number ?? $0.text.flatMap(Double.init) ?? 0) >= 2
            }
        },
        Cloud.check(
            .cloud(
                "AWS-0014", service: "cloudtrail", kinds: ["aws.cloudtrail.trail"], name: "enable-all-regions",
                title:
                    "Cloudtrail should be enabled in all regions regardless of where your AWS resources are generally homed",
                severity: .medium,
                description:
                    "A single-region trail misses activity in every other region, which is exactly where an attacker would start resources to stay unnoticed.",
                resolution: "Set `is_multi_region_trail = true` (`IsMultiRegionTrail: true`).",
                references: [
                    "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/receive-cloudtrail-log-files-from-multiple-regions.html"
                ]),
            examples: CheckExamples(
                failing: [
                    T.tf("aws_cloudtrail", "  name = \"trail\"\n"),
                    T.cfn("AWS::CloudTrail::Trail", "      IsLogging: true\n"),
                ],
                passing: [
                    T.tf("aws_cloudtrail", "  is_multi_region_trail = true\n"),
                    T.cfn("AWS::CloudTrail::Trail", "      IsMultiRegionTrail: true\n"),
                ])
        ) { trail in
            Cloud.isTrue(trail["multiRegion"], "Trail is not enabled across all regions.", at: trail.source.range)
        },
        Cloud.check(
            .cloud(
                "AWS-0016", service: "cloudtrail", kinds: ["aws.cloudtrail.trail"], name: "enable-log-validation",
                title: "Cloudtrail log validation should be enabled to prevent tampering of log data", severity: .high,
                description:
                    "Log file validation signs a digest of every delivered log file, so deleted or altered logs can be detected.",
                resolution: "Set `enable_log_file_validation = true` (`EnableLogFileValidation: true`).",
                references: [
                    "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-validation-intro.html"
                ]),
            examples: CheckExamples(
                failing: [
                    T.tf("aws_cloudtrail", "  name = \"trail\"\n"),
                    T.cfn("AWS::CloudTrail::Trail", "      IsLogging: true\n"),
                ],
                passing: [
                    T.tf("aws_cloudtrail", "  enable_log_file_validation = true\n"),
                    T.cfn("AWS::CloudTrail::Trail", "      EnableLogFileValidation: true\n"),
                ])
        ) { trail in
            Cloud.isTrue(trail["logValidation"], "Trail does not have log validation enabled.", at: trail.source.range)
        },
        Cloud.check(
            .cloud(
                "AWS-0015", service: "cloudtrail", kinds: ["aws.cloudtrail.trail"],
                name: "encryption-customer-managed-key",
                title: "CloudTrail should use Customer managed keys to encrypt the logs", severity: .high,
                description:
                    "Encrypting trail logs with a customer managed key adds a second permission (on the key) between readers of the bucket and the logs, and lets you audit and revoke access.",
                resolution: "Set `kms_key_id` (`KMSKeyId`) to a customer managed key.",
                references: [
                    "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/encrypting-cloudtrail-log-files-with-aws-kms.html"
                ]),
            examples: CheckExamples(
                failing: [
                    T.tf("aws_cloudtrail", "  name = \"trail\"\n"),
                    T.cfn("AWS::CloudTrail::Trail", "      IsLogging: true\n"),
                ],
                passing: [
                    T.tf("aws_cloudtrail", "  kms_key_id = aws_kms_key.trail.arn\n"),
                    T.cfn("AWS::CloudTrail::Trail", "      KMSKeyId: alias/trail\n"),
                ])
        ) { trail in
            Cloud.nonEmpty(
                trail["kmsKeyId"], "CloudTrail does not use a customer managed key to encrypt the logs.",
                at: trail.source.range)
        },
        Cloud.check(
            .cloud(
                "AWS-0065", service: "kms", kinds: ["aws.kms.key"], name: "auto-rotate-keys",
                title: "A KMS key is not configured to auto-rotate.", severity: .medium,
                description:
                    "Automatic rotation limits how much data one key version protects and how long a leaked version stays useful. Signing keys (`SIGN_VERIFY`) cannot rotate and are exempt.",
                resolution: "Set `enable_key_rotation = true` (`EnableKeyRotation: true`).",
                references: ["https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html"]),
            examples: CheckExamples(
                failing: [
                    T.tf("aws_kms_key", "  description = \"data\"\n"),
                    T.cfn("AWS::KMS::Key", "      Description: data\n"),
                ],
                passing: [
                    T.tf("aws_kms_key", "  enable_key_rotation = true\n"),
                    T.tf("aws_kms_key", "  key_usage = \"SIGN_VERIFY\"\n"),
                    T.cfn("AWS::KMS::Key", "      EnableKeyRotation: true\n"),
                ])
        ) { key in
            if key["usage"]?.text == "SIGN_VERIFY" { return [] }
            return Cloud.isTrue(key["rotationEnabled"], "Key does not have rotation enabled.", at: key.source.range)
        },
    ]
}
