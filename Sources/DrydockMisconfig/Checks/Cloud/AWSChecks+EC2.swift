/// Built-in checks of AWS EC2: security groups, instances, volumes, launch configurations, subnets.
extension AWSChecks {
    static let securityGroup: Set<String> = ["aws.ec2.securitygroup"]
    static let sgURL = "https://docs.aws.amazon.com/vpc/latest/userguide/vpc-security-groups.html"

    static func tfGroup(_ lines: String) -> String { CloudExampleText.tf("aws_security_group", lines) }

    static func cfnGroup(_ properties: String) -> String { CloudExampleText.cfn("AWS::EC2::SecurityGroup", properties) }

    static func protocolText(_ node: ConfigNode?) -> String { (node?.text ?? "").lowercased() }

    /// Whether a rule reaches SSH or RDP: all protocols, or TCP/UDP with a port range covering 22 or 3389.
    static func reachesRemoteAccess(_ rule: ConfigNode) -> Bool {
        let proto = protocolText(rule["protocol"])
        if proto == "-1" || proto == "all" { return true }
        guard ["tcp", "6", "udp", "17", ""].contains(proto) else { return false }
        guard let from = rule["fromPort"]?.number ?? rule["fromPort"]?.text.flatMap(Double.init),
            let to = rule["toPort"]?.number ?? rule["toPort"]?.text.flatMap(Double.init)
        else { return false }
        return [22.0, 3389.0].contains { from <= $0 && $0 <= to }
    }

    static func rules(_ group: CloudObject) -> [ConfigNode] {
        (group["ingress"]?.items ?? []) + (group["egress"]?.items ?? [])
    }

