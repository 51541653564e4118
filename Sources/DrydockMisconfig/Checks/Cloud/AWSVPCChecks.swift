import DrydockModel

/// EC2 network checks of VPCs, network ACLs, the default security group and AMI look-ups (Trivy's `AWS-0101`,
/// `0102`, `0105`, `0173`, `0178`, `0344`).
enum AWSVPCChecks {
    typealias T = CloudExampleText
    static let vpcURL = "https://docs.aws.amazon.com/vpc/latest/userguide/"

    static func acl(_ rule: String) -> String {
        T.tf("aws_network_acl", "  vpc_id = aws_vpc.main.id\n  ingress {\n\(rule)  }\n")
    }

    static func aclEntry(_ lines: String) -> String {
        T.cfn(
            "AWS::EC2::NetworkAcl", "      VpcId: !Ref VPC\n",
            extra:
                "  Entry:\n    Type: AWS::EC2::NetworkAclEntry\n    Properties:\n      NetworkAclId: !Ref Example\n      RuleNumber: 100\n"
                + lines)
    }

    /// Whether a protocol (`-1`, `all`, `tcp`, `6`) is every protocol.
    static func isAll(_ text: String) -> Bool { ["-1", "all"].contains(text.lowercased()) }

    static func isAllowRule(_ rule: ConfigNode) -> Bool { (rule["action"]?.text ?? "").lowercased() == "allow" }

