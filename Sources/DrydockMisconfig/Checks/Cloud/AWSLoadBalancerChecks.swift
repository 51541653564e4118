/// Built-in checks of Elastic Load Balancing (v2) load balancers and their listeners.
enum AWSLoadBalancerChecks {
    typealias T = CloudExampleText
    static let elbURL = "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/"
    static let kinds: Set<String> = ["aws.elb.loadbalancer"]

    /// Predefined policies that allow TLS 1.0 or 1.1 or weak ciphers (Trivy's list).
    static let outdatedPolicies: Set<String> = [
        "ELBSecurityPolicy-2015-05", "ELBSecurityPolicy-2016-08", "ELBSecurityPolicy-FS-2018-06",
        "ELBSecurityPolicy-FS-1-1-2019-08", "ELBSecurityPolicy-TLS-1-0-2015-04", "ELBSecurityPolicy-TLS-1-1-2017-01",
        "ELBSecurityPolicy-TLS13-1-0-2021-06", "ELBSecurityPolicy-TLS13-1-1-2021-06",
        "ELBSecurityPolicy-TLS13-1-2-Ext1-2021-06", "ELBSecurityPolicy-TLS13-1-2-Ext2-2021-06",
    ]

    static func isApplication(_ balancer: CloudObject) -> Bool { balancer["type"]?.text == "application" }

