import DrydockModel

/// RDS checks of Performance Insights, IAM authentication and deletion protection, and the ECR repository
/// policy check (Trivy's `AWS-0078`, `0133`, `0176`, `0177`, `0343`, `0032`).
enum AWSDatabaseChecks {
    typealias T = CloudExampleText
    static let rdsURL = "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/"
    static let instances: Set<String> = ["aws.rds.instance"]

    static func isOn(_ node: ConfigNode?) -> Bool { node?.bool == true || node?.text == "true" }

    static let all: [Check] = [
        Cloud.check(
            .cloud(
                "AWS-0133", service: "rds", kinds: instances, name: "enable-performance-insights",
                title: "Enable Performance Insights to detect potential problems", severity: .low,
                description:
                    "Performance Insights records database load by session, wait and query, which helps to diagnose a compromise or an attack as well as slow queries.",
                resolution: "Set `performance_insights_enabled = true` (`EnablePerformanceInsights: true`).",
                references: ["https://aws.amazon.com/rds/performance-insights/"]),
            examples: CheckExamples(
                failing: [
                    T.tf("aws_db_instance", "  engine = \"postgres\"\n"),
                    T.tf(
                        "aws_rds_cluster_instance",
                        "  cluster_identifier = \"main\"\n  performance_insights_enabled = false\n"),
                    T.cfn("AWS::RDS::DBInstance", "      Engine: postgres\n"),
                ],
                passing: [
                    T.tf("aws_db_instance", "  engine = \"postgres\"\n  performance_insights_enabled = true\n"),
                    T.cfn("AWS::RDS::DBInstance", "      Engine: postgres\n      EnablePerformanceInsights: true\n"),
                ])
        ) { instance in
            Cloud.isTrue(
                instance["performanceInsights"], "Instance does not have performance insights enabled.",
                at: instance.source.range)
        },
        Cloud.check(
            .cloud(
                "AWS-0078", service: "rds", kinds: instances, name: "performance-insights-encryption-customer-key",
                title: "Performance Insights encryption should use Customer Managed Keys", severity: .low,
                description:
                    "Performance Insights data holds query text; with a customer-managed KMS key the owner controls who can decrypt it, and can rotate and revoke the key.",
                resolution:
                    "Set `performance_insights_kms_key_id` (`PerformanceInsightsKMSKeyId`) to a customer-managed key.",
                references: [rdsURL + "USER_PerfInsights.access-control.html"]),
            examples: CheckExamples(
                failing: [
                    T.tf("aws_db_instance", "  engine = \"postgres\"\n  performance_insights_enabled = true\n"),
                    T.cfn("AWS::RDS::DBInstance", "      Engine: postgres\n      EnablePerformanceInsights: true\n"),
                ],
                passing: [
                    T.tf(
                        "aws_db_instance",
                        "  engine = \"postgres\"\n  performance_insights_enabled = true\n  performance_insights_kms_key_id = aws_kms_key.db.arn\n"
                    ),
                    T.tf("aws_db_instance", "  engine = \"postgres\"\n"),
                    T.cfn(
                        "AWS::RDS::DBInstance",
                        "      Engine: postgres\n      EnablePerformanceInsights: true\n      PerformanceInsightsKMSKeyId: !Ref Key\n"
                    ),
                ])
        ) { instance in
            if let origin = instance["performanceInsights"]?.unknownOrigin {
                return [
                    CheckFailure(
                        undecided: "Performance Insights", origin: origin, range: instance["performanceInsights"]?.range
                    )
                ]
            }
            guard isOn(instance["performanceInsights"]) else { return [] }
            return Cloud.nonEmpty(
                instance["performanceInsightsKmsKeyId"],
                "Instance Performance Insights encryption does not use a customer-managed KMS key.",
                at: instance.source.range)
        },
        Cloud.check(
            .cloud(
                "AWS-0176", service: "rds", kinds: instances, name: "enable-iam-auth",
                title: "RDS IAM Database Authentication Disabled", severity: .medium,
                description:
                    "IAM database authentication replaces long-lived database passwords with short-lived tokens tied to IAM identities (MySQL and PostgreSQL instances).",
                resolution:
                    "Set `iam_database_authentication_enabled = true` (`EnableIAMDatabaseAuthentication: true`).",
                references: [rdsURL + "UsingWithRDS.IAMDBAuth.html"]),
            examples: CheckExamples(
                failing: [
                    T.tf("aws_db_instance", "  engine = \"mysql\"\n"),
                    T.cfn("AWS::RDS::DBInstance", "      Engine: postgres\n"),
                ],
                passing: [
                    T.tf("aws_db_instance", "  engine = \"mysql\"\n  iam_database_authentication_enabled = true\n"),
                    T.tf("aws_db_instance", "  engine = \"oracle-ee\"\n"),
                    T.cfn(
                        "AWS::RDS::DBInstance", "      Engine: postgres\n      EnableIAMDatabaseAuthentication: true\n"),
                ])
        ) { instance in
            guard instance["clusterInstance"]?.bool != true, let engine = instance["engine"] else { return [] }
            let message = "Instance does not have IAM Authentication enabled"
            if let origin = engine.unknownOrigin {
                return isOn(instance["iamAuth"])
                    ? [] : [CheckFailure(undecided: message, origin: origin, range: engine.range)]
            }
            guard ["postgres", "mysql"].contains((engine.text ?? "").lowercased()) else { return [] }
            return Cloud.isTrue(instance["iamAuth"], message, at: instance.source.range)
        },
        Cloud.check(
            .cloud(
                "AWS-0177", service: "rds", kinds: instances, name: "enable-deletion-protection",
                title: "RDS Deletion Protection Disabled", severity: .medium,
                description:
                    "Deletion protection keeps an instance from being deleted, by mistake or by an attacker, until it is turned off.",
                resolution: "Set `deletion_protection = true` (`DeletionProtection: true`).",
                references: [rdsURL + "USER_DeleteInstance.html#USER_DeleteInstance.DeletionProtection"]),
            examples: CheckExamples(
                failing: [
                    T.tf("aws_db_instance", "  engine = \"mysql\"\n"),
                    T.cfn("AWS::RDS::DBInstance", "      Engine: mysql\n"),
                ],
                passing: [
                    T.tf("aws_db_instance", "  engine = \"mysql\"\n  deletion_protection = true\n"),
                    T.cfn("AWS::RDS::DBInstance", "      Engine: mysql\n      DeletionProtection: true\n"),
                ])
        ) { instance in
            guard instance["clusterInstance"]?.bool != true else { return [] }
            return Cloud.isTrue(
                instance["deletionProtection"], "Instance does not have Deletion Protection enabled",
                at: instance.source.range)
        },
        Cloud.check(
            .cloud(
                "AWS-0343", service: "rds", kinds: ["aws.rds.cluster"], name: "enable-cluster-deletion-protection",
                title: "RDS Cluster Deletion Protection Disabled", severity: .medium,
                description:
                    "Deletion protection keeps a cluster from being deleted, by mistake or by an attacker, until it is turned off.",
                resolution: "Set `deletion_protection = true` (`DeletionProtection: true`).",
                references: [
                    "https://docs.aws.amazon.com/config/latest/developerguide/rds-cluster-deletion-protection-enabled.html"
                ]),
            examples: CheckExamples(
                failing: [
                    T.tf("aws_rds_cluster", "  engine = \"aurora-mysql\"\n"),
                    T.cfn("AWS::RDS::DBCluster", "      Engine: aurora-mysql\n"),
                ],
                passing: [
                    T.tf("aws_rds_cluster", "  engine = \"aurora-mysql\"\n  deletion_protection = true\n"),
                    T.cfn("AWS::RDS::DBCluster", "      Engine: aurora-mysql\n      DeletionProtection: true\n"),
                ])
        ) { cluster in
            Cloud.isTrue(
                cluster["deletionProtection"], "Cluster does not have Deletion Protection enabled",
                at: cluster.source.range)
        },
        Cloud.check(
            .cloud(
                "AWS-0032", service: "ecr", kinds: ["aws.ecr.repository"], name: "no-public-access",
                title: "ECR repository policy must block public access", severity: .high,
                description:
                    "A repository policy statement that allows `ecr:` actions to principal `*` lets anyone pull (or push) the repository's images.",
                resolution: "Name the accounts or roles that may use the repository in the policy's `Principal`.",
                references: ["https://docs.aws.amazon.com/AmazonECR/latest/userguide/repository-policies.html"]),
            examples: CheckExamples(
                failing: [
                    T.tf("aws_ecr_repository", "  name = \"app\"\n")
                        + T.tf(
                            "aws_ecr_repository_policy",
                            "  repository = aws_ecr_repository.example.name\n  policy = jsonencode({\n    Version = \"2012-10-17\"\n    Statement = [{\n      Effect = \"Allow\"\n      Principal = \"*\"\n      Action = [\"ecr:GetDownloadUrlForLayer\", \"ecr:BatchGetImage\"]\n    }]\n  })\n",
                            name: "policy"),
                    T.cfn(
                        "AWS::ECR::Repository",
                        "      RepositoryName: app\n      RepositoryPolicyText:\n        Version: \"2012-10-17\"\n        Statement:\n          - Effect: Allow\n            Principal:\n              AWS: \"*\"\n            Action: \"ecr:*\"\n"
                    ),
                ],
                passing: [
                    T.tf("aws_ecr_repository", "  name = \"app\"\n")
                        + T.tf(
                            "aws_ecr_repository_policy",
                            "  repository = aws_ecr_repository.example.name\n  policy = jsonencode({\n    Version = \"2012-10-17\"\n    Statement = [{\n      Effect = \"Allow\"\n      Principal = { AWS = \"arn:aws:iam::123456789012:root\" }\n      Action = [\"ecr:BatchGetImage\"]\n    }]\n  })\n",
                            name: "policy"),
                    T.cfn(
                        "AWS::ECR::Repository",
                        "      RepositoryName: app\n      RepositoryPolicyText:\n        Statement:\n          - Effect: Allow\n            Principal:\n              AWS: arn:aws:iam::123456789012:root\n            Action: \"ecr:*\"\n"
                    ),
                ])
        ) { repository in
            (repository["policies"]?.items ?? []).flatMap { document -> [CheckFailure] in
                let message = "Policy provides public access to the ECR repository."
                if let origin = document.unknownOrigin {
                    return [CheckFailure(undecided: message, origin: origin, range: document.range)]
                }
                return PolicyDocuments.statements(document).compactMap { statement in
                    guard statement["Effect"]?.text != "Deny",
                        PolicyDocuments.values(statement, "Action").contains(where: {
                            ($0.text ?? "").lowercased().hasPrefix("ecr:") || $0.text == "*"
                        })
                    else { return nil }
                    let principal = statement["Principal"]
                    let anyone =
                        principal?.text == "*"
                        || (principal?["AWS"]?.listItems ?? []).contains { $0.text == "*" }
                    return anyone ? CheckFailure(message, at: statement) : nil
                }
            }
        },
    ]
}
