/// Trivy's cloud checks that only an account scan can decide, listed in `docs/checks.md` with the reason.
extension CheckDocumentation {
    /// Trivy's IDs Drydock does not run on Terraform or CloudFormation, with what they read.
    static let notApplicableToIaC: [(id: String, name: String, reads: String)] = [
        ("AWS-0140", "limit-root-account-usage", "when the root user last signed in (IAM credential report)"),
        (
            "AWS-0141", "no-root-access-keys",
            "the root user's access keys (credential report); the root user is not an IAM user, so Terraform and CloudFormation cannot create keys for it — Trivy's Terraform example treats an IAM user *named* `root` as the root account"
        ),
        ("AWS-0142", "enforce-root-mfa", "the root user's MFA devices (credential report)"),
        ("AWS-0144", "disable-unused-credentials", "when passwords and access keys were last used (90 days)"),
        (
            "AWS-0145", "enforce-user-mfa",
            "whether a user signs in with a password and has an MFA device (credential report)"
        ),
        ("AWS-0146", "rotate-access-keys", "when each access key was created"),
        ("AWS-0165", "enforce-root-hardware-mfa", "whether the root user's MFA device is a hardware one"),
        ("AWS-0166", "disable-unused-credentials-45-days", "when passwords and access keys were last used (45 days)"),
        (
            "AWS-0168", "remove-expired-certificates",
            "the `Expiration` the IAM API reports for server certificates; IaC holds only the PEM body (often `file(…)`), from which Drydock does not read dates yet"
        ),
        (
            "AWS-0169", "require-support-role",
            "whether any role in the account has `AWSSupportAccess` (deprecated in Trivy)"
        ),
    ]

    static func notApplicableToIaCSection() -> String {
        var out = """
            ## Not applicable to IaC

            These AWS IAM checks of Trivy read what only a scan of a live account sees (the IAM credential report,
            sign-in and key-use times, MFA devices). Terraform and CloudFormation do not determine them, so Drydock
            does not run them on files rather than guess.

            | ID | Name | What it reads |
            |---|---|---|

            """
        for entry in notApplicableToIaC {
            out += "| \(entry.id) | `\(entry.name)` | \(entry.reads) |\n"
        }
        return out
    }
}
