/// RDS, EKS, ECR, CloudTrail, KMS, Lambda and ELB resources of CloudFormation in the common model.
enum CloudFormationServices {
    typealias Make = (String, CloudFormationTemplate.Resource, CloudFields) -> CloudObject

    static func objects(
        _ resource: CloudFormationTemplate.Resource, resources: [CloudFormationTemplate.Resource], object: Make
    ) -> [CloudObject] {
        let p = resource.properties
        var fields = CloudFields(range: resource.range)
        switch resource.type {
        case "AWS::RDS::DBInstance":
            fields.set("publicAccess", p["PubliclyAccessible"])
            fields.set("storageEncrypted", p["StorageEncrypted"])
            fields.set("kmsKeyId", p["KmsKeyId"])
            fields.set("backupRetention", p["BackupRetentionPeriod"] ?? ConfigNode(.int(1), range: resource.range))
            fields.set("replicationSource", p["SourceDBInstanceIdentifier"])
            fields.set("engine", p["Engine"])
            fields.set("iamAuth", p["EnableIAMDatabaseAuthentication"])
            fields.set("deletionProtection", p["DeletionProtection"])
            fields.set("performanceInsights", p["EnablePerformanceInsights"])
            fields.set("performanceInsightsKmsKeyId", p["PerformanceInsightsKMSKeyId"])
            if p["DBClusterIdentifier"] != nil { fields.set("clusterInstance", value: .bool(true)) }
            return [object("aws.rds.instance", resource, fields)]
        case "AWS::RDS::DBCluster":
            fields.set("storageEncrypted", p["StorageEncrypted"])
            fields.set("kmsKeyId", p["KmsKeyId"])
            fields.set("backupRetention", p["BackupRetentionPeriod"] ?? ConfigNode(.int(1), range: resource.range))
            fields.set("replicationSource", p["ReplicationSourceIdentifier"])
            fields.set("deletionProtection", p["DeletionProtection"])
            return [object("aws.rds.cluster", resource, fields)]
        case "AWS::EKS::Cluster":
            let types = p["Logging", "ClusterLogging", "EnabledTypes"]
            var logging = CloudFields(range: types?.range ?? resource.range)
            if let types {
                let enabled = Set(types.listItems.compactMap { $0["Type"]?.text })
                for name in ["api", "audit", "authenticator", "controllerManager", "scheduler"] {
                    logging.set(name, value: .bool(enabled.contains(name)), range: types.range)
                }
            }
            fields.set("logging", fields: logging)
            if let encryption = p["EncryptionConfig"]?.listItems.first {
                var model = CloudFields(range: encryption.range)
                model.set(
                    "secrets",
                    value: .bool(encryption["Resources"]?.listItems.contains { $0.text == "secrets" } ?? false),
                    range: encryption.range)
                model.set("kmsKeyId", encryption["Provider", "KeyArn"])
                fields.set("encryption", fields: model)
            }
            let vpc = p["ResourcesVpcConfig"]
            fields.set(
                "publicAccessEnabled",
                vpc?["EndpointPublicAccess"] ?? ConfigNode(.bool(true), range: vpc?.range ?? resource.range))
            fields.set(
                "publicAccessCidrs",
                vpc?["PublicAccessCidrs"]
                    ?? ConfigNode(
                        .sequence([ConfigNode(.string("0.0.0.0/0"), range: vpc?.range ?? resource.range)]),
                        range: vpc?.range ?? resource.range))
            return [object("aws.eks.cluster", resource, fields)]
        case "AWS::ECR::Repository":
            fields.set("scanOnPush", p["ImageScanningConfiguration", "ScanOnPush"])
            if let mutability = p["ImageTagMutability"] {
                fields.set(
                    "immutableTags",
                    mutability.unknownOrigin != nil
                        ? mutability
                        : ConfigNode(.bool((mutability.text ?? "").hasPrefix("IMMUTABLE")), range: mutability.range))
            }
            fields.set("encryptionType", p["EncryptionConfiguration", "EncryptionType"])
            fields.set("kmsKeyId", p["EncryptionConfiguration", "KmsKey"])
            fields.set(
                "policies",
                ConfigNode(
                    .sequence(p["RepositoryPolicyText"].map { [PolicyDocuments.document($0)] } ?? []),
                    range: resource.range))
            return [object("aws.ecr.repository", resource, fields)]
        case "AWS::CloudTrail::Trail":
            fields.set("multiRegion", p["IsMultiRegionTrail"])
            fields.set("logValidation", p["EnableLogFileValidation"])
            fields.set("kmsKeyId", p["KMSKeyId"])
            fields.set("cloudWatchLogGroup", p["CloudWatchLogsLogGroupArn"])
            fields.set("bucketRef", p["S3BucketName"])
            let selectors = (p["EventSelectors"]?.listItems ?? []).map { selector in
                var model = CloudFields(range: selector.range)
                model.set("readWriteType", selector["ReadWriteType"])
                model.set(
                    "dataResources",
                    ConfigNode(
                        .sequence(
                            (selector["DataResources"]?.listItems ?? []).map { resource in
                                var data = CloudFields(range: resource.range)
                                data.set("type", resource["Type"])
                                data.set("values", resource["Values"])
                                return data.node
                            }), range: selector.range))
                return model.node
            }
            fields.set("eventSelectors", ConfigNode(.sequence(selectors), range: resource.range))
            return [object("aws.cloudtrail.trail", resource, fields)]
        case "AWS::Lambda::Permission":
            fields.set("principal", p["Principal"])
            fields.set("sourceArn", p["SourceArn"])
            return [object("aws.lambda.permission", resource, fields)]
        case "AWS::KMS::Key":
            fields.set("usage", p["KeyUsage"])
            fields.set("rotationEnabled", p["EnableKeyRotation"])
            return [object("aws.kms.key", resource, fields)]
        case "AWS::Lambda::Function", "AWS::Serverless::Function":
            fields.set("tracingMode", p["TracingConfig", "Mode"] ?? p["Tracing"])
            return [object("aws.lambda.function", resource, fields)]
        case "AWS::ElasticLoadBalancingV2::LoadBalancer":
            fields.set("type", p["Type"] ?? ConfigNode(.string("application"), range: resource.range))
            if let scheme = p["Scheme"] {
                fields.set(
                    "internal",
                    scheme.unknownOrigin != nil
                        ? scheme : ConfigNode(.bool(scheme.text == "internal"), range: scheme.range))
            }
            if let attribute = p["LoadBalancerAttributes"]?.listItems.first(where: {
                $0["Key"]?.text == "routing.http.drop_invalid_header_fields.enabled"
            }) {
                fields.set("dropInvalidHeaders", attribute["Value"])
            }
            let listeners = resources.filter {
                $0.type == "AWS::ElasticLoadBalancingV2::Listener"
                    && $0.properties["LoadBalancerArn"]?.string == resource.logicalID
            }
            fields.set(
                "listeners",
                ConfigNode(
                    .sequence(
                        listeners.map { listener in
                            var model = CloudFields(range: listener.range)
                            model.set(
                                "protocol",
                                listener.properties["Protocol"] ?? ConfigNode(.string("HTTP"), range: listener.range))
                            model.set("tlsPolicy", listener.properties["SslPolicy"])
                            model.set(
                                "redirects",
                                value: .bool(
                                    listener.properties["DefaultActions"]?.listItems.contains {
                                        $0["Type"]?.text == "redirect"
                                    } ?? false),
                                range: listener.range)
                            return model.node
                        }), range: resource.range))
            return [object("aws.elb.loadbalancer", resource, fields)]
        default:
            return []
        }
    }
}
