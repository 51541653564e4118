import DrydockModel

/// Built-in checks of the AWS account password policy (`aws_iam_account_password_policy`; CloudFormation has
/// no resource for it).
extension AWSChecks {
    static let passwordPolicyURL =
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords_account-policy.html#password-policy-details"

    static func passwordPolicy(_ lines: String) -> String {
        CloudExampleText.tf("aws_iam_account_password_policy", lines, name: "strict")
    }

    /// A password policy check: `failing` and `passing` are the policy's attribute lines.
    static func passwordCheck(
        _ id: String, name: String, title: String, description: String, resolution: String, failing: [String],
        passing: [String], _ body: @escaping @Sendable (CloudObject) -> [CheckFailure]
    ) -> Check {
        Cloud.check(
            .cloud(
                id, service: "iam", kinds: ["aws.iam.passwordpolicy"], name: name, title: title, severity: .medium,
                description: description, resolution: resolution, references: [passwordPolicyURL],
                cloudFormation: false),
            examples: CheckExamples(failing: failing.map(passwordPolicy), passing: passing.map(passwordPolicy)), body)
    }

    /// A check that the policy requires one class of characters.
    static func requires(
        _ id: String, _ name: String, _ what: String, attribute: String, field: String, message: String
    )
        -> Check
    {
        passwordCheck(
            id, name: name,
            title: "IAM Password policy should have requirement for at least one \(what).",
            description:
                "IAM account password policies should ensure that passwords content including at least one \(what).",
            resolution: "Set `\(attribute) = true`.",
            failing: ["  minimum_password_length = 14\n", "  \(attribute) = false\n"],
            passing: ["  \(attribute) = true\n"]
        ) { policy in
            Cloud.isTrue(policy[field], message, at: policy.source.range)
        }
    }

    static let passwordPolicies: [Check] = [
        requires(
            "AWS-0058", "require-lowercase-in-passwords", "lowercase character",
            attribute: "require_lowercase_characters",
            field: "requireLowercase", message: "Password policy does not require lowercase characters"),
        requires(
            "AWS-0061", "require-uppercase-in-passwords", "uppercase character",
            attribute: "require_uppercase_characters",
            field: "requireUppercase", message: "Password policy does not require uppercase characters."),
        requires(
            "AWS-0059", "require-numbers-in-passwords", "number in the password", attribute: "require_numbers",
            field: "requireNumbers", message: "Password policy does not require numbers."),
        requires(
            "AWS-0060", "require-symbols-in-passwords", "symbol in the password", attribute: "require_symbols",
            field: "requireSymbols", message: "Password policy does not require symbols."),
        passwordCheck(
            "AWS-0056", name: "no-password-reuse", title: "IAM Password policy should prevent password reuse.",
            description:
                "IAM account password policies should prevent the reuse of passwords. The account password policy should be set to prevent using any of the last five used passwords.",
            resolution: "Set `password_reuse_prevention` to 5 or more.",
            failing: ["  password_reuse_prevention = 1\n", "  minimum_password_length = 14\n"],
            passing: ["  password_reuse_prevention = 5\n"]
        ) { policy in
            Cloud.require(
                policy["reusePreventionCount"], "Password policy allows reuse of recent passwords.",
                at: policy.source.range
            ) { ($0.int ?? 0) >= 5 }
        },
        passwordCheck(
            "AWS-0062", name: "set-max-password-age",
            title: "IAM Password policy should have expiry less than or equal to 90 days.",
            description:
                "IAM account password policies should have a maximum age specified. The account password policy should be set to expire passwords after 90 days or less.",
            resolution: "Set `max_password_age` to 90 or less.",
            failing: ["  max_password_age = 365\n", "  minimum_password_length = 14\n"],
            passing: ["  max_password_age = 90\n"]
        ) { policy in
            Cloud.require(
                policy["maxAgeDays"], "Password policy allows a maximum password age of greater than 90 days.",
                at: policy.source.range
            ) { ($0.int ?? Int.max) <= 90 }
        },
        passwordCheck(
            "AWS-0063", name: "set-minimum-password-length",
            title: "IAM Password policy should have minimum password length of 14 or more characters.",
            description:
                "IAM account password policies should ensure that passwords have a minimum length. The account password policy should be set to enforce minimum password length of at least 14 characters.",
            resolution: "Set `minimum_password_length` to 14 or more.",
            failing: ["  minimum_password_length = 8\n", "  require_symbols = true\n"],
            passing: ["  minimum_password_length = 14\n"]
        ) { policy in
            // Trivy's message for this check repeats AWS-0062's ("maximum password age"); this one says what is wrong.
            Cloud.require(
                policy["minimumLength"], "Password policy allows passwords shorter than 14 characters.",
                at: policy.source.range
            ) { ($0.int ?? 0) >= 14 }
        },
    ]
}
