/// Google Cloud subnetworks, SSL policies, projects with their audit configuration, and workload identity pool
/// providers of Terraform's `google` provider in the common model.
enum GoogleProjectTerraform {
    static let auditConfig = "google_project_iam_audit_config"

    static func objects(_ context: TerraformAdapterContext) -> [CloudObject] {
        var objects: [CloudObject] = []
        for subnetwork in context.of("google_compute_subnetwork") {
            let a = subnetwork.attributes
            var fields = CloudFields(range: subnetwork.range)
            fields.set("purpose", a["purpose"])
            if let log = a.block("log_config") { fields.set("flowLogs", value: .bool(true), range: log.range) }
            fields.set("privateGoogleAccess", a["private_ip_google_access"])
            objects.append(context.object("google.compute.subnetwork", subnetwork, fields))
        }
        for policy in context.of("google_compute_ssl_policy") {
            var fields = CloudFields(range: policy.range)
            fields.set("minTlsVersion", policy.attributes["min_tls_version"])
            objects.append(context.object("google.compute.sslpolicy", policy, fields))
        }
        for project in context.of("google_project") {
            var fields = CloudFields(range: project.range)
            fields.set("autoCreateNetwork", project.attributes["auto_create_network"])
            let audits = context.linked(
                to: project, from: [auditConfig], attribute: "project", nameAttribute: "project_id")
            fields.set("auditConfigs", value: .int(audits.count), range: project.range)
            objects.append(context.object("google.project", project, fields))
        }
        for audit in context.of(auditConfig) {
            var fields = CloudFields(range: audit.range)
            fields.set("service", audit.attributes["service"])
            fields.set(
                "logTypes",
                ConfigNode(
                    .sequence(audit.attributes.blocks("audit_log_config").compactMap { $0["log_type"] }),
                    range: audit.range))
            objects.append(context.object("google.iam.auditconfig", audit, fields))
        }
        for provider in context.of("google_iam_workload_identity_pool_provider") {
            var fields = CloudFields(range: provider.range)
            fields.set("attributeCondition", provider.attributes["attribute_condition"])
            objects.append(context.object("google.iam.workloadidentityprovider", provider, fields))
        }
        return objects
    }
}