    static let ec2: [Check] =
        [
            Cloud.check(
                .cloud(
                    "AWS-0099", service: "ec2", kinds: securityGroup, name: "add-description-to-security-group",
                    title: "Missing description for security group.", severity: .low,
                    description:
                        "A description says what a security group is for; without one, reviewers cannot tell whether its rules are still needed. Terraform's default, `Managed by Terraform`, says nothing either.",
                    resolution:
                        "Describe the group's purpose in `description` (Terraform) or `GroupDescription` (CloudFormation).",
                    references: [sgURL]),
                examples: CheckExamples(
                    failing: [
                        tfGroup("  name = \"web\"\n"), tfGroup("  description = \"Managed by Terraform\"\n"),
                        cfnGroup("      GroupDescription: \"\"\n"),
                    ],
                    passing: [
                        tfGroup("  description = \"Web servers\"\n"), cfnGroup("      GroupDescription: Web servers\n"),
                    ])
            ) { group in
                if group["rulesOnly"] != nil || group["isDefault"]?.bool == true { return [] }
                if let description = group["description"], description.text == "Managed by Terraform" {
                    return [CheckFailure("Security group explicitly uses the default description.", at: description)]
                }
                return Cloud.nonEmpty(
                    group["description"], "Security group does not have a description.", at: group.source.range)
            },
            Cloud.check(
                .cloud(
                    "AWS-0124", service: "ec2", kinds: securityGroup, name: "add-description-to-security-group-rule",
                    title: "Missing description for security group rule.", severity: .low,
                    description:
                        "A description on each rule says why the port is open and for whom, which makes stale or overly broad rules easy to spot.",
                    resolution: "Add a `description` (Terraform) or `Description` (CloudFormation) to every rule.",
                    references: [sgURL]),
                examples: CheckExamples(
                    failing: [
                        tfGroup(
                            "  description = \"web\"\n  ingress {\n    from_port = 443\n    to_port = 443\n    protocol = \"tcp\"\n    cidr_blocks = [\"10.0.0.0/8\"]\n  }\n"
                        ),
                        cfnGroup(
                            "      GroupDescription: web\n      SecurityGroupIngress:\n        - IpProtocol: tcp\n          FromPort: 443\n          ToPort: 443\n          CidrIp: 10.0.0.0/8\n"
                        ),
                    ],
                    passing: [
                        tfGroup(
                            "  description = \"web\"\n  ingress {\n    description = \"HTTPS from the VPC\"\n    from_port = 443\n    to_port = 443\n    protocol = \"tcp\"\n    cidr_blocks = [\"10.0.0.0/8\"]\n  }\n"
                        ),
                        cfnGroup(
                            "      GroupDescription: web\n      SecurityGroupIngress:\n        - IpProtocol: tcp\n          Description: HTTPS from the VPC\n          FromPort: 443\n          ToPort: 443\n          CidrIp: 10.0.0.0/8\n"
                        ),
                    ])
            ) { group in
                rules(group).flatMap { rule -> [CheckFailure] in
                    if rule["description"]?.text == "Managed by Terraform" {
                        return [
                            CheckFailure(
                                "Security group rule explicitly uses the default description.", at: rule["description"])
                        ]
                    }
                    return Cloud.nonEmpty(
                        rule["description"], "Security group rule does not have a description.", at: rule.range)
                }
            },
            Cloud.check(
                .cloud(
                    "AWS-0107", service: "ec2", kinds: securityGroup, name: "no-public-ingress-sgr",
                    title: "Security groups should not allow unrestricted ingress to SSH or RDP from any IP address.",
                    severity: .high,
                    description:
                        "SSH (22) and RDP (3389) open to `0.0.0.0/0` or `::/0` are scanned and brute-forced within minutes of exposure.",
                    resolution:
                        "Allow remote access only from known address ranges (a VPN, a bastion), or use Session Manager.",
                    references: [sgURL]),
                examples: CheckExamples(
                    failing: [
                        tfGroup(
                            "  description = \"ssh\"\n  ingress {\n    from_port = 22\n    to_port = 22\n    protocol = \"tcp\"\n    cidr_blocks = [\"0.0.0.0/0\"]\n  }\n"
                        ),
                        tfGroup("  description = \"ssh\"\n")
                            + CloudExampleText.tf(
                                "aws_vpc_security_group_ingress_rule",
                                "  security_group_id = aws_security_group.example.id\n  cidr_ipv6 = \"::/0\"\n  ip_protocol = \"-1\"\n",
                                name: "all"),
                        cfnGroup(
                            "      GroupDescription: ssh\n      SecurityGroupIngress:\n        - IpProtocol: tcp\n          FromPort: 3389\n          ToPort: 3389\n          CidrIp: 0.0.0.0/0\n"
                        ),
                    ],
                    passing: [
                        tfGroup(
                            "  description = \"ssh\"\n  ingress {\n    from_port = 22\n    to_port = 22\n    protocol = \"tcp\"\n    cidr_blocks = [\"10.0.0.0/16\"]\n  }\n"
                        ),
                        tfGroup(
                            "  description = \"https\"\n  ingress {\n    from_port = 443\n    to_port = 443\n    protocol = \"tcp\"\n    cidr_blocks = [\"0.0.0.0/0\"]\n  }\n"
                        ),
                        cfnGroup(
                            "      GroupDescription: ssh\n      SecurityGroupIngress:\n        - IpProtocol: tcp\n          FromPort: 22\n          ToPort: 22\n          CidrIp: 10.0.0.0/16\n"
                        ),
                    ])
            ) { group in
                (group["ingress"]?.items ?? []).filter(reachesRemoteAccess).flatMap { rule in
                    (rule["cidrs"]?.items ?? []).compactMap { cidr -> CheckFailure? in
                        if let origin = cidr.unknownOrigin {
                            return CheckFailure(
                                undecided: "Security group rule ingress CIDR", origin: origin, range: cidr.range)
                        }
                        return Cloud.allowsAllAddresses(cidr.text ?? "")
                            ? CheckFailure(
                                "Security group rule allows unrestricted ingress from any IP address.", at: cidr) : nil
                    }
                }
            },
            Cloud.check(
                .cloud(
                    "AWS-0104", service: "ec2", kinds: securityGroup, name: "no-public-egress-sgr",
                    title: "A security group rule should not allow unrestricted egress to any IP address.",
                    severity: .critical,
                    description:
                        "Egress to `0.0.0.0/0` or `::/0` lets a compromised workload send data anywhere and reach any command-and-control server.",
                    resolution: "Allow egress only to the address ranges and ports the workload needs.",
                    references: [sgURL]),
                examples: CheckExamples(
                    failing: [
                        tfGroup(
                            "  description = \"web\"\n  egress {\n    from_port = 0\n    to_port = 0\n    protocol = \"-1\"\n    cidr_blocks = [\"0.0.0.0/0\"]\n  }\n"
                        ),
                        cfnGroup(
                            "      GroupDescription: web\n      SecurityGroupEgress:\n        - IpProtocol: \"-1\"\n          CidrIp: 0.0.0.0/0\n"
                        ),
                    ],
                    passing: [
                        tfGroup(
                            "  description = \"web\"\n  egress {\n    from_port = 443\n    to_port = 443\n    protocol = \"tcp\"\n    cidr_blocks = [\"10.0.0.0/16\"]\n  }\n"
                        ),
                        cfnGroup(
                            "      GroupDescription: web\n      SecurityGroupEgress:\n        - IpProtocol: tcp\n          FromPort: 443\n          ToPort: 443\n          CidrIp: 10.0.0.0/16\n"
                        ),
                    ])
            ) { group in
                (group["egress"]?.items ?? []).flatMap { rule in
                    (rule["cidrs"]?.items ?? []).compactMap { cidr -> CheckFailure? in
                        if let origin = cidr.unknownOrigin {
                            return CheckFailure(
                                undecided: "Security group rule egress CIDR", origin: origin, range: cidr.range)
                        }
                        return Cloud.allowsAllAddresses(cidr.text ?? "")
                            ? CheckFailure(
                                "Security group rule allows unrestricted egress to any IP address.", at: cidr) : nil
                    }
                }
            },
        ] + AWSComputeChecks.all
}
