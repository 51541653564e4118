import DrydockModel

/// SSH and RDP open to the internet through Google Cloud firewall rules and Azure network security groups
/// (Trivy's GCP-0070, GCP-0071, AZU-0048, AZU-0050).
enum RemoteAccessChecks {
    typealias T = CloudExampleText

    static func firewall(_ ports: String, source: String = "0.0.0.0/0", tags: String = "") -> String {
        T.tf(
            "google_compute_firewall",
            "  network = \"default\"\n  allow {\n    protocol = \"tcp\"\n    ports = [\(ports)]\n  }\n  source_ranges = [\"\(source)\"]\n"
                + tags)
    }

    static func nsg(_ port: String, source: String = "*", protocol: String = "Tcp") -> String {
        T.tf(
            "azurerm_network_security_group",
            "  name = \"admin\"\n  security_rule {\n    name = \"admin\"\n    direction = \"Inbound\"\n    access = \"Allow\"\n    protocol = \"\(`protocol`)\"\n    destination_port_range = \"\(port)\"\n    source_address_prefix = \"\(source)\"\n  }\n"
        )
    }

    /// The source ranges of a Google ingress allow rule that reach `port` over TCP from anywhere.
    static func googleOpen(_ firewall: CloudObject, port: Int, ignoreTagged: Bool, _ message: String) -> [CheckFailure]
    {
        guard firewall["direction"]?.text?.uppercased() != "EGRESS", firewall["disabled"]?.bool != true,
            !(ignoreTagged && firewall["tagged"]?.bool == true)
        else { return [] }
        let reaches = (firewall["allowRules"]?.items ?? []).contains { rule in
            let proto = (rule["protocol"]?.text ?? "").lowercased()
            guard ["tcp", "6", "all"].contains(proto) else { return false }
            let ports = rule["ports"]?.listItems ?? []
            return ports.isEmpty || ports.contains { Cloud.portSpec($0.text ?? "", includes: port) }
        }
        guard reaches else { return [] }
        return (firewall["sourceRanges"]?.listItems ?? []).compactMap { source in
            if let origin = source.unknownOrigin {
                return CheckFailure(undecided: "Firewall source range", origin: origin, range: source.range)
            }
            return Cloud.allowsAllAddresses(source.text ?? "") ? CheckFailure(message, at: source) : nil
        }
    }

    /// The sources of Azure inbound allow rules (not ICMP) that reach `port` from anywhere.
    static func azureOpen(_ group: CloudObject, port: Int, _ message: String) -> [CheckFailure] {
        (group["rules"]?.items ?? []).filter { rule in
            rule["direction"]?.text?.lowercased() == "inbound" && rule["access"]?.text?.lowercased() == "allow"
                && rule["protocol"]?.text?.lowercased() != "icmp"
                && (rule["ports"]?.items ?? []).contains { Cloud.portSpec($0.text ?? "", includes: port) }
        }.flatMap { rule in
            (rule["sources"]?.items ?? []).compactMap { source in
                if let origin = source.unknownOrigin {
                    return CheckFailure(undecided: "Security rule source", origin: origin, range: source.range)
                }
                let text = source.text ?? ""
                return Cloud.allowsAllAddresses(text) || ["internet", "any"].contains(text.lowercased())
                    ? CheckFailure(message, at: source) : nil
            }
        }
    }

    static let firewallURL = "https://cloud.google.com/firewall/docs/firewalls"
    static let nsgURL = "https://learn.microsoft.com/azure/virtual-network/network-security-groups-overview"

    static let all: [Check] = [
        Cloud.terraformCheck(
            "GCP-0071", "compute", kind: "google.compute.firewall", name: "restrict-ssh-access",
            title: "SSH Access Is Not Restricted", severity: .medium,
            description:
                "Firewall rules should restrict SSH (TCP/22) access to specific IPs. Open SSH can be a security risk.",
            resolution:
                "Restrict SSH (TCP port 22) access in firewall rules to known IP addresses or ranges, or use Identity-Aware Proxy.",
            reference: firewallURL,
            failing: [
                firewall("\"22\""), firewall("\"20-30\""), firewall("\"22\"", tags: "  target_tags = [\"bastion\"]\n"),
            ],
            passing: [firewall("\"22\"", source: "35.235.240.0/20"), firewall("\"443\"")],
            aliases: ["ssh-access-is-not-restricted"]
        ) { rule in
            googleOpen(rule, port: 22, ignoreTagged: false, "Firewall rule allows SSH access from the public internet.")
        },
        Cloud.terraformCheck(
            "GCP-0070", "compute", kind: "google.compute.firewall", name: "no-open-rdp-access",
            title: "RDP Access Is Not Restricted", severity: .high,
            description:
                "Firewall rules should restrict RDP (TCP/3389) access to specific IP ranges. Open RDP access can be a security risk. Rules scoped by source or target tags are left out, as in Trivy.",
            resolution:
                "Restrict RDP (TCP port 3389) ingress in firewall rules. Only allow trusted IP ranges or use Identity-Aware Proxy for RDP access.",
            reference: firewallURL,
            failing: [firewall("\"3389\""), firewall("")],
            passing: [
                firewall("\"3389\"", source: "10.0.0.0/8"), firewall("\"3389\"", tags: "  target_tags = [\"rdp\"]\n"),
            ],
            aliases: ["rdp-access-not-restricted"]
        ) { rule in
            googleOpen(
                rule, port: 3389, ignoreTagged: true,
                "Firewall rule allows unrestricted access to TCP port 3389 from any IP address.")
        },
        Cloud.terraformCheck(
            "AZU-0050", "network", kind: "azure.network.securitygroup", name: "ssh-blocked-from-internet",
            title: "Security group should not allow unrestricted ingress to SSH port from any IP address.",
            severity: .critical,
            description:
                "SSH access can be configured on either the network security group or in the network security group rule. SSH access should not be permitted from the internet (*, 0.0.0.0, /0, internet, any)",
            resolution: "Block port 22 access from the internet", reference: nsgURL,
            failing: [nsg("22"), nsg("*", source: "Internet")],
            passing: [nsg("22", source: "10.0.0.0/8"), nsg("443"), nsg("22", protocol: "Icmp")]
        ) { group in
            azureOpen(
                group, port: 22, "Security group rule allows unrestricted ingress to SSH port from any IP address.")
        },
        Cloud.terraformCheck(
            "AZU-0048", "network", kind: "azure.network.securitygroup", name: "disable-rdp-from-internet",
            title: "A security group should not allow unrestricted ingress to the RDP port from any IP address.",
            severity: .critical,
            description:
                "RDP access can be configured on either the network security group or in the network security group rule. RDP access should not be permitted from the internet (*, 0.0.0.0, /0, internet, any). Consider using the Azure Bastion Service.",
            resolution: "Block RDP port from internet",
            reference: "https://learn.microsoft.com/azure/bastion/bastion-overview",
            failing: [nsg("3389"), nsg("3000-4000", source: "0.0.0.0/0")],
            passing: [nsg("3389", source: "10.0.0.0/8"), nsg("22", source: "10.0.0.0/8")]
        ) { group in
            azureOpen(
                group, port: 3389, "Security group rule allows unrestricted ingress to RDP port from any IP address.")
        },
    ]
}
