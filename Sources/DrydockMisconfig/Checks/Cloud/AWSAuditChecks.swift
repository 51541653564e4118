import DrydockModel

/// CloudTrail checks of the trail's bucket and CloudWatch delivery, S3 object-level logging and bucket names,
/// and Lambda permissions (Trivy's `AWS-0161`…`0163`, `0171`, `0172`, `0320`, `0067`).
enum AWSAuditChecks {
    typealias T = CloudExampleText
    static let trailURL = "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/"

    /// A trail writing to the bucket `example`, declared with `bucketLines`.
    static func trail(_ lines: String = "", bucketLines: String = "") -> String {
        AWSChecks.tfBucket(bucketLines)
            + T.tf(
                "aws_cloudtrail", "  name = \"audit\"\n  s3_bucket_name = aws_s3_bucket.example.id\n" + lines,
                name: "audit")
    }

    static func cfnTrail(_ properties: String = "", bucket: String = "") -> String {
        AWSChecks.cfnBucket(bucket)
            + "  Trail:\n    Type: AWS::CloudTrail::Trail\n    Properties:\n      IsLogging: true\n      S3BucketName: !Ref Bucket\n"
            + properties
    }

    static let dataEvents =
        "  event_selector {\n    read_write_type = \"All\"\n    data_resource {\n      type = \"AWS::S3::Object\"\n      values = [\"arn:aws:s3:::example/\"]\n    }\n  }\n"

    /// S3 object-level logging in one direction (`read`: every selector but `WriteOnly`).
    static func objectLogging(_ id: String, _ name: String, _ field: String, _ kind: String) -> Check {
        Cloud.check(
            .cloud(
                id, service: "s3", kinds: ["aws.s3.dataevents"], name: name,
                title:
                    "S3 object-level API operations such as GetObject, DeleteObject, and PutObject are called data events. By default, CloudTrail trails don't log data events and so it is recommended to enable Object-level logging for S3 buckets.",
                severity: .low,
                description:
                    "CloudTrail logs object-level \(kind) operations on a bucket only when a trail's event selectors include the bucket's objects (`AWS::S3::Object`); without them, who \(kind == "read" ? "read" : "changed or deleted") which object is not recorded.",
                resolution:
                    "Add an `event_selector` (`EventSelectors`) with a `data_resource` of type `AWS::S3::Object` covering the bucket to a trail.",
                references: [
                    "https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-cloudtrail-logging-for-s3.html"
                ],
                cloudFormation: true),
            examples: CheckExamples(
                failing: [
                    AWSChecks.tfBucket(),
                    trail(
                        kind == "read"
                            ? dataEvents.replacingOccurrences(of: "\"All\"", with: "\"WriteOnly\"")
                            : dataEvents.replacingOccurrences(of: "\"All\"", with: "\"ReadOnly\"")),
                ],
                passing: [
                    trail(dataEvents),
                    cfnTrail(
                        "      EventSelectors:\n        - ReadWriteType: All\n          DataResources:\n            - Type: AWS::S3::Object\n              Values:\n                - arn:aws:s3\n"
                    ),
                ])
        ) { bucket in
            Cloud.isTrue(
                bucket[field], "Bucket does not have object-level \(kind) logging enabled", at: bucket.source.range)
        }
    }

