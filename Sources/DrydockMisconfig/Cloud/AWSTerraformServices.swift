/// RDS, EKS, ECR, CloudTrail, KMS, Lambda and ELB resources of Terraform's `aws` provider in the common model.
enum AWSTerraformServices {
    static func objects(_ context: TerraformAdapterContext) -> [CloudObject] {
        rds(context) + containers(context) + logsAndKeys(context) + loadBalancers(context)
    }

    static func rds(_ context: TerraformAdapterContext) -> [CloudObject] {
        var objects: [CloudObject] = []
        for instance in context.of("aws_db_instance") {
            let a = instance.attributes
            var fields = CloudFields(range: instance.range)
            fields.set("publicAccess", a["publicly_accessible"])
            fields.set("storageEncrypted", a["storage_encrypted"])
            fields.set("kmsKeyId", a["kms_key_id"])
            fields.set("backupRetention", a["backup_retention_period"])
            fields.set("replicationSource", a["replicate_source_db"])
            fields.set("engine", a["engine"])
            fields.set("iamAuth", a["iam_database_authentication_enabled"])
            fields.set("deletionProtection", a["deletion_protection"])
            fields.set("performanceInsights", a["performance_insights_enabled"])
            fields.set("performanceInsightsKmsKeyId", a["performance_insights_kms_key_id"])
            objects.append(context.object("aws.rds.instance", instance, fields))
        }
        for instance in context.of("aws_rds_cluster_instance") {
            var fields = CloudFields(range: instance.range)
            fields.set("publicAccess", instance.attributes["publicly_accessible"])
            fields.set("clusterInstance", value: .bool(true), range: instance.range)
            fields.set("performanceInsights", instance.attributes["performance_insights_enabled"])
            fields.set("performanceInsightsKmsKeyId", instance.attributes["performance_insights_kms_key_id"])
            objects.append(context.object("aws.rds.instance", instance, fields))
        }
        for cluster in context.of("aws_rds_cluster") {
            let a = cluster.attributes
            var fields = CloudFields(range: cluster.range)
            fields.set("storageEncrypted", a["storage_encrypted"])
            fields.set("kmsKeyId", a["kms_key_id"])
            fields.set("backupRetention", a["backup_retention_period"] ?? ConfigNode(.int(1), range: cluster.range))
            fields.set("replicationSource", a["replication_source_identifier"])
            fields.set("deletionProtection", a["deletion_protection"])
            objects.append(context.object("aws.rds.cluster", cluster, fields))
        }
        return objects
    }

    static func containers(_ context: TerraformAdapterContext) -> [CloudObject] {
        var objects: [CloudObject] = []
        for cluster in context.of("aws_eks_cluster") {
            let a = cluster.attributes
            var fields = CloudFields(range: cluster.range)
            var logging = CloudFields(range: a["enabled_cluster_log_types"]?.range ?? cluster.range)
            if let types = a["enabled_cluster_log_types"] {
                if types.unknownOrigin != nil {
                    for name in ["api", "audit", "authenticator", "controllerManager", "scheduler"] {
                        logging.set(name, types)
                    }
                } else {
                    let enabled = Set(types.listItems.compactMap(\.text))
                    for (name, type) in [
                        ("api", "api"), ("audit", "audit"), ("authenticator", "authenticator"),
                        ("controllerManager", "controllerManager"), ("scheduler", "scheduler"),
                    ] {
                        logging.set(name, value: .bool(enabled.contains(type)), range: types.range)
                    }
                }
            }
            fields.set("logging", fields: logging)
            if let encryption = a.block("encryption_config") {
                var model = CloudFields(range: encryption.range)
                if let resources = encryption["resources"] {
                    model.set(
                        "secrets",
                        resources.unknownOrigin != nil
                            ? resources
                            : ConfigNode(
                                .bool(resources.listItems.contains { $0.text == "secrets" }), range: resources.range))
                }
                model.set("kmsKeyId", encryption.block("provider")?["key_arn"])
                fields.set("encryption", fields: model)
            }
            let vpc = a.block("vpc_config")
            fields.set(
                "publicAccessEnabled",
                vpc?["endpoint_public_access"] ?? ConfigNode(.bool(true), range: vpc?.range ?? cluster.range))
            fields.set(
                "publicAccessCidrs",
                vpc?["public_access_cidrs"]
                    ?? ConfigNode(
                        .sequence([ConfigNode(.string("0.0.0.0/0"), range: vpc?.range ?? cluster.range)]),
                        range: vpc?.range ?? cluster.range))
            objects.append(context.object("aws.eks.cluster", cluster, fields))
        }
        for repository in context.of("aws_ecr_repository") {
            let a = repository.attributes
            var fields = CloudFields(range: repository.range)
            fields.set("scanOnPush", a.block("image_scanning_configuration")?["scan_on_push"])
            if let mutability = a["image_tag_mutability"] {
                fields.set(
                    "immutableTags",
                    mutability.unknownOrigin != nil
                        ? mutability
                        : ConfigNode(.bool((mutability.text ?? "").hasPrefix("IMMUTABLE")), range: mutability.range))
            }
            fields.set("encryptionType", a.block("encryption_configuration")?["encryption_type"])
            fields.set("kmsKeyId", a.block("encryption_configuration")?["kms_key"])
            let policies = context.linked(
                to: repository, from: ["aws_ecr_repository_policy"], attribute: "repository", nameAttribute: "name")
            fields.set(
                "policies",
                ConfigNode(
                    .sequence(policies.compactMap { context.policyDocument($0.attributes["policy"]) }),
                    range: repository.range))
            objects.append(context.object("aws.ecr.repository", repository, fields))
        }
        return objects
    }

