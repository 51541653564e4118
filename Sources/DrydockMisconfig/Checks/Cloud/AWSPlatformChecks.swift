import DrydockModel

/// Built-in checks of EKS, ECR, Lambda and ELB.
enum AWSPlatformChecks {
    typealias T = CloudExampleText
    static let eksURL = "https://docs.aws.amazon.com/eks/latest/userguide/"
    static let eksGood =
        "  role_arn = \"arn\"\n  enabled_cluster_log_types = [\"api\", \"audit\", \"authenticator\", \"controllerManager\", \"scheduler\"]\n  encryption_config {\n    resources = [\"secrets\"]\n    provider {\n      key_arn = \"arn:aws:kms:key\"\n    }\n  }\n  vpc_config {\n    endpoint_public_access = false\n  }\n"
    static let eksGoodCFN =
        "      RoleArn: arn\n      Logging:\n        ClusterLogging:\n          EnabledTypes:\n            - Type: api\n            - Type: audit\n            - Type: authenticator\n            - Type: controllerManager\n            - Type: scheduler\n      EncryptionConfig:\n        - Resources: [secrets]\n          Provider:\n            KeyArn: arn:aws:kms:key\n      ResourcesVpcConfig:\n        EndpointPublicAccess: false\n        PublicAccessCidrs: [10.0.0.0/8]\n"

    static func eks(
        _ id: String, name: String, title: String, severity: Severity, description: String, resolution: String,
        failing: [String], body: @escaping @Sendable (CloudObject) -> [CheckFailure]
    ) -> Check {
        Cloud.check(
            .cloud(
                id, service: "eks", kinds: ["aws.eks.cluster"], name: name, title: title, severity: severity,
                description: description, resolution: resolution, references: [eksURL + "cluster-endpoint.html"]),
            examples: CheckExamples(
                failing: failing + [
                    T.tf("aws_eks_cluster", "  role_arn = \"arn\"\n"),
                    T.cfn("AWS::EKS::Cluster", "      RoleArn: arn\n"),
                ],
                passing: [T.tf("aws_eks_cluster", eksGood), T.cfn("AWS::EKS::Cluster", eksGoodCFN)]),
            body)
    }

