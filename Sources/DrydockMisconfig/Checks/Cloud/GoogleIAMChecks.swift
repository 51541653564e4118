import DrydockModel

/// The built-in Google Cloud IAM checks of role grants at project, folder and organization level (Trivy's
/// `GCP-…` IDs).
enum GoogleIAMChecks {
    typealias T = CloudExampleText
    static let grant = "google.iam.grant"
    static let impersonationURL = "https://cloud.google.com/iam/docs/impersonating-service-accounts"
    static let levels = [
        (level: "project", title: "project", attribute: "project = \"my-project\""),
        (level: "folder", title: "folder", attribute: "folder = \"folders/1234567\""),
        (level: "organization", title: "organization", attribute: "org_id = \"1234567\""),
    ]

    static func member(_ level: String, _ attribute: String, role: String, member: String) -> String {
        T.tf("google_\(level)_iam_member", "  \(attribute)\n  role = \"\(role)\"\n  member = \(member)\n")
    }

    static func binding(_ level: String, _ attribute: String, role: String, members: String) -> String {
        T.tf("google_\(level)_iam_binding", "  \(attribute)\n  role = \"\(role)\"\n  members = [\(members)]\n")
    }

    /// Members of a grant, with unknown ones reported as undecided.
    static func members(_ grant: CloudObject, _ fails: (ConfigNode) -> Bool, _ message: String) -> [CheckFailure] {
        (grant["members"]?.items ?? []).compactMap { member in
            if let origin = member.unknownOrigin {
                if origin.contains("_default_service_account.") {
                    return fails(member) ? CheckFailure(message, at: member) : nil
                }
                return CheckFailure(undecided: "IAM member", origin: origin, range: member.range)
            }
            return fails(member) ? CheckFailure(message, at: member) : nil
        }
    }

    /// A default service account: Compute Engine's or App Engine's, written out or read from the
    /// `google_compute_default_service_account`/`google_app_engine_default_service_account` data sources.
    static func isDefaultServiceAccount(_ member: ConfigNode) -> Bool {
        if let origin = member.unknownOrigin { return origin.contains("_default_service_account.") }
        let text = member.text ?? ""
        return text.hasSuffix("-compute@developer.gserviceaccount.com")
            || text.hasSuffix("@appspot.gserviceaccount.com")
    }

    static let impersonationRoles: Set<String> = [
        "roles/iam.serviceAccountUser", "roles/iam.serviceAccountTokenCreator",
    ]

    static func isPrivileged(_ role: String) -> Bool {
        role == "roles/owner" || role == "roles/editor" || role.lowercased().hasSuffix("admin")
    }

    static func defaultAccountCheck(_ id: String, level: String, title: String, attribute: String) -> Check {
        Cloud.terraformCheck(
            id, "iam", kind: grant,
            name: "no-\(level == "organization" ? "org" : level)-level-default-service-account-assignment",
            title: "Roles should not be assigned to default service accounts", severity: .medium,
            description:
                "Default service accounts should not be used - consider creating specialised service accounts for individual purposes.",
            resolution: "Use specialised service accounts for specific purposes.",
            reference: "https://cloud.google.com/iam/docs/service-account-types#default",
            failing: [
                member(
                    level, attribute, role: "roles/logging.logWriter",
                    member: "\"serviceAccount:123-compute@developer.gserviceaccount.com\""),
                "data \"google_compute_default_service_account\" \"default\" {}\n"
                    + member(
                        level, attribute, role: "roles/logging.logWriter",
                        member: "\"serviceAccount:${data.google_compute_default_service_account.default.email}\""),
                binding(
                    level, attribute, role: "roles/logging.logWriter",
                    members: "\"serviceAccount:my-project@appspot.gserviceaccount.com\""),
            ],
            passing: [
                member(
                    level, attribute, role: "roles/logging.logWriter",
                    member: "\"serviceAccount:app@my-project.iam.gserviceaccount.com\"")
            ]
        ) { object in
            guard object["level"]?.text == level else { return [] }
            return members(
                object, isDefaultServiceAccount, "Role is assigned to a default service account at \(title) level.")
        }
    }

