import DrydockModel

/// Google Cloud project and identity checks: the default network, audit logging, workload identity
/// federation conditions and personal accounts in IAM grants (Trivy's `GCP-0010`, `0068`, `0069`, `0079`).
enum GoogleProjectChecks {
    typealias T = CloudExampleText

    static let project = T.tf(
        "google_project", "  name = \"My Project\"\n  project_id = \"my-project\"\n", name: "main")

    static func audit(_ service: String, _ types: [String]) -> String {
        let blocks = types.map { "  audit_log_config {\n    log_type = \"\($0)\"\n  }\n" }.joined()
        return T.tf(
            GoogleProjectTerraform.auditConfig,
            "  project = google_project.main.project_id\n  service = \"\(service)\"\n" + blocks)
    }

    static let allTypes = ["ADMIN_READ", "DATA_READ", "DATA_WRITE"]

    static let personalDomains: Set<String> = [
        "gmail.com", "yahoo.com", "hotmail.com", "outlook.com", "aol.com", "icloud.com", "protonmail.com", "mail.com",
        "zoho.com",
    ]

    static let all: [Check] = [
        Cloud.terraformCheck(
            "GCP-0010", "iam", kind: "google.project", name: "no-default-network",
            title: "Default network should not be created at project level", severity: .high,
            description:
                "A new project gets a `default` network with firewall rules that allow SSH, RDP and ICMP from anywhere and all internal traffic, unless `auto_create_network = false`.",
            resolution: "Set `auto_create_network = false` and create networks with deliberate rules.",
            reference: "https://cloud.google.com/vpc/docs/vpc#default-network",
            failing: [project, T.tf("google_project", "  name = \"p\"\n  auto_create_network = true\n")],
            passing: [T.tf("google_project", "  name = \"p\"\n  auto_create_network = false\n")]
        ) { project in
            Cloud.isFalse(
                project["autoCreateNetwork"], "Project has automatic network creation enabled.",
                at: project.source.range, missingValue: true)
        },
        Cloud.check(
            .cloud(
                "GCP-0079", service: "iam", kinds: ["google.project", "google.iam.auditconfig"],
                name: "configure-audit-logging", title: "IAM Audit Not Properly Configured", severity: .low,
                description:
                    "Cloud Audit Logs for every service (`allServices`) and every log type (`ADMIN_READ`, `DATA_READ`, `DATA_WRITE`) record who read and changed what; data access logs are off unless configured.",
                resolution:
                    "Add a `google_project_iam_audit_config` with `service = \"allServices\"` and an `audit_log_config` for each log type.",
                references: ["https://cloud.google.com/logging/docs/audit"], cloudFormation: false),
            examples: CheckExamples(
                failing: [
                    project, project + audit("allServices", ["ADMIN_READ"]), audit("storage.googleapis.com", allTypes),
                ],
                passing: [project + audit("allServices", allTypes)])
        ) { object in
            if object.kind == "google.project" {
                return (object["auditConfigs"]?.int ?? 0) > 0
                    ? []
                    : [
                        CheckFailure(
                            "Project should have audit logging configured for security compliance.",
                            range: object.source.range)
                    ]
            }
            var failures = Cloud.require(
                object["service"],
                "Audit configuration should use 'allServices' to ensure comprehensive coverage across all Google Cloud services.",
                at: object.source.range
            ) { $0.text == "allServices" }
            let types = object["logTypes"]?.items ?? []
            if let origin = types.compactMap(\.unknownOrigin).first {
                failures.append(CheckFailure(undecided: "Audit log types", origin: origin, range: object.source.range))
                return failures
            }
            let missing = allTypes.filter { type in !types.contains { $0.text == type } }
            if !missing.isEmpty {
                failures.append(
                    CheckFailure(
                        "Audit configuration is missing required log types: \(missing.joined(separator: ", "))",
                        range: object.source.range))
            }
            return failures
        },
        Cloud.terraformCheck(
            "GCP-0068", "iam", kind: "google.iam.workloadidentityprovider",
            name: "no-conditions-workload-identity-pool-provider",
            title: "A configuration for an external workload identity pool provider should have conditions set",
            severity: .high,
            description:
                "A provider for an external identity (GitHub Actions, GitLab) without an `attribute_condition` accepts tokens of every repository of that issuer, so anyone's workflow can act as the bound service accounts.",
            resolution:
                "Set `attribute_condition`, for example to the repository owner: `assertion.repository_owner == \"my-org\"`.",
            reference: "https://cloud.google.com/iam/docs/workload-identity-federation-with-deployment-pipelines",
            failing: [
                T.tf(
                    "google_iam_workload_identity_pool_provider",
                    "  workload_identity_pool_id = \"pool\"\n  workload_identity_pool_provider_id = \"github\"\n  oidc {\n    issuer_uri = \"https://token.actions.githubusercontent.com\"\n  }\n"
                )
            ],
            passing: [
                T.tf(
                    "google_iam_workload_identity_pool_provider",
                    "  workload_identity_pool_id = \"pool\"\n  workload_identity_pool_provider_id = \"github\"\n  attribute_condition = \"assertion.repository_owner == 'my-org'\"\n  oidc {\n    issuer_uri = \"https://token.actions.githubusercontent.com\"\n  }\n"
                )
            ]
        ) { provider in
            Cloud.nonEmpty(
                provider["attributeCondition"],
                "This workload identity pool provider configuration has no conditions set.",
                at: provider.source.range)
        },
        Cloud.terraformCheck(
            "GCP-0069", "iam", kind: GoogleIAMChecks.grant, name: "no-personal-emails",
            title: "Not Proper Email Account In Use", severity: .low,
            description:
                "IAM members should be accounts the organisation controls; a personal address (`user:someone@gmail.com`) stays with the person when they leave and escapes the organisation's policies.",
            resolution: "Grant roles to accounts of the organisation's domain, or to groups.",
            reference: "https://cloud.google.com/iam/docs/best-practices-for-managing-access",
            failing: [
                GoogleIAMChecks.member(
                    "project", "project = \"my-project\"", role: "roles/viewer", member: "\"user:someone@gmail.com\"")
            ],
            passing: [
                GoogleIAMChecks.member(
                    "project", "project = \"my-project\"", role: "roles/viewer", member: "\"user:someone@example.com\"")
            ]
        ) { grant in
            (grant["members"]?.items ?? []).compactMap { member in
                guard let text = member.text, text.hasPrefix("user:"),
                    let domain = text.split(separator: "@").last.map({ String($0).lowercased() }),
                    personalDomains.contains(domain)
                else { return nil }
                return CheckFailure("IAM member \"\(text)\" uses a public or personal email domain.", at: member)
            }
        },
    ]
}