    static let all: [Check] = [
        Cloud.check(
            .cloud(
                "AWS-0102", service: "ec2", kinds: ["aws.ec2.networkacl"], name: "no-excessive-port-access",
                title: "An Network ACL rule allows ALL ports.", severity: .critical,
                description:
                    "A network ACL rule for protocol `-1` (all) allows every port and protocol; rules should allow only the ports needed.",
                resolution: "Set a specific protocol and port range on each allow rule.",
                references: [vpcURL + "vpc-network-acls.html"]),
            examples: CheckExamples(
                failing: [
                    acl(
                        "    rule_no = 100\n    action = \"allow\"\n    protocol = \"-1\"\n    cidr_block = \"10.0.0.0/16\"\n    from_port = 0\n    to_port = 0\n"
                    ),
                    aclEntry("      Protocol: -1\n      RuleAction: allow\n      CidrBlock: 10.0.0.0/16\n"),
                ],
                passing: [
                    acl(
                        "    rule_no = 100\n    action = \"allow\"\n    protocol = \"tcp\"\n    cidr_block = \"10.0.0.0/16\"\n    from_port = 443\n    to_port = 443\n"
                    ),
                    aclEntry(
                        "      Protocol: 6\n      RuleAction: allow\n      CidrBlock: 10.0.0.0/16\n      PortRange:\n        From: 443\n        To: 443\n"
                    ),
                ])
        ) { acl in
            (acl["rules"]?.items ?? []).filter(isAllowRule).compactMap { rule in
                let message = "Network ACL rule allows access using ALL ports."
                if let origin = rule["protocol"]?.unknownOrigin {
                    return CheckFailure(undecided: message, origin: origin, range: rule.range)
                }
                return isAll(rule["protocol"]?.text ?? "") ? CheckFailure(message, at: rule["protocol"]) : nil
            }
        },
        Cloud.check(
            .cloud(
                "AWS-0105", service: "ec2", kinds: ["aws.ec2.networkacl"], name: "no-public-ingress-acl",
                title: "Network ACLs should not allow unrestricted ingress to SSH or RDP from any IP address.",
                severity: .medium,
                description:
                    "An inbound network ACL rule that allows SSH (22) or RDP (3389) from `0.0.0.0/0` or `::/0` exposes remote administration of the subnet's machines to the internet.",
                resolution: "Restrict the rule's CIDR block to known networks.",
                references: [vpcURL + "vpc-network-acls.html"]),
            examples: CheckExamples(
                failing: [
                    acl(
                        "    rule_no = 100\n    action = \"allow\"\n    protocol = \"tcp\"\n    cidr_block = \"0.0.0.0/0\"\n    from_port = 22\n    to_port = 22\n"
                    ),
                    aclEntry(
                        "      Protocol: 6\n      RuleAction: allow\n      CidrBlock: 0.0.0.0/0\n      PortRange:\n        From: 3389\n        To: 3389\n"
                    ),
                ],
                passing: [
                    acl(
                        "    rule_no = 100\n    action = \"allow\"\n    protocol = \"tcp\"\n    cidr_block = \"10.0.0.0/16\"\n    from_port = 22\n    to_port = 22\n"
                    ),
                    aclEntry(
                        "      Protocol: 6\n      RuleAction: allow\n      CidrBlock: 0.0.0.0/0\n      PortRange:\n        From: 443\n        To: 443\n"
                    ),
                ])
        ) { acl in
            (acl["rules"]?.items ?? []).filter { isAllowRule($0) && $0["egress"]?.bool != true }.flatMap { rule in
                let proto = (rule["protocol"]?.text ?? "").lowercased()
                guard isAll(proto) || ["tcp", "6"].contains(proto) else { return [CheckFailure]() }
                let from = rule["fromPort"]?.text.flatMap { Int($0) } ?? 0
                let to = rule["toPort"]?.text.flatMap { Int($0) } ?? 65535
                let all = isAll(proto) || (from == 0 && to == 0)
                guard all || [22, 3389].contains(where: { from <= $0 && $0 <= to }) else { return [] }
                return (rule["cidrs"]?.items ?? []).compactMap { cidr in
                    let message = "Network ACL rule allows unrestricted ingress from any IP address."
                    if let origin = cidr.unknownOrigin {
                        return CheckFailure(undecided: message, origin: origin, range: cidr.range)
                    }
                    return Cloud.allowsAllAddresses(cidr.text ?? "") ? CheckFailure(message, at: cidr) : nil
                }
            }
        },
        Cloud.check(
            .cloud(
                "AWS-0101", service: "ec2", kinds: ["aws.ec2.vpc"], name: "no-default-vpc",
                title: "AWS best practice to not use the default VPC for workflows", severity: .high,
                description:
                    "The default VPC gives every subnet public addresses and an internet gateway; workloads belong in VPCs designed for them, and the default VPC should not be managed as part of the infrastructure.",
                resolution: "Remove `aws_default_vpc` and create a VPC for the workload.",
                references: [vpcURL + "default-vpc.html"], cloudFormation: false),
            examples: CheckExamples(
                failing: [T.tf("aws_default_vpc", "  tags = {\n    Name = \"Default VPC\"\n  }\n")],
                passing: [T.tf("aws_vpc", "  cidr_block = \"10.0.0.0/16\"\n")])
        ) { vpc in
            vpc["isDefault"]?.bool == true
                ? [CheckFailure("Default VPC is used.", range: vpc.source.range)] : []
        },
        Cloud.check(
            .cloud(
                "AWS-0178", service: "ec2", kinds: ["aws.ec2.vpc"], name: "require-vpc-flow-logs-for-all-vpcs",
                title:
                    "VPC Flow Logs is a feature that enables you to capture information about the IP traffic going to and from network interfaces in your VPC. After you've created a flow log, you can view and retrieve its data in Amazon CloudWatch Logs. It is recommended that VPC Flow Logs be enabled for packet \"Rejects\" for VPCs.",
                severity: .medium,
                description:
                    "VPC flow logs record the traffic of the VPC's interfaces, which anomaly detection and incident investigation rely on.",
                resolution: "Add an `aws_flow_log` (`AWS::EC2::FlowLog`) for the VPC.",
                references: [vpcURL + "flow-logs.html"]),
            examples: CheckExamples(
                failing: [
                    T.tf("aws_vpc", "  cidr_block = \"10.0.0.0/16\"\n"),
                    T.cfn("AWS::EC2::VPC", "      CidrBlock: 10.0.0.0/16\n"),
                ],
                passing: [
                    T.tf("aws_vpc", "  cidr_block = \"10.0.0.0/16\"\n")
                        + T.tf(
                            "aws_flow_log",
                            "  vpc_id = aws_vpc.example.id\n  traffic_type = \"ALL\"\n  log_destination = aws_s3_bucket.logs.arn\n",
                            name: "vpc"),
                    T.cfn(
                        "AWS::EC2::VPC", "      CidrBlock: 10.0.0.0/16\n",
                        extra:
                            "  Logs:\n    Type: AWS::EC2::FlowLog\n    Properties:\n      ResourceId: !Ref Example\n      ResourceType: VPC\n      TrafficType: ALL\n"
                    ),
                ])
        ) { vpc in
            Cloud.isTrue(vpc["flowLogs"], "VPC does not have VPC Flow Logs enabled.", at: vpc.source.range)
        },
        Cloud.check(
            .cloud(
                "AWS-0173", service: "ec2", kinds: ["aws.ec2.securitygroup"], name: "restrict-all-in-default-sg",
                title: "Default security group should restrict all traffic", severity: .low,
                description:
                    "Resources launched without a security group get the VPC's default one. With no rules in it they can reach nothing and nothing reaches them, which makes people choose groups deliberately.",
                resolution: "Declare `aws_default_security_group` without `ingress` and `egress` rules.",
                references: ["https://docs.aws.amazon.com/vpc/latest/userguide/default-security-group.html"],
                cloudFormation: false),
            examples: CheckExamples(
                failing: [
                    T.tf(
                        "aws_default_security_group",
                        "  vpc_id = aws_vpc.main.id\n  ingress {\n    protocol = -1\n    self = true\n    from_port = 0\n    to_port = 0\n  }\n"
                    )
                ],
                passing: [T.tf("aws_default_security_group", "  vpc_id = aws_vpc.main.id\n")])
        ) { group in
            guard group["isDefault"]?.bool == true else { return [] }
            let rules = (group["ingress"]?.items ?? []) + (group["egress"]?.items ?? [])
            return rules.isEmpty
                ? []
                : [CheckFailure("Default security group for VPC has ingress or egress rules.", range: rules[0].range)]
        },
        Cloud.check(
            .cloud(
                "AWS-0344", service: "ami", kinds: ["aws.ec2.ami"], name: "ensure-ami-has-owners",
                title: "AWS AMI data source should specify owners", severity: .low,
                description:
                    "An AMI look-up by name without `owners` can pick an image anyone published under a matching name, including a malicious one.",
                resolution: "Set `owners` to the account IDs or aliases (`amazon`, `self`) that publish the image.",
                references: ["https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/finding-an-ami.html"],
                cloudFormation: false),
            examples: CheckExamples(
                failing: [
                    "data \"aws_ami\" \"ubuntu\" {\n  most_recent = true\n  filter {\n    name = \"name\"\n    values = [\"ubuntu/images/*\"]\n  }\n}\n"
                ],
                passing: [
                    "data \"aws_ami\" \"ubuntu\" {\n  most_recent = true\n  owners = [\"099720109477\"]\n  filter {\n    name = \"name\"\n    values = [\"ubuntu/images/*\"]\n  }\n}\n"
                ])
        ) { ami in
            Cloud.require(ami["owners"], "AWS AMI data source should specify owners.", at: ami.source.range) {
                !$0.listItems.isEmpty
            }
        },
    ]
}
