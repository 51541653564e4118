import DrydockModel

/// Google Compute Engine network checks: firewall rules (egress, port ranges, default rules), subnetworks
/// (flow logs, Private Google Access) and SSL policies.
enum GoogleNetworkChecks {
    typealias T = CloudExampleText

    static let firewallDocs = "https://cloud.google.com/firewall/docs/firewalls"

    static func firewall(_ lines: String, protocol proto: String = "tcp", ports: String? = "\"22\"") -> String {
        let portLine = ports.map { "    ports = [\($0)]\n" } ?? ""
        return T.tf(
            "google_compute_firewall",
            "  name = \"rule\"\n  network = \"default\"\n  allow {\n    protocol = \"\(proto)\"\n\(portLine)  }\n"
                + lines)
    }

    static func subnetwork(_ lines: String) -> String {
        T.tf(
            "google_compute_subnetwork",
            "  name = \"subnet\"\n  ip_cidr_range = \"10.2.0.0/16\"\n  network = google_compute_network.vpc.id\n"
                + lines)
    }

    static let flowLogs =
        "  log_config {\n    aggregation_interval = \"INTERVAL_10_MIN\"\n    flow_sampling = 0.5\n  }\n"

    static func isEnforcedAllow(_ firewall: CloudObject) -> Bool {
        firewall["allows"]?.bool == true && firewall["disabled"]?.bool != true
    }

    static func isEgress(_ firewall: CloudObject) -> Bool { firewall["direction"]?.text?.uppercased() == "EGRESS" }

    /// Port ranges of a firewall `allow` block (`"22"`, `"1000-2000"`), as bounds; unparsable ones are left out.
    static func bounds(_ text: String) -> (low: Int, high: Int)? {
        let parts = text.split(separator: "-", maxSplits: 1).map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard let low = parts.first ?? nil else { return nil }
        return (low, parts.count == 2 ? (parts[1] ?? low) : low)
    }

    /// A subnetwork check that leaves proxy-only subnetworks alone (they carry no VM traffic).
    static func flowLogCheck(_ id: String, _ name: String, title: String, severity: Severity, description: String)
        -> Check
    {
        Cloud.terraformCheck(
            id, "compute", kind: "google.compute.subnetwork", name: name, title: title, severity: severity,
            description: description, resolution: "Add a `log_config` block to the subnetwork.",
            reference: "https://cloud.google.com/vpc/docs/using-flow-logs",
            failing: [subnetwork("")],
            passing: [
                subnetwork(flowLogs), subnetwork("  purpose = \"REGIONAL_MANAGED_PROXY\"\n  role = \"ACTIVE\"\n"),
            ]
        ) { subnet in
            if let purpose = subnet["purpose"] {
                if let origin = purpose.unknownOrigin, subnet["flowLogs"] == nil {
                    return [CheckFailure(undecided: "Subnetwork purpose", origin: origin, range: purpose.range)]
                }
                if ["REGIONAL_MANAGED_PROXY", "GLOBAL_MANAGED_PROXY", "INTERNAL_HTTPS_LOAD_BALANCER"].contains(
                    purpose.text ?? "")
                {
                    return []
                }
            }
            return Cloud.isTrue(
                subnet["flowLogs"], "Subnetwork does not have VPC flow logs enabled.", at: subnet.source.range)
        }
    }

    static let all: [Check] = firewalls + subnetworks