    static func logsAndKeys(_ context: TerraformAdapterContext) -> [CloudObject] {
        var objects: [CloudObject] = []
        for trail in context.of("aws_cloudtrail") {
            var fields = CloudFields(range: trail.range)
            fields.set("multiRegion", trail.attributes["is_multi_region_trail"])
            fields.set("logValidation", trail.attributes["enable_log_file_validation"])
            fields.set("kmsKeyId", trail.attributes["kms_key_id"])
            fields.set("cloudWatchLogGroup", trail.attributes["cloud_watch_logs_group_arn"])
            let bucketName = trail.attributes["s3_bucket_name"]
            let bucket = context.of("aws_s3_bucket").first {
                $0.modulePath == trail.modulePath && $0.isReferenced(by: bucketName, nameAttribute: "bucket")
            }
            fields.set(
                "bucketRef",
                bucket.map { ConfigNode(.string($0.address), range: bucketName?.range ?? trail.range) } ?? bucketName)
            let selectors = trail.attributes.blocks("event_selector").map { selector in
                var model = CloudFields(range: selector.range)
                model.set("readWriteType", selector["read_write_type"])
                model.set(
                    "dataResources",
                    ConfigNode(
                        .sequence(
                            selector.blocks("data_resource").map { resource in
                                var data = CloudFields(range: resource.range)
                                data.set("type", resource["type"])
                                data.set("values", resource["values"])
                                return data.node
                            }), range: selector.range))
                return model.node
            }
            fields.set("eventSelectors", ConfigNode(.sequence(selectors), range: trail.range))
            objects.append(context.object("aws.cloudtrail.trail", trail, fields))
        }
        for key in context.of("aws_kms_key") {
            var fields = CloudFields(range: key.range)
            fields.set("usage", key.attributes["key_usage"])
            fields.set("rotationEnabled", key.attributes["enable_key_rotation"])
            objects.append(context.object("aws.kms.key", key, fields))
        }
        for function in context.of("aws_lambda_function") {
            var fields = CloudFields(range: function.range)
            fields.set("tracingMode", function.attributes.block("tracing_config")?["mode"])
            objects.append(context.object("aws.lambda.function", function, fields))
        }
        for permission in context.of("aws_lambda_permission") {
            var fields = CloudFields(range: permission.range)
            fields.set("principal", permission.attributes["principal"])
            fields.set("sourceArn", permission.attributes["source_arn"])
            objects.append(context.object("aws.lambda.permission", permission, fields))
        }
        return objects
    }

    static func loadBalancers(_ context: TerraformAdapterContext) -> [CloudObject] {
        context.of("aws_lb", "aws_alb").map { balancer in
            let a = balancer.attributes
            var fields = CloudFields(range: balancer.range)
            fields.set("type", a["load_balancer_type"] ?? ConfigNode(.string("application"), range: balancer.range))
            fields.set("internal", a["internal"])
            fields.set("dropInvalidHeaders", a["drop_invalid_header_fields"])
            let listeners = context.linked(
                to: balancer, from: ["aws_lb_listener", "aws_alb_listener"], attribute: "load_balancer_arn")
            fields.set(
                "listeners",
                ConfigNode(
                    .sequence(
                        listeners.map { listener in
                            var model = CloudFields(range: listener.range)
                            model.set(
                                "protocol",
                                listener.attributes["protocol"] ?? ConfigNode(.string("HTTP"), range: listener.range))
                            model.set("tlsPolicy", listener.attributes["ssl_policy"])
                            model.set(
                                "redirects",
                                value: .bool(
                                    listener.attributes.blocks("default_action").contains {
                                        $0["type"]?.text == "redirect"
                                    }),
                                range: listener.range)
                            return model.node
                        }), range: balancer.range))
            return context.object("aws.elb.loadbalancer", balancer, fields)
        }
    }
}
