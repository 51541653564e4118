/// The Terraform and CloudFormation resource types the adapters read into each kind of the common model, the
/// main type first, then companions folded into it. `docs/checks.md` shows these rather than the model's kinds;
/// a test keeps the table in step with the checks' examples.
public enum CloudResourceTypes {
    /// Terraform resource types and CloudFormation types read into `kind`.
    public static let byKind: [String: (terraform: [String], cloudFormation: [String])] = [
        "aws.s3.bucket": (
            [
                "aws_s3_bucket", "aws_s3_bucket_acl", "aws_s3_bucket_public_access_block",
                "aws_s3_bucket_server_side_encryption_configuration", "aws_s3_bucket_versioning",
                "aws_s3_bucket_logging",
            ], ["AWS::S3::Bucket"]
        ),
        "aws.iam.policy": (
            [
                "aws_iam_policy", "aws_iam_role_policy", "aws_iam_user_policy", "aws_iam_group_policy", "aws_iam_role",
                "data.aws_iam_policy_document",
            ], ["AWS::IAM::Policy", "AWS::IAM::ManagedPolicy", "AWS::IAM::Role", "AWS::IAM::User", "AWS::IAM::Group"]
        ),
        "aws.iam.passwordpolicy": (["aws_iam_account_password_policy"], []),
        "aws.iam.group": (
            [
                "aws_iam_group", "aws_iam_group_policy", "aws_iam_group_policy_attachment", "aws_iam_policy_attachment",
                "aws_iam_policy",
            ], ["AWS::IAM::Group", "AWS::IAM::Policy", "AWS::IAM::ManagedPolicy"]
        ),
        "aws.iam.user": (
            [
                "aws_iam_user", "aws_iam_user_policy", "aws_iam_user_policy_attachment", "aws_iam_policy_attachment",
                "aws_iam_access_key",
            ], ["AWS::IAM::User", "AWS::IAM::Policy", "AWS::IAM::ManagedPolicy", "AWS::IAM::AccessKey"]
        ),
        "aws.ec2.securitygroup": (
            [
                "aws_security_group", "aws_default_security_group", "aws_security_group_rule",
                "aws_vpc_security_group_ingress_rule", "aws_vpc_security_group_egress_rule",
            ], ["AWS::EC2::SecurityGroup"]
        ),
        "aws.ec2.instance": (
            ["aws_instance", "aws_launch_template"], ["AWS::EC2::Instance", "AWS::EC2::LaunchTemplate"]
        ),
        "aws.ec2.volume": (["aws_ebs_volume"], ["AWS::EC2::Volume"]),
        "aws.ec2.launchconfiguration": (["aws_launch_configuration"], ["AWS::AutoScaling::LaunchConfiguration"]),
        "aws.ec2.launchtemplate": (["aws_launch_template"], ["AWS::EC2::LaunchTemplate"]),
        "aws.ec2.vpc": (["aws_vpc", "aws_default_vpc", "aws_flow_log"], ["AWS::EC2::VPC", "AWS::EC2::FlowLog"]),
        "aws.ec2.networkacl": (
            ["aws_network_acl", "aws_default_network_acl", "aws_network_acl_rule"],
            ["AWS::EC2::NetworkAcl", "AWS::EC2::NetworkAclEntry"]
        ),
        "aws.ec2.ami": (["data.aws_ami"], []),
        "aws.ec2.subnet": (["aws_subnet"], ["AWS::EC2::Subnet"]),
        "aws.rds.instance": (["aws_db_instance", "aws_rds_cluster_instance"], ["AWS::RDS::DBInstance"]),
        "aws.rds.cluster": (["aws_rds_cluster"], ["AWS::RDS::DBCluster"]),
        "aws.eks.cluster": (["aws_eks_cluster"], ["AWS::EKS::Cluster"]),
        "aws.ecr.repository": (["aws_ecr_repository", "aws_ecr_repository_policy"], ["AWS::ECR::Repository"]),
        "aws.cloudtrail.trail": (["aws_cloudtrail"], ["AWS::CloudTrail::Trail"]),
        "aws.cloudtrail.bucket": (
            [
                "aws_cloudtrail", "aws_s3_bucket", "aws_s3_bucket_acl", "aws_s3_bucket_public_access_block",
                "aws_s3_bucket_logging",
            ],
            ["AWS::CloudTrail::Trail", "AWS::S3::Bucket"]
        ),
        "aws.s3.dataevents": (["aws_s3_bucket", "aws_cloudtrail"], ["AWS::S3::Bucket", "AWS::CloudTrail::Trail"]),
        "aws.lambda.permission": (["aws_lambda_permission"], ["AWS::Lambda::Permission"]),
        "aws.kms.key": (["aws_kms_key"], ["AWS::KMS::Key"]),
        "aws.lambda.function": (["aws_lambda_function"], ["AWS::Lambda::Function", "AWS::Serverless::Function"]),
        "aws.elb.loadbalancer": (
            ["aws_lb", "aws_alb", "aws_lb_listener", "aws_alb_listener"],
            ["AWS::ElasticLoadBalancingV2::LoadBalancer", "AWS::ElasticLoadBalancingV2::Listener"]
        ),
        "google.storage.bucket": (
            ["google_storage_bucket", "google_storage_bucket_iam_member", "google_storage_bucket_iam_binding"], []
        ),
        "google.sql.instance": (["google_sql_database_instance"], []),
        "google.gke.cluster": (["google_container_cluster"], []),
        "google.gke.nodepool": (["google_container_node_pool"], []),
        "google.compute.firewall": (["google_compute_firewall"], []),
        "google.compute.instance": (["google_compute_instance", "google_compute_instance_template"], []),
        "google.compute.subnetwork": (["google_compute_subnetwork"], []),
        "google.compute.sslpolicy": (["google_compute_ssl_policy"], []),
        "google.project": (["google_project", "google_project_iam_audit_config"], []),
        "google.iam.auditconfig": (["google_project_iam_audit_config"], []),
        "google.iam.workloadidentityprovider": (["google_iam_workload_identity_pool_provider"], []),
        "google.compute.disk": (["google_compute_disk", "google_compute_region_disk"], []),
        "google.compute.projectmetadata": (
            ["google_compute_project_metadata", "google_compute_project_metadata_item"], []
        ),
        "google.iam.grant": (
            [
                "google_project_iam_member", "google_project_iam_binding", "google_folder_iam_member",
                "google_folder_iam_binding", "google_organization_iam_member", "google_organization_iam_binding",
            ], []
        ),
        "azure.storage.networkrules": (["azurerm_storage_account_network_rules"], []),
        "azure.storage.account": (
            [
                "azurerm_storage_account", "azurerm_storage_account_network_rules", "azurerm_storage_container",
                "azurerm_storage_queue", "azurerm_storage_account_customer_managed_key",
            ], []
        ),
        "azure.storage.container": (["azurerm_storage_container"], []),
        "azure.network.securitygroup": (["azurerm_network_security_group", "azurerm_network_security_rule"], []),
        "azure.network.flowlog": (["azurerm_network_watcher_flow_log"], []),
        "azure.network.interface": (["azurerm_network_interface"], []),
        "azure.keyvault.vault": (["azurerm_key_vault"], []),
        "azure.keyvault.key": (["azurerm_key_vault_key"], []),
        "azure.keyvault.secret": (["azurerm_key_vault_secret"], []),
        "azure.container.cluster": (["azurerm_kubernetes_cluster"], []),
        "azure.database.server": (
            AzureDatabaseTerraform.sqlServers + AzureDatabaseTerraform.singleServers
                + AzureDatabaseTerraform.flexibleServers
                + AzureDatabaseTerraform.firewallRules.values.flatMap(\.types).sorted()
                + [
                    "azurerm_mssql_server_extended_auditing_policy", "azurerm_mssql_database",
                    "azurerm_mssql_database_extended_auditing_policy", "azurerm_mssql_server_security_alert_policy",
                    "azurerm_postgresql_configuration", "azurerm_mysql_configuration", "azurerm_mariadb_configuration",
                    "azurerm_postgresql_flexible_server_configuration", "azurerm_mysql_flexible_server_configuration",
                ], []
        ),
    ]

    /// The types of `kinds`, each list in table order without repeats.
    public static func types(of kinds: Set<String>) -> (terraform: [String], cloudFormation: [String]) {
        var terraform: [String] = []
        var cloudFormation: [String] = []
        for kind in kinds.sorted() {
            guard let entry = byKind[kind] else { continue }
            terraform += entry.terraform.filter { !terraform.contains($0) }
            cloudFormation += entry.cloudFormation.filter { !cloudFormation.contains($0) }
        }
        return (terraform, cloudFormation)
    }
}