    static let firewalls: [Check] = [
        Cloud.terraformCheck(
            "GCP-0035", "compute", kind: "google.compute.firewall", name: "no-public-egress",
            title: "A firewall rule should not allow unrestricted egress to any IP address.", severity: .critical,
            description:
                "An egress allow rule to `0.0.0.0/0` (the default when `destination_ranges` is left out) lets instances send data anywhere on the internet.",
            resolution: "Set `destination_ranges` to the networks that must be reached.",
            reference: firewallDocs,
            failing: [
                firewall("  direction = \"EGRESS\"\n  destination_ranges = [\"0.0.0.0/0\"]\n"),
                firewall("  direction = \"EGRESS\"\n"),
            ],
            passing: [firewall("  direction = \"EGRESS\"\n  destination_ranges = [\"10.0.0.0/8\"]\n")]
        ) { firewall in
            guard isEgress(firewall), isEnforcedAllow(firewall) else { return [] }
            let message = "Firewall rule allows unrestricted egress to any IP address."
            guard let destinations = firewall["destinationRanges"], !destinations.listItems.isEmpty else {
                if let origin = firewall["destinationRanges"]?.unknownOrigin {
                    return [
                        CheckFailure(undecided: message, origin: origin, range: firewall["destinationRanges"]?.range)
                    ]
                }
                return [CheckFailure(message, range: firewall.source.range)]
            }
            return destinations.listItems.compactMap { destination in
                if let origin = destination.unknownOrigin {
                    return CheckFailure(undecided: message, origin: origin, range: destination.range)
                }
                return Cloud.allowsAllAddresses(destination.text ?? "") ? CheckFailure(message, at: destination) : nil
            }
        },
        Cloud.terraformCheck(
            "GCP-0072", "compute", kind: "google.compute.firewall", name: "disable-allow-all-ports",
            title: "Google Compute Network Using Firewall Rule that Allows All Ports", severity: .medium,
            description:
                "An allow block without `ports`, with `0-65535`, or with protocol `all` opens every port: lock rules down to the ports the service needs.",
            resolution: "List the needed ports in each `allow` block and name a protocol.",
            reference: "https://cloud.google.com/firewall/docs/firewalls#protocols_and_ports",
            failing: [firewall("", ports: nil), firewall("", ports: "\"0-65535\""), firewall("", protocol: "all")],
            passing: [firewall("", ports: "\"443\"")]
        ) { firewall in
            guard isEnforcedAllow(firewall) else { return [] }
            return (firewall["allowRules"]?.items ?? []).compactMap { rule in
                let message = "Firewall rule allows access to all ports."
                if let origin = rule["ports"]?.unknownOrigin ?? rule["protocol"]?.unknownOrigin {
                    return CheckFailure(undecided: message, origin: origin, range: rule.range)
                }
                let proto = (rule["protocol"]?.text ?? "").lowercased()
                let ports = rule["ports"]?.listItems.compactMap(\.text) ?? []
                let all =
                    ["all", "-1"].contains(proto) || ports.isEmpty
                    || ports.contains { bounds($0).map { $0.low <= 0 && $0.high >= 65535 } ?? false }
                return all ? CheckFailure(message, range: rule.range) : nil
            }
        },
        Cloud.terraformCheck(
            "GCP-0074", "compute", kind: "google.compute.firewall", name: "disable-port-range-rule",
            title: "Google Compute Network Using Firewall Rule that Allows Large Port Range", severity: .low,
            description:
                "Broad port ranges expose services nobody meant to publish. Ranges wider than 30 ports are flagged, as by Trivy.",
            resolution: "Open only the ports the service needs.",
            reference: "https://cloud.google.com/firewall/docs/firewalls#protocols_and_ports",
            failing: [firewall("", ports: "\"1000-2000\"")],
            passing: [
                firewall("", ports: "\"8000-8010\""), firewall("  direction = \"EGRESS\"\n", ports: "\"1000-2000\""),
            ]
        ) { firewall in
            guard !isEgress(firewall) else { return [] }
            return (firewall["allowRules"]?.items ?? []).flatMap { rule in
                (rule["ports"]?.listItems ?? []).compactMap { port -> CheckFailure? in
                    guard let range = bounds(port.text ?? ""), range.high - range.low > 30 else { return nil }
                    return CheckFailure(
                        "Firewall rule allows a large port range (\(range.high - range.low) ports, max allowed: 30).",
                        at: port)
                }
            }
        },
        Cloud.terraformCheck(
            "GCP-0073", "compute", kind: "google.compute.firewall", name: "disable-default-firewall-rules",
            title: "Disable Default Firewall Rules", severity: .medium,
            description:
                "Rules like those of the default network — all internal traffic from `10.128.0.0/9`, or SSH, RDP and ICMP from anywhere — are broader than most workloads need.",
            resolution: "Replace them with rules scoped to the sources, targets and ports required.",
            reference: "https://cloud.google.com/firewall/docs/firewalls#more_rules_default_vpc",
            failing: [
                firewall("  source_ranges = [\"10.128.0.0/9\"]\n"), firewall("  source_ranges = [\"0.0.0.0/0\"]\n"),
            ],
            passing: [firewall("  source_ranges = [\"10.10.0.0/24\"]\n")]
        ) { firewall in
            guard !isEgress(firewall), isEnforcedAllow(firewall) else { return [] }
            let message = "Default firewall rule should be disabled and replaced with more restrictive rules."
            return (firewall["sourceRanges"]?.listItems ?? []).compactMap { source in
                if let origin = source.unknownOrigin {
                    return CheckFailure(undecided: message, origin: origin, range: source.range)
                }
                let text = source.text ?? ""
                return text == "10.128.0.0/9" || Cloud.allowsAllAddresses(text)
                    ? CheckFailure(message, at: source) : nil
            }
        },
        Cloud.terraformCheck(
            "GCP-0039", "compute", kind: "google.compute.sslpolicy", name: "use-secure-tls-policy",
            title: "SSL policies should enforce secure versions of TLS", severity: .critical,
            description:
                "TLS 1.0 and 1.1 are deprecated and weak; an SSL policy without `min_tls_version` accepts TLS 1.0.",
            resolution: "Set `min_tls_version = \"TLS_1_2\"`.",
            reference: "https://cloud.google.com/load-balancing/docs/ssl-policies-concepts",
            failing: [
                T.tf("google_compute_ssl_policy", "  name = \"tls\"\n  min_tls_version = \"TLS_1_1\"\n"),
                T.tf("google_compute_ssl_policy", "  name = \"tls\"\n"),
            ],
            passing: [T.tf("google_compute_ssl_policy", "  name = \"tls\"\n  min_tls_version = \"TLS_1_2\"\n")]
        ) { policy in
            Cloud.require(
                policy["minTlsVersion"], "TLS policy does not specify a minimum of TLS 1.2", at: policy.source.range
            ) { ["TLS_1_2", "TLS_1_3"].contains($0.text ?? "") }
        },
    ]