    static let all: [Check] = [
        Cloud.check(
            .cloud(
                "AWS-0161", service: "cloudtrail", kinds: ["aws.cloudtrail.bucket"], name: "no-public-log-access",
                title: "The S3 Bucket backing Cloudtrail should be private", severity: .critical,
                description:
                    "CloudTrail logs record every API call of the account; a public ACL on their bucket lets anyone study the account for weaknesses.",
                resolution: "Make the trail's bucket private and block public ACLs.",
                references: [
                    "https://docs.aws.amazon.com/AmazonS3/latest/userguide/configuring-block-public-access-bucket.html"
                ]),
            examples: CheckExamples(
                failing: [
                    trail(bucketLines: "  acl = \"public-read\"\n"),
                    cfnTrail(bucket: "      AccessControl: PublicRead\n"),
                ],
                passing: [
                    trail(bucketLines: "  acl = \"private\"\n"), cfnTrail(bucket: "      AccessControl: Private\n"),
                ])
        ) { trail in
            let bucket = trail.fields
            guard let acl = bucket["acl"] else { return [] }
            if let origin = acl.unknownOrigin {
                return [CheckFailure(undecided: "Trail bucket ACL", origin: origin, range: acl.range)]
            }
            guard AWSChecks.exposes(cannedACL: acl.text ?? "", accessBlock: bucket["publicAccessBlock"]) else {
                return []
            }
            return [
                CheckFailure(
                    "Trail S3 bucket is publicly exposed", range: trail["bucketRange"]?.range ?? trail.source.range)
            ]
        },
        Cloud.check(
            .cloud(
                "AWS-0162", service: "cloudtrail", kinds: ["aws.cloudtrail.trail"],
                name: "ensure-cloudwatch-integration",
                title: "CloudTrail logs should be stored in S3 and also sent to CloudWatch Logs", severity: .low,
                description:
                    "Trail files in S3 can be analysed only after the fact; sending them to CloudWatch Logs as well allows alarms and metric filters on API activity as it happens.",
                resolution:
                    "Set `cloud_watch_logs_group_arn` (`CloudWatchLogsLogGroupArn`) and the role that delivers to it.",
                references: [trailURL + "send-cloudtrail-events-to-cloudwatch-logs.html"]),
            examples: CheckExamples(
                failing: [
                    T.tf("aws_cloudtrail", "  name = \"audit\"\n"),
                    T.cfn("AWS::CloudTrail::Trail", "      IsLogging: true\n"),
                ],
                passing: [
                    T.tf(
                        "aws_cloudtrail",
                        "  name = \"audit\"\n  cloud_watch_logs_group_arn = \"${aws_cloudwatch_log_group.trail.arn}:*\"\n"
                    ),
                    T.cfn(
                        "AWS::CloudTrail::Trail",
                        "      IsLogging: true\n      CloudWatchLogsLogGroupArn: !GetAtt Logs.Arn\n"),
                ])
        ) { trail in
            Cloud.nonEmpty(
                trail["cloudWatchLogGroup"], "Trail does not have CloudWatch logging configured", at: trail.source.range
            )
        },
        Cloud.check(
            .cloud(
                "AWS-0163", service: "cloudtrail", kinds: ["aws.cloudtrail.bucket"],
                name: "require-bucket-access-logging",
                title: "You should enable bucket access logging on the CloudTrail S3 bucket.", severity: .low,
                description:
                    "Access logs of the trail's bucket show who read or tampered with the audit trail itself.",
                resolution: "Enable server access logging on the trail's bucket.",
                references: ["https://docs.aws.amazon.com/AmazonS3/latest/userguide/ServerLogs.html"]),
            examples: CheckExamples(
                failing: [trail(), cfnTrail()],
                passing: [
                    trail(bucketLines: "  logging {\n    target_bucket = \"access-logs\"\n  }\n"),
                    cfnTrail(bucket: "      LoggingConfiguration:\n        DestinationBucketName: access-logs\n"),
                ])
        ) { trail in
            Cloud.isTrue(
                trail["logging.enabled"], "Trail S3 bucket does not have logging enabled",
                at: trail["bucketRange"]?.range ?? trail.source.range)
        },
        objectLogging("AWS-0171", "enable-object-write-logging", "objectWriteLogging", "write"),
        objectLogging("AWS-0172", "enable-object-read-logging", "objectReadLogging", "read"),
        Cloud.check(
            .cloud(
                "AWS-0320", service: "s3", kinds: AWSChecks.bucket, name: "dns-compliant-name",
                title: "S3 DNS Compliant Bucket Names", severity: .medium,
                description:
                    "Bucket names with dots break virtual-hosted-style TLS (the wildcard certificate does not match) and cannot use Transfer Acceleration.",
                resolution: "Use `-` instead of `.` in bucket names (the bucket must be recreated).",
                references: ["https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html"]),
            examples: CheckExamples(
                failing: [
                    T.tf("aws_s3_bucket", "  bucket = \"logs.example.com\"\n"),
                    T.cfn("AWS::S3::Bucket", "      BucketName: logs.example.com\n"),
                ],
                passing: [
                    T.tf("aws_s3_bucket", "  bucket = \"logs-example-com\"\n"),
                    T.cfn("AWS::S3::Bucket", "      BucketName: logs\n"),
                ])
        ) { bucket in
            guard let name = bucket["name"] else { return [] }
            if let origin = name.unknownOrigin {
                return [CheckFailure(undecided: "Bucket name", origin: origin, range: name.range)]
            }
            return (name.text ?? "").contains(".")
                ? [CheckFailure("S3 bucket name is not DNS compliant.", at: name)] : []
        },
        Cloud.check(
            .cloud(
                "AWS-0067", service: "lambda", kinds: ["aws.lambda.permission"], name: "restrict-source-arn",
                title: "Ensure that lambda function permission has a source arn specified", severity: .critical,
                description:
                    "A permission for an AWS service principal (`s3.amazonaws.com`, `events.amazonaws.com`) without `source_arn` lets any resource of that service invoke the function, including resources in other accounts.",
                resolution: "Set `source_arn` (`SourceArn`) to the bucket, rule or API that may invoke the function.",
                references: ["https://docs.aws.amazon.com/lambda/latest/dg/access-control-resource-based.html"]),
            examples: CheckExamples(
                failing: [
                    T.tf(
                        "aws_lambda_permission",
                        "  action = \"lambda:InvokeFunction\"\n  function_name = \"handler\"\n  principal = \"s3.amazonaws.com\"\n"
                    ),
                    T.cfn(
                        "AWS::Lambda::Permission",
                        "      Action: lambda:InvokeFunction\n      FunctionName: handler\n      Principal: s3.amazonaws.com\n"
                    ),
                ],
                passing: [
                    T.tf(
                        "aws_lambda_permission",
                        "  action = \"lambda:InvokeFunction\"\n  function_name = \"handler\"\n  principal = \"s3.amazonaws.com\"\n  source_arn = aws_s3_bucket.uploads.arn\n"
                    ),
                    T.cfn(
                        "AWS::Lambda::Permission",
                        "      Action: lambda:InvokeFunction\n      FunctionName: handler\n      Principal: s3.amazonaws.com\n      SourceArn: arn:aws:s3:::uploads\n"
                    ),
                ])
        ) { permission in
            guard let principal = permission["principal"] else { return [] }
            let message = "Lambda permission lacks source ARN for *.amazonaws.com principal."
            if let origin = principal.unknownOrigin {
                return permission["sourceArn"] == nil
                    ? [CheckFailure(undecided: message, origin: origin, range: principal.range)] : []
            }
            guard (principal.text ?? "").hasSuffix(".amazonaws.com") else { return [] }
            return Cloud.nonEmpty(permission["sourceArn"], message, at: permission.source.range)
        },
    ]
}
