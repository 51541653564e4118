import DrydockModel

/// IAM checks of groups, users and policy statements that Terraform and CloudFormation determine (Trivy's
/// `AWS-0123`, `0143`, `0167`, `0342`, `0346`). The account-level IAM checks that need the credential report
/// (last use, MFA devices, key ages) are listed in `docs/checks.md` as not applicable to IaC.
enum AWSIAMPrincipalChecks {
    typealias T = CloudExampleText
    static let iamURL = "https://docs.aws.amazon.com/IAM/latest/UserGuide/"

    static func statement(_ action: String, resource: String = "\"*\"", condition: String = "") -> String {
        "{\n      Effect = \"Allow\"\n      Action = \(action)\n      Resource = \(resource)\n\(condition)    }"
    }

    static let mfaCondition = "      Condition = { Bool = { \"aws:MultiFactorAuthPresent\" = \"true\" } }\n"

    static func group(_ statementText: String) -> String {
        T.tf("aws_iam_group", "  name = \"support\"\n", name: "support")
            + T.tf(
                "aws_iam_group_policy",
                "  group = aws_iam_group.support.name\n  policy = jsonencode({\n    Version = \"2012-10-17\"\n    Statement = [\(statementText)]\n  })\n",
                name: "support")
    }

    /// Whether a statement's actions include `action` (as written, any case).
    static func allows(_ statement: ConfigNode, _ action: String) -> Bool {
        PolicyDocuments.values(statement, "Action").contains { ($0.text ?? "").lowercased() == action.lowercased() }
    }