    static let all: [Check] = [
        Cloud.check(
            .cloud(
                "AWS-0053", service: "elb", kinds: kinds, name: "alb-not-public",
                title: "Load balancer is exposed to the internet.",
                severity: .high,
                description:
                    "An internet-facing load balancer exposes its targets to the internet; make it internal unless it is the public entry point.",
                resolution: "Set `internal = true` (`Scheme: internal`).",
                references: [elbURL + "application-load-balancers.html"]),
            examples: CheckExamples(
                failing: [
                    T.tf("aws_lb", "  name = \"web\"\n"),
                    T.cfn("AWS::ElasticLoadBalancingV2::LoadBalancer", "      Scheme: internet-facing\n"),
                ],
                passing: [
                    T.tf("aws_lb", "  internal = true\n"), T.tf("aws_lb", "  load_balancer_type = \"gateway\"\n"),
                    T.cfn("AWS::ElasticLoadBalancingV2::LoadBalancer", "      Scheme: internal\n"),
                ])
        ) { balancer in
            if balancer["type"]?.text == "gateway" { return [] }
            return Cloud.isTrue(balancer["internal"], "Load balancer is exposed publicly.", at: balancer.source.range)
        },
        Cloud.check(
            .cloud(
                "AWS-0052", service: "elb", kinds: kinds, name: "drop-invalid-headers",
                title: "Load balancers should drop invalid headers",
                severity: .high,
                description:
                    "Passing malformed HTTP headers on to targets enables request smuggling against servers that parse them differently.",
                resolution:
                    "Set `drop_invalid_header_fields = true` (attribute `routing.http.drop_invalid_header_fields.enabled`).",
                references: [elbURL + "application-load-balancers.html#desync-mitigation-mode"]),
            examples: CheckExamples(
                failing: [
                    T.tf("aws_lb", "  internal = true\n"),
                    T.cfn("AWS::ElasticLoadBalancingV2::LoadBalancer", "      Scheme: internal\n"),
                ],
                passing: [
                    T.tf("aws_lb", "  drop_invalid_header_fields = true\n"),
                    T.cfn(
                        "AWS::ElasticLoadBalancingV2::LoadBalancer",
                        "      LoadBalancerAttributes:\n        - Key: routing.http.drop_invalid_header_fields.enabled\n          Value: \"true\"\n"
                    ),
                ])
        ) { balancer in
            guard isApplication(balancer) else { return [] }
            return Cloud.isTrue(
                balancer["dropInvalidHeaders"], "Application load balancer is not set to drop invalid headers.",
                at: balancer.source.range)
        },
        Cloud.check(
            .cloud(
                "AWS-0054", service: "elb", kinds: kinds, name: "http-not-used", title: "Use of plain HTTP.",
                severity: .critical,
                description:
                    "A plain HTTP listener sends requests, cookies and credentials unencrypted. Listeners that only redirect to HTTPS are accepted.",
                resolution: "Use an HTTPS listener, or make the HTTP listener redirect to HTTPS.",
                references: [elbURL + "create-https-listener.html"]),
            examples: CheckExamples(
                failing: [
                    T.tf("aws_lb", "  internal = true\n")
                        + T.tf(
                            "aws_lb_listener",
                            "  load_balancer_arn = aws_lb.example.arn\n  protocol = \"HTTP\"\n  default_action {\n    type = \"forward\"\n  }\n",
                            name: "http"),
                    T.cfn(
                        "AWS::ElasticLoadBalancingV2::LoadBalancer", "      Scheme: internal\n",
                        extra:
                            "  Listener:\n    Type: AWS::ElasticLoadBalancingV2::Listener\n    Properties:\n      LoadBalancerArn: !Ref Example\n      Protocol: HTTP\n      DefaultActions:\n        - Type: forward\n"
                    ),
                ],
                passing: [
                    T.tf("aws_lb", "  internal = true\n")
                        + T.tf(
                            "aws_lb_listener", "  load_balancer_arn = aws_lb.example.arn\n  protocol = \"HTTPS\"\n",
                            name: "https"),
                    T.tf("aws_lb", "  internal = true\n")
                        + T.tf(
                            "aws_lb_listener",
                            "  load_balancer_arn = aws_lb.example.arn\n  protocol = \"HTTP\"\n  default_action {\n    type = \"redirect\"\n  }\n",
                            name: "http"),
                    T.cfn(
                        "AWS::ElasticLoadBalancingV2::LoadBalancer", "      Scheme: internal\n",
                        extra:
                            "  Listener:\n    Type: AWS::ElasticLoadBalancingV2::Listener\n    Properties:\n      LoadBalancerArn: !Ref Example\n      Protocol: HTTPS\n"
                    ),
                ])
        ) { balancer in
            guard isApplication(balancer) else { return [] }
            return (balancer["listeners"]?.items ?? []).compactMap { listener in
                guard listener["protocol"]?.text == "HTTP", listener["redirects"]?.bool != true else { return nil }
                return CheckFailure("Listener for application load balancer does not use HTTPS.", at: listener)
            }
        },
        Cloud.check(
            .cloud(
                "AWS-0047", service: "elb", kinds: kinds, name: "use-secure-tls-policy",
                title: "An outdated SSL policy is in use by a load balancer.", severity: .critical,
                description:
                    "You should not use outdated/insecure TLS versions for encryption. You should be using TLS v1.2+. The predefined policies that still allow TLS 1.0 or 1.1 (or weak ciphers) are flagged.",
                resolution: "Use a more recent TLS/SSL policy for the load balancer",
                references: [elbURL + "describe-ssl-policies.html"]),
            examples: CheckExamples(
                failing: [
                    T.tf("aws_lb", "  internal = true\n")
                        + T.tf(
                            "aws_lb_listener",
                            "  load_balancer_arn = aws_lb.example.arn\n  protocol = \"HTTPS\"\n  ssl_policy = \"ELBSecurityPolicy-TLS-1-1-2017-01\"\n",
                            name: "https"),
                    T.cfn(
                        "AWS::ElasticLoadBalancingV2::LoadBalancer", "      Scheme: internal\n",
                        extra:
                            "  Listener:\n    Type: AWS::ElasticLoadBalancingV2::Listener\n    Properties:\n      LoadBalancerArn: !Ref Example\n      Protocol: HTTPS\n      SslPolicy: ELBSecurityPolicy-2016-08\n"
                    ),
                ],
                passing: [
                    T.tf("aws_lb", "  internal = true\n")
                        + T.tf(
                            "aws_lb_listener",
                            "  load_balancer_arn = aws_lb.example.arn\n  protocol = \"HTTPS\"\n  ssl_policy = \"ELBSecurityPolicy-TLS13-1-2-2021-06\"\n",
                            name: "https"),
                    T.cfn(
                        "AWS::ElasticLoadBalancingV2::LoadBalancer", "      Scheme: internal\n",
                        extra:
                            "  Listener:\n    Type: AWS::ElasticLoadBalancingV2::Listener\n    Properties:\n      LoadBalancerArn: !Ref Example\n      Protocol: HTTPS\n      SslPolicy: ELBSecurityPolicy-TLS13-1-2-2021-06\n"
                    ),
                ])
        ) { balancer in
            (balancer["listeners"]?.items ?? []).compactMap { listener in
                guard let policy = listener["tlsPolicy"] else { return nil }
                if let origin = policy.unknownOrigin {
                    return CheckFailure(undecided: "Listener TLS policy", origin: origin, range: policy.range)
                }
                return outdatedPolicies.contains(policy.text ?? "")
                    ? CheckFailure("Listener uses an outdated TLS policy.", at: policy) : nil
            }
        },
    ]
}
