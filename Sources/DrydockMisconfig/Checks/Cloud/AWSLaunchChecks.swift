import DrydockModel
import DrydockSecrets

/// EC2 checks of launch configurations and templates, volumes' keys, and secrets in user data (Trivy's
/// `AWS-0008`, `0027`, `0029`, `0122`, `0129`, `0130`).
enum AWSLaunchChecks {
    typealias T = CloudExampleText
    static let ec2URL = AWSComputeChecks.ec2URL

    /// The built-in secret rules (AWS keys, tokens of other services), compiled once.
    static let secretScanner: SecretScanner? = try? SecretScanner()

    /// A made-up access key ID for the examples, assembled so that secret scanners of this repository do not
    /// report the source (AWS's documented `…EXAMPLE` key is dropped by the secret rules' allow list).
    static let fakeKey = "AKIA" + "UE72WZB61YSXQ4G5"

    /// An access key written into user data.
    static let leakedKeys = "export AWS_ACCESS_KEY_ID=\(fakeKey)\n"

    /// Fails when user data holds a secret; unknown user data is undecided.
    static func secrets(_ object: CloudObject, _ prefix: String) -> [CheckFailure] {
        guard let data = object["userData"] else { return [] }
        if let origin = data.unknownOrigin {
            return [CheckFailure(undecided: "\(prefix) user data", origin: origin, range: data.range)]
        }
        let text = data.text ?? ""
        guard
            let found = secretScanner?.scan(path: "user-data", displayPath: "user-data", content: Array(text.utf8))
                .first
        else { return [] }
        return [CheckFailure("Sensitive data found in \(prefix.lowercased()) user data: \(found.title)", at: data)]
    }

    /// IMDSv2: tokens required unless the endpoint is off.
    static func imds(_ object: CloudObject, _ message: String) -> [CheckFailure] {
        let options = object["metadataOptions"]
        if let endpoint = options?["httpEndpoint"] {
            if let origin = endpoint.unknownOrigin {
                return [CheckFailure(undecided: message, origin: origin, range: endpoint.range)]
            }
            if endpoint.text == "disabled" { return [] }
        }
        return Cloud.require(options?["httpTokens"], message, at: options?.range ?? object.source.range) {
            $0.text == "required"
        }
    }

    static let userDataScript = "#!/bin/sh\n" + leakedKeys