    static let all: [Check] = [
        Cloud.check(
            .cloud(
                "AWS-0123", service: "iam", kinds: ["aws.iam.group"], name: "enforce-group-mfa",
                title: "IAM groups should have MFA enforcement activated.", severity: .medium,
                description:
                    "A group whose policies never test `aws:MultiFactorAuthPresent` lets its members act with a stolen password alone.",
                resolution:
                    "Add a statement to the group's policies that denies (or only allows) actions depending on `aws:MultiFactorAuthPresent`.",
                references: [iamURL + "tutorial_users-self-manage-mfa-and-creds.html"]),
            examples: CheckExamples(
                failing: [
                    group(statement("\"ec2:*\"")),
                    T.cfn(
                        "AWS::IAM::Group",
                        "      Policies:\n        - PolicyName: ec2\n          PolicyDocument:\n            Statement:\n              - Effect: Allow\n                Action: \"ec2:*\"\n                Resource: \"*\"\n"
                    ),
                ],
                passing: [
                    group(statement("\"ec2:*\"", condition: mfaCondition)),
                    T.cfn(
                        "AWS::IAM::Group",
                        "      Policies:\n        - PolicyName: ec2\n          PolicyDocument:\n            Statement:\n              - Effect: Allow\n                Action: \"ec2:*\"\n                Resource: \"*\"\n                Condition:\n                  Bool:\n                    aws:MultiFactorAuthPresent: \"true\"\n"
                    ),
                ])
        ) { group in
            let documents = group["policies"]?.items ?? []
            let message = "Multi-Factor authentication is not enforced for group"
            if let origin = documents.compactMap(\.unknownOrigin).first {
                return [CheckFailure(undecided: message, origin: origin, range: group.source.range)]
            }
            let enforced = documents.flatMap(PolicyDocuments.statements).contains { statement in
                (statement["Condition"]?.entries ?? []).contains { condition in
                    condition.value.entries.contains { $0.key.lowercased() == "aws:multifactorauthpresent" }
                }
            }
            return enforced ? [] : [CheckFailure(message, range: group.source.range)]
        },
        Cloud.check(
            .cloud(
                "AWS-0143", service: "iam", kinds: ["aws.iam.user"], name: "no-user-attached-policies",
                title: "IAM policies should not be granted directly to users.", severity: .low,
                description:
                    "Permissions granted to groups and roles are easier to review and revoke than permissions scattered over individual users, which tend to outlive their need.",
                resolution: "Attach the policies to a group and make the user a member.",
                references: [iamURL + "best-practices.html#use-groups-for-permissions"]),
            examples: CheckExamples(
                failing: [
                    T.tf("aws_iam_user", "  name = \"jim\"\n", name: "jim")
                        + T.tf(
                            "aws_iam_user_policy",
                            "  user = aws_iam_user.jim.name\n  policy = jsonencode({\n    Version = \"2012-10-17\"\n    Statement = [\(statement("\"ec2:Describe*\""))]\n  })\n",
                            name: "jim"),
                    T.cfn(
                        "AWS::IAM::User", "      ManagedPolicyArns:\n        - arn:aws:iam::aws:policy/ReadOnlyAccess\n"
                    ),
                ],
                passing: [
                    T.tf("aws_iam_user", "  name = \"jim\"\n", name: "jim"),
                    T.cfn("AWS::IAM::User", "      UserName: jim\n"),
                ])
        ) { user in
            guard let first = user["policies"]?.items.first else { return [] }
            return [CheckFailure("One or more policies are attached directly to a user", range: first.range)]
        },
        Cloud.check(
            .cloud(
                "AWS-0167", service: "iam", kinds: ["aws.iam.user"], name: "limit-user-access-keys",
                title: "No user should have more than one active access key.", severity: .low,
                description:
                    "Each active key is one more credential to leak; one key per user, rotated, is enough. Drydock counts the keys declared for the user in the same configuration.",
                resolution: "Deactivate (`status = \"Inactive\"`) or remove all but one access key of the user.",
                references: [iamURL + "id_credentials_access-keys.html"]),
            examples: CheckExamples(
                failing: [
                    T.tf("aws_iam_user", "  name = \"ci\"\n", name: "ci")
                        + T.tf("aws_iam_access_key", "  user = aws_iam_user.ci.name\n", name: "one")
                        + T.tf("aws_iam_access_key", "  user = aws_iam_user.ci.name\n", name: "two"),
                    T.cfn(
                        "AWS::IAM::User", "      UserName: ci\n",
                        extra:
                            "  One:\n    Type: AWS::IAM::AccessKey\n    Properties:\n      UserName: !Ref Example\n  Two:\n    Type: AWS::IAM::AccessKey\n    Properties:\n      UserName: !Ref Example\n"
                    ),
                ],
                passing: [
                    T.tf("aws_iam_user", "  name = \"ci\"\n", name: "ci")
                        + T.tf("aws_iam_access_key", "  user = aws_iam_user.ci.name\n", name: "one")
                        + T.tf(
                            "aws_iam_access_key", "  user = aws_iam_user.ci.name\n  status = \"Inactive\"\n",
                            name: "two"),
                    T.cfn(
                        "AWS::IAM::User", "      UserName: ci\n",
                        extra: "  One:\n    Type: AWS::IAM::AccessKey\n    Properties:\n      UserName: !Ref Example\n"),
                ])
        ) { user in
            let keys = user["accessKeys"]?.items ?? []
            let message = "User has more than one active access key"
            let active = keys.filter { $0["active"]?.bool == true }
            let unknown = keys.compactMap { $0["active"]?.unknownOrigin }
            if active.count > 1 { return [CheckFailure(message, range: active[1].range)] }
            if active.count + unknown.count > 1, let origin = unknown.first {
                return [CheckFailure(undecided: message, origin: origin, range: user.source.range)]
            }
            return []
        },
        Cloud.check(
            .cloud(
                "AWS-0342", service: "iam", kinds: AWSChecks.policy, name: "filter-passrole-access",
                title: "IAM Pass Role Filtering", severity: .medium,
                description:
                    "`iam:PassRole` lets a principal hand a role to a service (an EC2 instance, a Lambda function) and so act with that role's permissions: a common privilege escalation path unless restricted.",
                resolution:
                    "Remove `iam:PassRole`, or restrict it to specific role ARNs and `iam:PassedToService`, or deny it.",
                references: [iamURL + "id_roles_use_passrole.html"]),
            examples: CheckExamples(
                failing: [
                    AWSChecks.tfPolicy(statement("[\"iam:PassRole\"]")),
                    AWSChecks.cfnPolicy("iam:PassRole", "arn:aws:iam::123456789012:role/app"),
                ],
                passing: [
                    AWSChecks.tfPolicy(statement("[\"ec2:DescribeInstances\"]")),
                    AWSChecks.cfnPolicy("s3:GetObject", "*"),
                ])
        ) { policy in
            guard let document = policy["document"] else { return [] }
            if let origin = document.unknownOrigin {
                return [
                    CheckFailure(
                        undecided: "IAM policy allows 'iam:PassRole' action", origin: origin, range: document.range)
                ]
            }
            let statements = PolicyDocuments.statements(document)
            guard !statements.contains(where: { !AWSChecks.isAllow($0) && allows($0, "iam:PassRole") }) else {
                return []
            }
            return statements.filter { AWSChecks.isAllow($0) && allows($0, "iam:PassRole") }.prefix(1).map {
                CheckFailure("IAM policy allows 'iam:PassRole' action", at: $0)
            }
        },
        Cloud.check(
            .cloud(
                "AWS-0346", service: "iam", kinds: AWSChecks.policy, name: "unauthorized-bucket-access",
                title: "Reduce unnecessary unauthorized access or information disclosure of S3 buckets.",
                severity: .high,
                description:
                    "A statement allowing both `s3:Get*` and `s3:Put*` on every resource reaches every bucket of the account, including those of other services (deployment artefacts, logs), which allows information disclosure and tampering.",
                resolution: "Restrict the statement's `Resource` to the buckets the principal needs.",
                references: ["https://www.aquasec.com/blog/shadow-roles-aws-defaults-lead-to-service-takeover/"]),
            examples: CheckExamples(
                failing: [AWSChecks.tfPolicy(statement("[\"s3:Get*\", \"s3:Put*\"]"))],
                passing: [
                    AWSChecks.tfPolicy(statement("[\"s3:Get*\", \"s3:Put*\"]", resource: "\"arn:aws:s3:::uploads/*\"")),
                    AWSChecks.cfnPolicy("s3:Get*", "*"),
                ])
        ) { policy in
            guard let document = policy["document"], document.unknownOrigin == nil else { return [] }
            return PolicyDocuments.statements(document).compactMap { statement in
                let resources = PolicyDocuments.values(statement, "Resource").compactMap(\.text)
                guard AWSChecks.isAllow(statement), resources == ["*"], allows(statement, "s3:Get*"),
                    allows(statement, "s3:Put*")
                else { return nil }
                return CheckFailure(
                    "IAM policy allows both 's3:Get*' and 's3:Put*' actions on all resources", at: statement)
            }
        },
    ]
}
