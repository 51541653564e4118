/// Built-in checks of AWS IAM policies.
extension AWSChecks {
    static let policy: Set<String> = ["aws.iam.policy"]

    static func tfPolicy(_ statement: String) -> String {
        CloudExampleText.tf(
            "aws_iam_policy",
            "  name = \"example\"\n  policy = jsonencode({\n    Version = \"2012-10-17\"\n    Statement = [\(statement)]\n  })\n"
        )
    }

    static func cfnPolicy(_ action: String, _ resource: String) -> String {
        CloudExampleText.cfn(
            "AWS::IAM::Policy",
            "      PolicyName: example\n      PolicyDocument:\n        Version: \"2012-10-17\"\n        Statement:\n          - Effect: Allow\n            Action: \"\(action)\"\n            Resource: \"\(resource)\"\n"
        )
    }

    /// Read-only action prefixes that AWS only grants on `*` resources, so a wildcard resource is expected.
    static let readOnlyVerbs = ["describe", "list", "get"]

    static func isAllow(_ statement: ConfigNode) -> Bool {
        (statement["Effect"]?.text ?? "Allow").lowercased() == "allow"
    }

    static let iam: [Check] = [
        Cloud.check(
            .cloud(
                "AWS-0057", service: "iam", kinds: policy, name: "no-policy-wildcards",
                title: "IAM policy should avoid use of wildcards and instead apply the principle of least privilege",
                severity: .high,
                description:
                    "A wildcard action (`*`, `s3:*`) grants every current and future action of a service, and a wildcard resource with write actions reaches every resource of the account. Grant the exact actions on the exact resources. Wildcard resources are accepted for read-only `Describe*`/`List*`/`Get*` actions, which AWS often grants only on `*`.",
                resolution: "Name the exact actions and resources the principal needs instead of wildcards.",
                references: [
                    "https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege"
                ]),
            examples: CheckExamples(
                failing: [
                    tfPolicy(
                        "{\n      Effect = \"Allow\"\n      Action = [\"s3:*\"]\n      Resource = [\"arn:aws:s3:::logs/*\"]\n    }"
                    ),
                    "data \"aws_iam_policy_document\" \"doc\" {\n  statement {\n    actions = [\"s3:PutObject\"]\n    resources = [\"*\"]\n  }\n}\n"
                        + CloudExampleText.tf("aws_iam_policy", "  policy = data.aws_iam_policy_document.doc.json\n"),
                    cfnPolicy("*", "*"),
                ],
                passing: [
                    tfPolicy(
                        "{\n      Effect = \"Allow\"\n      Action = [\"s3:GetObject\"]\n      Resource = [\"arn:aws:s3:::logs/*\"]\n    }"
                    ),
                    tfPolicy(
                        "{\n      Effect = \"Allow\"\n      Action = [\"ec2:DescribeInstances\"]\n      Resource = \"*\"\n    }"
                    ),
                    cfnPolicy("s3:GetObject", "arn:aws:s3:::logs/*"),
                ])
        ) { object in
            guard let document = object["document"] else { return [] }
            if let origin = document.unknownOrigin {
                return [CheckFailure(undecided: "IAM policy document", origin: origin, range: document.range)]
            }
            var failures: [CheckFailure] = []
            for statement in PolicyDocuments.statements(document) where isAllow(statement) {
                let actions = PolicyDocuments.values(statement, "Action")
                for action in actions where (action.text ?? "").contains("*") {
                    failures.append(
                        CheckFailure("IAM policy document uses wildcarded action '\(action.text ?? "")'", at: action))
                }
                let writes = actions.contains { action in
                    let verb = (action.text ?? "").split(separator: ":").last.map { $0.lowercased() } ?? ""
                    return verb.contains("*") || !readOnlyVerbs.contains { verb.hasPrefix($0) }
                }
                for resource in PolicyDocuments.values(statement, "Resource") where resource.text == "*" && writes {
                    failures.append(CheckFailure("IAM policy document uses wildcarded resource '*'", at: resource))
                }
                if let principal = statement["Principal"],
                    principal.text == "*" || principal["AWS"]?.listItems.contains(where: { $0.text == "*" }) == true
                {
                    failures.append(CheckFailure("IAM policy document uses wildcarded principal '*'", at: principal))
                }
            }
            return failures
        },
        Cloud.check(
            .cloud(
                "AWS-0345", service: "iam", kinds: policy, name: "no-s3-full-access",
                title: "Disallow unrestricted S3 IAM Policies", severity: .high,
                description:
                    "A policy that allows `s3:*` lets the principal read, overwrite and delete any object and change bucket policies and ACLs, unless a deny statement takes it back.",
                resolution: "Allow only the S3 actions the principal needs.",
                references: ["https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-iam.html"]),
            examples: CheckExamples(
                failing: [
                    tfPolicy(
                        "{\n      Effect = \"Allow\"\n      Action = \"s3:*\"\n      Resource = \"arn:aws:s3:::logs\"\n    }"
                    ), cfnPolicy("s3:*", "arn:aws:s3:::logs"),
                ],
                passing: [
                    tfPolicy(
                        "{\n      Effect = \"Allow\"\n      Action = \"s3:GetObject\"\n      Resource = \"arn:aws:s3:::logs/*\"\n    }"
                    ), cfnPolicy("s3:GetObject", "arn:aws:s3:::logs/*"),
                ])
        ) { object in
            guard let document = object["document"], document.unknownOrigin == nil else { return [] }
            let statements = PolicyDocuments.statements(document)
            let denied = statements.contains {
                !isAllow($0) && PolicyDocuments.values($0, "Action").contains { $0.text?.lowercased() == "s3:*" }
            }
            guard !denied else { return [] }
            return statements.filter(isAllow).flatMap { statement in
                PolicyDocuments.values(statement, "Action").filter { $0.text?.lowercased() == "s3:*" }.map {
                    CheckFailure("IAM policy allows '\($0.text ?? "")' action", at: $0)
                }
            }
        },
    ]
}