    static let subnetworks: [Check] = [
        flowLogCheck(
            "GCP-0029", "enable-vpc-flow-logs", title: "VPC flow logs should be enabled for all subnetworks",
            severity: .low,
            description:
                "VPC flow logs record the traffic of a subnetwork's instances, which network forensics and anomaly detection need."
        ),
        flowLogCheck(
            "GCP-0076", "google-compute-subnetwork-logging", title: "Google Compute Subnetwork Logging Disabled",
            severity: .medium,
            description:
                "Flow logs capture the subnetwork's traffic details for security analysis; without them, connections leave no record."
        ),
        Cloud.terraformCheck(
            "GCP-0075", "compute", kind: "google.compute.subnetwork", name: "enable-subnetwork-private-google-access",
            title: "Google Compute Subnetwork with Private Google Access Disabled", severity: .low,
            description:
                "With Private Google Access, instances without public addresses reach Google APIs over internal routes instead of needing internet egress.",
            resolution: "Set `private_ip_google_access = true`.",
            reference: "https://cloud.google.com/vpc/docs/private-google-access",
            failing: [subnetwork(""), subnetwork("  private_ip_google_access = false\n")],
            passing: [subnetwork("  private_ip_google_access = true\n")]
        ) { subnet in
            let explicit = subnet["privateGoogleAccess"] != nil
            return Cloud.isTrue(
                subnet["privateGoogleAccess"],
                explicit
                    ? "Subnetwork has Private Google Access explicitly disabled."
                    : "Subnetwork does not have Private Google Access configured.", at: subnet.source.range)
        },
    ]
}