    static let all: [Check] = [
        Cloud.check(
            .cloud(
                "AWS-0008", service: "ec2", kinds: ["aws.ec2.launchconfiguration"],
                name: "enable-launch-config-at-rest-encryption",
                title: "Launch configuration with unencrypted block device.",
                severity: .high,
                description:
                    "Instances started from the configuration get unencrypted root or EBS volumes, whose data and snapshots anyone with access to them can read.",
                resolution:
                    "Set `encrypted = true` on `root_block_device` and every `ebs_block_device` (`Encrypted: true` under `BlockDeviceMappings`).",
                references: [ec2URL + "EBSEncryption.html"]),
            examples: CheckExamples(
                failing: [
                    T.tf(
                        "aws_launch_configuration",
                        "  image_id = \"ami-123\"\n  root_block_device {\n    encrypted = false\n  }\n"),
                    T.tf(
                        "aws_launch_configuration",
                        "  image_id = \"ami-123\"\n  ebs_block_device {\n    device_name = \"/dev/sdb\"\n  }\n"),
                    T.cfn(
                        "AWS::AutoScaling::LaunchConfiguration",
                        "      ImageId: ami-123\n      BlockDeviceMappings:\n        - DeviceName: /dev/sdb\n          Ebs:\n            Encrypted: false\n"
                    ),
                ],
                passing: [
                    T.tf(
                        "aws_launch_configuration",
                        "  image_id = \"ami-123\"\n  root_block_device {\n    encrypted = true\n  }\n  ebs_block_device {\n    device_name = \"/dev/sdb\"\n    encrypted = true\n  }\n"
                    ),
                    T.cfn(
                        "AWS::AutoScaling::LaunchConfiguration",
                        "      ImageId: ami-123\n      BlockDeviceMappings:\n        - DeviceName: /dev/sdb\n          Ebs:\n            Encrypted: true\n"
                    ),
                ])
        ) { AWSComputeChecks.unencryptedBlockDevices($0) },
        Cloud.check(
            .cloud(
                "AWS-0027", service: "ec2", kinds: ["aws.ec2.volume"], name: "volume-encryption-customer-key",
                title: "EBS volume encryption should use Customer Managed Keys", severity: .low,
                description:
                    "With a customer-managed KMS key the owner controls rotation, access and revocation of the key that protects the volume; the AWS-managed key allows none of that.",
                resolution: "Set `kms_key_id` (`KmsKeyId`) to a customer-managed key.",
                references: [ec2URL + "EBSEncryption.html"]),
            examples: CheckExamples(
                failing: [
                    T.tf("aws_ebs_volume", "  availability_zone = \"eu-west-1a\"\n  size = 40\n  encrypted = true\n"),
                    T.cfn(
                        "AWS::EC2::Volume",
                        "      AvailabilityZone: eu-west-1a\n      Size: 40\n      Encrypted: true\n"),
                ],
                passing: [
                    T.tf(
                        "aws_ebs_volume",
                        "  availability_zone = \"eu-west-1a\"\n  size = 40\n  encrypted = true\n  kms_key_id = aws_kms_key.ebs.arn\n"
                    ),
                    T.cfn(
                        "AWS::EC2::Volume",
                        "      AvailabilityZone: eu-west-1a\n      Size: 40\n      Encrypted: true\n      KmsKeyId: !Ref Key\n"
                    ),
                ])
        ) { volume in
            Cloud.nonEmpty(
                volume["kmsKeyId"], "EBS volume does not use a customer-managed KMS key.", at: volume.source.range)
        },
        Cloud.check(
            .cloud(
                "AWS-0130", service: "ec2", kinds: ["aws.ec2.launchconfiguration", "aws.ec2.launchtemplate"],
                name: "enforce-launch-config-http-token-imds",
                title: "aws_instance should activate session tokens for Instance Metadata Service.", severity: .high,
                description:
                    "Instances launched from a configuration or template that allows IMDSv1 answer unauthenticated metadata requests, so a server-side request forgery can steal the instance role's credentials.",
                resolution:
                    "Set `http_tokens = \"required\"` in `metadata_options` (`HttpTokens: required`), or disable the endpoint.",
                references: [ec2URL + "configuring-instance-metadata-service.html"]),
            examples: CheckExamples(
                failing: [
                    T.tf("aws_launch_template", "  image_id = \"ami-123\"\n"),
                    T.tf(
                        "aws_launch_configuration",
                        "  image_id = \"ami-123\"\n  metadata_options {\n    http_tokens = \"optional\"\n  }\n"),
                    T.cfn("AWS::EC2::LaunchTemplate", "      LaunchTemplateData:\n        ImageId: ami-123\n"),
                ],
                passing: [
                    T.tf(
                        "aws_launch_template",
                        "  image_id = \"ami-123\"\n  metadata_options {\n    http_tokens = \"required\"\n  }\n"),
                    T.tf(
                        "aws_launch_configuration",
                        "  image_id = \"ami-123\"\n  metadata_options {\n    http_endpoint = \"disabled\"\n  }\n"),
                    T.cfn(
                        "AWS::EC2::LaunchTemplate",
                        "      LaunchTemplateData:\n        ImageId: ami-123\n        MetadataOptions:\n          HttpTokens: required\n"
                    ),
                ])
        ) { object in
            imds(
                object,
                object.kind == "aws.ec2.launchtemplate"
                    ? "Launch template does not require IMDS access to require a token"
                    : "Launch configuration does not require IMDS access to require a token")
        },
        Cloud.check(
            .cloud(
                "AWS-0029", service: "ec2", kinds: ["aws.ec2.instance"], name: "no-secrets-in-user-data",
                title: "User data for EC2 instances must not contain sensitive AWS keys", severity: .critical,
                description:
                    "User data is readable by anyone who can describe the instance and by every process on it through the metadata service; keys written there leak. Give the instance a role instead.",
                resolution: "Remove credentials from `user_data` and grant access through an instance profile.",
                references: [ec2URL + "instancedata-add-user-data.html"]),
            examples: CheckExamples(
                failing: [
                    T.tf("aws_instance", "  ami = \"ami-123\"\n  user_data = <<EOF\n\(userDataScript)EOF\n"),
                    T.cfn(
                        "AWS::EC2::Instance",
                        "      ImageId: ami-123\n      UserData: !Base64 |\n        #!/bin/sh\n        export AWS_ACCESS_KEY_ID=\(fakeKey)\n"
                    ),
                ],
                passing: [
                    T.tf("aws_instance", "  ami = \"ami-123\"\n  user_data = \"#!/bin/sh\\necho hello\\n\"\n"),
                    T.cfn(
                        "AWS::EC2::Instance",
                        "      ImageId: ami-123\n      UserData: !Base64 |\n        #!/bin/sh\n        echo hello\n"),
                ])
        ) { instance in secrets(instance, "Instance") },
        Cloud.check(
            .cloud(
                "AWS-0122", service: "ec2", kinds: ["aws.ec2.launchconfiguration"], name: "no-sensitive-info",
                title: "Ensure all data stored in the launch configuration EBS is securely encrypted", severity: .high,
                description:
                    "User data of a launch configuration is readable by anyone who can describe it and by every instance it starts; it must not hold credentials or other secrets.",
                resolution:
                    "Remove secrets from `user_data`; read them at boot from Secrets Manager or Parameter Store.",
                references: [ec2URL + "instancedata-add-user-data.html"]),
            examples: CheckExamples(
                failing: [
                    T.tf(
                        "aws_launch_configuration",
                        "  image_id = \"ami-123\"\n  user_data = <<EOF\n\(userDataScript)EOF\n")
                ],
                passing: [
                    T.tf(
                        "aws_launch_configuration",
                        "  image_id = \"ami-123\"\n  user_data = \"#!/bin/sh\\necho hello\\n\"\n")
                ])
        ) { configuration in secrets(configuration, "Launch configuration") },
        Cloud.check(
            .cloud(
                "AWS-0129", service: "ec2", kinds: ["aws.ec2.launchtemplate"],
                name: "no-secrets-in-launch-template-user-data",
                title: "User data for EC2 instances must not contain sensitive AWS keys", severity: .critical,
                description:
                    "A launch template's user data reaches every instance started from it and anyone who can read the template; credentials written there leak.",
                resolution:
                    "Remove credentials from the template's user data and grant access through an instance profile.",
                references: [ec2URL + "instancedata-add-user-data.html"]),
            examples: CheckExamples(
                failing: [
                    T.tf(
                        "aws_launch_template",
                        "  image_id = \"ami-123\"\n  user_data = base64encode(<<EOF\n\(userDataScript)EOF\n  )\n"),
                    T.cfn(
                        "AWS::EC2::LaunchTemplate",
                        "      LaunchTemplateData:\n        UserData: !Base64 |\n          export AWS_ACCESS_KEY_ID=\(fakeKey)\n"
                    ),
                ],
                passing: [
                    T.tf(
                        "aws_launch_template", "  image_id = \"ami-123\"\n  user_data = base64encode(\"echo hello\")\n"),
                    T.cfn(
                        "AWS::EC2::LaunchTemplate",
                        "      LaunchTemplateData:\n        UserData: !Base64 \"echo hello\"\n"),
                ])
        ) { template in secrets(template, "Launch template") },
    ]
}
