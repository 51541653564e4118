/// Built-in checks of Elastic Load Balancing (v2) load balancers and their listeners.
enum AWSLoadBalancerChecks {
    typealias T = CloudExampleText
    static let elbURL = "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/"
    static let kinds: Set<String> = ["aws.elb.loadbalancer"]

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
    ]
}