    static let all: [Check] =
        [
            eks(
                "AWS-0038", name: "enable-control-plane-logging",
                title: "EKS Clusters should have cluster control plane logging turned on",
                severity: .medium,
                description:
                    "Control plane logs (API, audit, authenticator, controller manager, scheduler) are the record of who did what in the cluster; without them incidents cannot be investigated.",
                resolution:
                    "List all five types in `enabled_cluster_log_types` (`Logging.ClusterLogging.EnabledTypes`).",
                failing: [T.tf("aws_eks_cluster", "  enabled_cluster_log_types = [\"api\"]\n")]
            ) { cluster in
                let names = [
                    ("api", "API"), ("audit", "audit"), ("authenticator", "authenticator"),
                    ("controllerManager", "controller manager"), ("scheduler", "scheduler"),
                ]
                return names.flatMap { key, display in
                    Cloud.isTrue(
                        cluster["logging.\(key)"], "Control plane \(display) logging is not enabled.",
                        at: cluster["logging"]?.range ?? cluster.source.range)
                }
            },
            eks(
                "AWS-0039", name: "encrypt-secrets", title: "EKS should have the encryption of secrets enabled",
                severity: .high,
                description:
                    "Kubernetes secrets are only base64-encoded in etcd; envelope encryption with a KMS key protects them if etcd or its backups leak.",
                resolution: "Add `encryption_config` with `resources = [\"secrets\"]` and a KMS `key_arn`.",
                failing: [T.tf("aws_eks_cluster", "  encryption_config {\n    resources = [\"secrets\"]\n  }\n")]
            ) { cluster in
                let failures = Cloud.isTrue(
                    cluster["encryption.secrets"], "Cluster does not have secret encryption enabled.",
                    at: cluster["encryption"]?.range ?? cluster.source.range)
                if !failures.isEmpty { return failures }
                return Cloud.nonEmpty(
                    cluster["encryption.kmsKeyId"], "Cluster encryption requires a KMS key ID, which is missing",
                    at: cluster["encryption"]?.range ?? cluster.source.range)
            },
            eks(
                "AWS-0040", name: "no-public-cluster-access",
                title: "EKS Clusters should have the public access disabled", severity: .critical,
                description:
                    "A public API endpoint is reachable from the internet; any leaked credential or API server flaw is then exploitable from anywhere. EKS enables it by default.",
                resolution: "Set `endpoint_public_access = false` in `vpc_config` (`EndpointPublicAccess: false`).",
                failing: [T.tf("aws_eks_cluster", "  vpc_config {\n    endpoint_public_access = true\n  }\n")]
            ) { cluster in
                Cloud.isFalse(
                    cluster["publicAccessEnabled"], "Public cluster access is enabled.", at: cluster.source.range,
                    missingValue: true)
            },
            eks(
                "AWS-0041", name: "no-public-cluster-access-to-cidr",
                title: "EKS cluster should not have open CIDR range for public access",
                severity: .critical,
                description:
                    "With the public endpoint on, `public_access_cidrs` defaults to `0.0.0.0/0`: the API server accepts connections from the whole internet.",
                resolution: "Disable the public endpoint, or limit `public_access_cidrs` to known ranges.",
                failing: [T.tf("aws_eks_cluster", "  vpc_config {\n    public_access_cidrs = [\"0.0.0.0/0\"]\n  }\n")]
            ) { cluster in
                guard let enabled = cluster["publicAccessEnabled"] else { return [] }
                if let origin = enabled.unknownOrigin {
                    return [CheckFailure(undecided: "EKS public access", origin: origin, range: enabled.range)]
                }
                guard enabled.bool == true || enabled.text == "true" else { return [] }
                return (cluster["publicAccessCidrs"]?.listItems ?? []).compactMap { cidr in
                    if let origin = cidr.unknownOrigin {
                        return CheckFailure(undecided: "EKS public access CIDR", origin: origin, range: cidr.range)
                    }
                    return Cloud.allowsAllAddresses(cidr.text ?? "")
                        ? CheckFailure("Cluster allows access from a public CIDR: \(cidr.text ?? "")", at: cidr) : nil
                }
            },
            Cloud.check(
                .cloud(
                    "AWS-0030", service: "ecr", kinds: ["aws.ecr.repository"], name: "enable-image-scans",
                    title: "ECR repository has image scans disabled.",
                    severity: .high,
                    description: "Scanning on push finds known vulnerabilities in images as soon as they are pushed.",
                    resolution:
                        "Set `scan_on_push = true` in `image_scanning_configuration` (`ImageScanningConfiguration.ScanOnPush`).",
                    references: ["https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-scanning.html"]),
                examples: CheckExamples(
                    failing: [
                        T.tf("aws_ecr_repository", "  name = \"app\"\n"),
                        T.cfn("AWS::ECR::Repository", "      RepositoryName: app\n"),
                    ],
                    passing: [
                        T.tf("aws_ecr_repository", "  image_scanning_configuration {\n    scan_on_push = true\n  }\n"),
                        T.cfn("AWS::ECR::Repository", "      ImageScanningConfiguration:\n        ScanOnPush: true\n"),
                    ])
            ) { repository in
                Cloud.isTrue(repository["scanOnPush"], "Image scanning is not enabled", at: repository.source.range)
            },
            Cloud.check(
                .cloud(
                    "AWS-0031", service: "ecr", kinds: ["aws.ecr.repository"], name: "enforce-immutable-repository",
                    title: "ECR images tags shouldn't be mutable.",
                    severity: .high,
                    description:
                        "With mutable tags, a push can silently replace the image a tag points to, so what runs is no longer what was reviewed and scanned.",
                    resolution: "Set `image_tag_mutability = \"IMMUTABLE\"` (`ImageTagMutability: IMMUTABLE`).",
                    references: ["https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-tag-mutability.html"]),
                examples: CheckExamples(
                    failing: [
                        T.tf("aws_ecr_repository", "  image_tag_mutability = \"MUTABLE\"\n"),
                        T.cfn("AWS::ECR::Repository", "      RepositoryName: app\n"),
                    ],
                    passing: [
                        T.tf("aws_ecr_repository", "  image_tag_mutability = \"IMMUTABLE\"\n"),
                        T.cfn("AWS::ECR::Repository", "      ImageTagMutability: IMMUTABLE\n"),
                    ])
            ) { repository in
                Cloud.isTrue(repository["immutableTags"], "Repository tags are mutable.", at: repository.source.range)
            },
            Cloud.check(
                .cloud(
                    "AWS-0033", service: "ecr", kinds: ["aws.ecr.repository"], name: "repository-customer-key",
                    title: "ECR repository policy must block public access",
                    severity: .low,
                    description:
                        "Images are encrypted with an AWS owned key unless the repository names a customer managed KMS key, which keeps control of the key with you.",
                    resolution: "Set `encryption_type = \"KMS\"` and `kms_key` in `encryption_configuration`.",
                    references: ["https://docs.aws.amazon.com/AmazonECR/latest/userguide/encryption-at-rest.html"]),
                examples: CheckExamples(
                    failing: [
                        T.tf("aws_ecr_repository", "  name = \"app\"\n"),
                        T.tf(
                            "aws_ecr_repository", "  encryption_configuration {\n    encryption_type = \"KMS\"\n  }\n"),
                        T.cfn("AWS::ECR::Repository", "      RepositoryName: app\n"),
                    ],
                    passing: [
                        T.tf(
                            "aws_ecr_repository",
                            "  encryption_configuration {\n    encryption_type = \"KMS\"\n    kms_key = \"arn:aws:kms:key\"\n  }\n"
                        ),
                        T.cfn(
                            "AWS::ECR::Repository",
                            "      EncryptionConfiguration:\n        EncryptionType: KMS\n        KmsKey: arn:aws:kms:key\n"
                        ),
                    ])
            ) { repository in
                let failures = Cloud.require(
                    repository["encryptionType"], "Repository is not encrypted using KMS.", at: repository.source.range
                ) { $0.text == "KMS" }
                if !failures.isEmpty { return failures }
                return Cloud.nonEmpty(
                    repository["kmsKeyId"], "Repository encryption does not use a customer managed KMS key.",
                    at: repository.source.range)
            },
            Cloud.check(
                .cloud(
                    "AWS-0066", service: "lambda", kinds: ["aws.lambda.function"], name: "enable-tracing",
                    title: "Lambda functions should have X-Ray tracing enabled",
                    severity: .low,
                    description:
                        "X-Ray tracing records each invocation's path through downstream services, which is what an investigation of unexpected calls needs.",
                    resolution: "Set `mode = \"Active\"` in `tracing_config` (`TracingConfig.Mode: Active`).",
                    references: ["https://docs.aws.amazon.com/lambda/latest/dg/services-xray.html"]),
                examples: CheckExamples(
                    failing: [
                        T.tf("aws_lambda_function", "  function_name = \"f\"\n"),
                        T.cfn("AWS::Lambda::Function", "      Handler: index.handler\n"),
                    ],
                    passing: [
                        T.tf("aws_lambda_function", "  tracing_config {\n    mode = \"Active\"\n  }\n"),
                        T.cfn("AWS::Lambda::Function", "      TracingConfig:\n        Mode: Active\n"),
                    ])
            ) { function in
                Cloud.require(
                    function["tracingMode"], "Function does not have tracing enabled.", at: function.source.range
                ) { $0.text == "Active" }
            },
        ] + AWSLoadBalancerChecks.all
}