    static func impersonationCheck(_ id: String, level: String, title: String, attribute: String) -> Check {
        let short = level == "organization" ? "org" : level
        return Cloud.terraformCheck(
            id, "iam", kind: grant, name: "no-\(short)-level-service-account-impersonation",
            title: "Users should not be granted service account access at the \(title) level", severity: .medium,
            description:
                "Users with service account access at \(title) level can impersonate any service account. Instead, they should be given access to particular service accounts as required.",
            resolution: "Provide access at the service-level instead of \(title)-level, if required",
            reference: impersonationURL,
            failing: [
                member(level, attribute, role: "roles/iam.serviceAccountUser", member: "\"user:ops@example.com\""),
                binding(
                    level, attribute, role: "roles/iam.serviceAccountTokenCreator", members: "\"group:ops@example.com\""
                ),
            ],
            passing: [
                member(level, attribute, role: "roles/viewer", member: "\"group:ops@example.com\""),
                T.tf(
                    "google_service_account_iam_member",
                    "  service_account_id = \"projects/p/serviceAccounts/app@p.iam.gserviceaccount.com\"\n  role = \"roles/iam.serviceAccountUser\"\n  member = \"user:ops@example.com\"\n"
                ),
            ]
        ) { object in
            guard object["level"]?.text == level else { return [] }
            return Cloud.require(
                object["role"],
                "\(title.prefix(1).uppercased() + title.dropFirst())-level service account access grants the member broad impersonation rights.",
                at: object.source.range, missingPasses: true
            ) { !impersonationRoles.contains($0.text ?? "") }
        }
    }

    static let all: [Check] =
        zip(["GCP-0006", "GCP-0004", "GCP-0008"], levels).map {
            defaultAccountCheck($0, level: $1.level, title: $1.title, attribute: $1.attribute)
        }
        + zip(["GCP-0011", "GCP-0005", "GCP-0009"], levels).map {
            impersonationCheck($0, level: $1.level, title: $1.title, attribute: $1.attribute)
        } + [
            Cloud.terraformCheck(
                "GCP-0007", "iam", kind: grant, name: "no-privileged-service-accounts",
                title: "Service accounts should not have roles assigned with excessive privileges", severity: .high,
                description:
                    "Service accounts should have a minimal set of permissions assigned in order to do their job. They should never have excessive access (the basic `roles/owner` and `roles/editor` roles, or any `…Admin` role) as if compromised, an attacker can escalate privileges and take over the entire account.",
                resolution: "Limit service account access to minimal required set",
                reference: "https://cloud.google.com/iam/docs/understanding-roles",
                failing: [
                    member(
                        "project", "project = \"my-project\"", role: "roles/owner",
                        member: "\"serviceAccount:app@my-project.iam.gserviceaccount.com\""),
                    binding(
                        "folder", "folder = \"folders/1\"", role: "roles/compute.admin",
                        members: "\"serviceAccount:app@my-project.iam.gserviceaccount.com\""),
                ],
                passing: [
                    member(
                        "project", "project = \"my-project\"", role: "roles/logging.logWriter",
                        member: "\"serviceAccount:app@my-project.iam.gserviceaccount.com\""),
                    member(
                        "project", "project = \"my-project\"", role: "roles/owner",
                        member: "\"group:admins@example.com\""),
                ]
            ) { object in
                guard let role = object["role"] else { return [] }
                let accounts = (object["members"]?.items ?? []).filter { ($0.text ?? "").hasPrefix("serviceAccount:") }
                guard !accounts.isEmpty else { return [] }
                if let origin = role.unknownOrigin {
                    return [CheckFailure(undecided: "IAM role", origin: origin, range: role.range)]
                }
                guard isPrivileged(role.text ?? "") else { return [] }
                return accounts.map { CheckFailure("Service account is granted a privileged role.", at: $0) }
            },
            Cloud.terraformCheck(
                "GCP-0003", "iam", kind: grant, name: "no-user-granted-permissions",
                title: "IAM granted directly to user.", severity: .medium,
                description:
                    "Permissions should not be directly granted to users, you identify roles that contain the appropriate permissions, and then grant those roles to the user. Granting permissions to users quickly become unwieldy and complex to make large scale changes to remove access to a particular resource. Permissions should be granted on roles, groups, services accounts instead.",
                resolution: "Roles should be granted permissions and assigned to users",
                reference: "https://cloud.google.com/iam/docs/overview#permissions",
                failing: [
                    member(
                        "project", "project = \"my-project\"", role: "roles/viewer",
                        member: "\"user:alice@example.com\"")
                ],
                passing: [
                    member(
                        "project", "project = \"my-project\"", role: "roles/viewer",
                        member: "\"group:team@example.com\"")
                ]
            ) { object in
                members(object, { ($0.text ?? "").hasPrefix("user:") }, "Permissions are granted directly to a user.")
            },
        ]
}
