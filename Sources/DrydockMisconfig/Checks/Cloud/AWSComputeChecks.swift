/// Built-in checks of EC2 instances, EBS volumes, launch configurations and subnets.
enum AWSComputeChecks {
    /// The root and EBS block devices of an instance or launch configuration that are not encrypted.
    static func unencryptedBlockDevices(_ object: CloudObject) -> [CheckFailure] {
        var failures: [CheckFailure] = []
        if let root = object["rootBlockDevice"] {
            failures += Cloud.isTrue(root["encrypted"], "Root block device is not encrypted.", at: root.range)
        }
        for device in object["ebsBlockDevices"]?.items ?? [] {
            failures += Cloud.isTrue(device["encrypted"], "EBS block device is not encrypted.", at: device.range)
        }
        return failures
    }

    typealias T = CloudExampleText
    static let ec2URL = "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/"

    static let all: [Check] = [
        Cloud.check(
            .cloud(
                "AWS-0028", service: "ec2", kinds: ["aws.ec2.instance"], name: "enforce-http-token-imds",
                title: "aws_instance should activate session tokens for Instance Metadata Service.", severity: .high,
                description:
                    "IMDSv1 answers any request from the instance, so a server-side request forgery in the application can read the instance role's credentials. IMDSv2 requires a session token obtained with a PUT request, which such attacks cannot make.",
                resolution:
                    "Set `http_tokens = \"required\"` in `metadata_options` (or `HttpTokens: required` in the launch template), or disable the endpoint.",
                references: [ec2URL + "configuring-instance-metadata-service.html"]),
            examples: CheckExamples(
                failing: [
                    T.tf("aws_instance", "  ami = \"ami-123\"\n"),
                    T.tf(
                        "aws_instance",
                        "  ami = \"ami-123\"\n  metadata_options {\n    http_tokens = \"optional\"\n  }\n"),
                    T.cfn("AWS::EC2::Instance", "      ImageId: ami-123\n"),
                ],
                passing: [
                    T.tf(
                        "aws_instance",
                        "  ami = \"ami-123\"\n  metadata_options {\n    http_tokens = \"required\"\n  }\n"),
                    T.tf(
                        "aws_instance",
                        "  ami = \"ami-123\"\n  metadata_options {\n    http_endpoint = \"disabled\"\n  }\n"),
                    T.cfn(
                        "AWS::EC2::Instance",
                        "      ImageId: ami-123\n      LaunchTemplate:\n        LaunchTemplateId: !Ref Template\n        Version: \"1\"\n",
                        extra:
                            "  Template:\n    Type: AWS::EC2::LaunchTemplate\n    Properties:\n      LaunchTemplateData:\n        MetadataOptions:\n          HttpTokens: required\n"
                    ),
                ])
        ) { instance in
            let options = instance["metadataOptions"]
            if let endpoint = options?["httpEndpoint"] {
                if let origin = endpoint.unknownOrigin {
                    return [CheckFailure(undecided: "IMDS endpoint", origin: origin, range: endpoint.range)]
                }
                if endpoint.text == "disabled" { return [] }
            }
            return Cloud.require(
                options?["httpTokens"], "Instance does not require IMDS access to require a token.",
                at: options?.range ?? instance.source.range
            ) { $0.text == "required" }
        },
        Cloud.check(
            .cloud(
                "AWS-0131", service: "ec2", kinds: ["aws.ec2.instance"], name: "enable-at-rest-encryption",
                title: "Instance with unencrypted block device.", severity: .high,
                description:
                    "An unencrypted root or EBS block device exposes the instance's data to anyone who obtains a snapshot or the volume.",
                resolution:
                    "Set `encrypted = true` on `root_block_device` and every `ebs_block_device` (`Encrypted: true` in `BlockDeviceMappings`).",
                references: [ec2URL + "EBSEncryption.html"]),
            examples: CheckExamples(
                failing: [
                    T.tf("aws_instance", "  ami = \"ami-123\"\n  root_block_device {\n    volume_size = 20\n  }\n"),
                    T.tf(
                        "aws_instance",
                        "  ami = \"ami-123\"\n  ebs_block_device {\n    device_name = \"/dev/sdb\"\n    encrypted = false\n  }\n"
                    ),
                    T.cfn(
                        "AWS::EC2::Instance",
                        "      ImageId: ami-123\n      BlockDeviceMappings:\n        - DeviceName: /dev/sdb\n          Ebs:\n            VolumeSize: 20\n"
                    ),
                ],
                passing: [
                    T.tf("aws_instance", "  ami = \"ami-123\"\n  root_block_device {\n    encrypted = true\n  }\n"),
                    T.cfn(
                        "AWS::EC2::Instance",
                        "      ImageId: ami-123\n      BlockDeviceMappings:\n        - DeviceName: /dev/sdb\n          Ebs:\n            Encrypted: true\n"
                    ),
                ])
        ) { unencryptedBlockDevices($0) },
        Cloud.check(
            .cloud(
                "AWS-0026", service: "ec2", kinds: ["aws.ec2.volume"], name: "enable-volume-encryption",
                title: "EBS volumes must be encrypted", severity: .high,
                description:
                    "An unencrypted EBS volume and its snapshots expose their data to anyone who can copy or share them.",
                resolution: "Set `encrypted = true` (Terraform) or `Encrypted: true` (CloudFormation).",
                references: [ec2URL + "EBSEncryption.html"]),
            examples: CheckExamples(
                failing: [
                    T.tf("aws_ebs_volume", "  size = 40\n"),
                    T.cfn("AWS::EC2::Volume", "      Size: 40\n      Encrypted: false\n"),
                ],
                passing: [
                    T.tf("aws_ebs_volume", "  size = 40\n  encrypted = true\n"),
                    T.cfn("AWS::EC2::Volume", "      Size: 40\n      Encrypted: true\n"),
                ])
        ) { volume in
            Cloud.isTrue(volume["encrypted"], "EBS volume is not encrypted.", at: volume.source.range)
        },
        Cloud.check(
            .cloud(
                "AWS-0009", service: "ec2", kinds: ["aws.ec2.launchconfiguration"], name: "no-public-ip",
                title: "Launch configuration should not have a public IP address.", severity: .high,
                description:
                    "Instances launched with a public address are reachable from the internet directly, bypassing load balancers and NAT.",
                resolution: "Set `associate_public_ip_address = false` (`AssociatePublicIpAddress: false`).",
                references: [ec2URL + "using-instance-addressing.html"]),
            examples: CheckExamples(
                failing: [
                    T.tf(
                        "aws_launch_configuration", "  image_id = \"ami-123\"\n  associate_public_ip_address = true\n"),
                    T.cfn(
                        "AWS::AutoScaling::LaunchConfiguration",
                        "      ImageId: ami-123\n      AssociatePublicIpAddress: true\n"),
                ],
                passing: [
                    T.tf("aws_launch_configuration", "  image_id = \"ami-123\"\n"),
                    T.cfn("AWS::AutoScaling::LaunchConfiguration", "      ImageId: ami-123\n"),
                ])
        ) { configuration in
            Cloud.isFalse(
                configuration["associatePublicIp"], "Launch configuration associates public IP address.",
                at: configuration.source.range)
        },
        Cloud.check(
            .cloud(
                "AWS-0164", service: "ec2", kinds: ["aws.ec2.subnet"], name: "no-public-ip-subnet",
                title: "Instances in a subnet should not receive a public IP address by default.", severity: .high,
                description:
                    "A subnet that maps public addresses on launch exposes every instance started in it to the internet, whether or not it was meant to be public.",
                resolution: "Set `map_public_ip_on_launch = false` (`MapPublicIpOnLaunch: false`).",
                references: ["https://docs.aws.amazon.com/vpc/latest/userguide/vpc-ip-addressing.html"]),
            examples: CheckExamples(
                failing: [
                    T.tf("aws_subnet", "  vpc_id = \"vpc-1\"\n  map_public_ip_on_launch = true\n"),
                    T.cfn("AWS::EC2::Subnet", "      VpcId: vpc-1\n      MapPublicIpOnLaunch: true\n"),
                ],
                passing: [
                    T.tf("aws_subnet", "  vpc_id = \"vpc-1\"\n"), T.cfn("AWS::EC2::Subnet", "      VpcId: vpc-1\n"),
                ])
        ) { subnet in
            Cloud.isFalse(
                subnet["mapPublicIpOnLaunch"], "Subnet associates public IP address.", at: subnet.source.range)
        },
    ]
}
