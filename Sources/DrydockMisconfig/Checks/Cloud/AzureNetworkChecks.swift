import DrydockModel

/// Azure network checks: security rule egress and sensitive ports, flow logs, and network interfaces
/// (Trivy's `AZU-0049`…`AZU-0076`).
enum AzureNetworkChecks {
    typealias T = CloudExampleText

    static let docs = "https://learn.microsoft.com/azure/"

    /// A security group with one rule.
    static func group(_ direction: String, port: String, source: String = "10.0.0.0/8", destination: String = "*")
        -> String
    {
        T.tf(
            "azurerm_network_security_group",
            "  name = \"web\"\n  security_rule {\n    name = \"r\"\n    priority = 100\n    direction = \"\(direction)\"\n    access = \"Allow\"\n    protocol = \"Tcp\"\n    source_port_range = \"*\"\n    destination_port_range = \"\(port)\"\n    source_address_prefix = \"\(source)\"\n    destination_address_prefix = \"\(destination)\"\n  }\n"
        )
    }

    static func rules(_ group: CloudObject, direction: String) -> [ConfigNode] {
        (group["rules"]?.items ?? []).filter {
            $0["direction"]?.text?.lowercased() == direction && $0["access"]?.text?.lowercased() == "allow"
        }
    }

    /// Whether an address prefix stands for every address (`*`, `0.0.0.0/0`, `Internet`, `Any`).
    static func isAnyAddress(_ text: String) -> Bool {
        Cloud.allowsAllAddresses(text) || ["internet", "any"].contains(text.lowercased())
    }

    /// The addresses of `rules` at `key` that allow every address, or undecided ones.
    static func openAddresses(_ rules: [ConfigNode], _ key: String, _ message: String) -> [CheckFailure] {
        rules.flatMap { rule in
            (rule[key]?.items ?? []).compactMap { address in
                if let origin = address.unknownOrigin {
                    return CheckFailure(undecided: message, origin: origin, range: address.range)
                }
                return isAnyAddress(address.text ?? "") ? CheckFailure(message, at: address) : nil
            }
        }
    }

    static let sensitivePorts = [
        20, 21, 23, 25, 53, 110, 135, 139, 143, 161, 389, 636, 993, 995, 1433, 1521, 3306, 5432, 6379,
    ]

    static let all: [Check] = [
        Cloud.terraformCheck(
            "AZU-0051", "network", kind: "azure.network.securitygroup", name: "no-public-egress",
            title: "A security rule should not allow unrestricted egress to any IP address.", severity: .critical,
            description:
                "An outbound allow rule to `*`, `0.0.0.0/0` or `Internet` lets anything in the network send data anywhere, which helps exfiltration and command-and-control.",
            resolution: "Restrict the destination address prefixes to the networks that must be reached.",
            reference: docs + "security/fundamentals/network-best-practices",
            failing: [group("Outbound", port: "443", destination: "0.0.0.0/0")],
            passing: [group("Outbound", port: "443", destination: "10.0.0.0/16")]
        ) { group in
            openAddresses(
                rules(group, direction: "outbound"), "destinations",
                "Security group rule allows unrestricted egress to any IP address.")
        },
        Cloud.terraformCheck(
            "AZU-0074", "network", kind: "azure.network.securitygroup",
            name: "sensitive-port-is-exposed-to-entire-network",
            title: "Sensitive Port Is Exposed To Entire Network", severity: .high,
            description:
                "Legacy and database ports (FTP, Telnet, SMTP, DNS, POP3, IMAP, RPC, NetBIOS, SNMP, LDAP, SQL Server, Oracle, MySQL, PostgreSQL, Redis) open to any address invite brute force and exploits of unencrypted protocols.",
            resolution: "Remove inbound rules that open these ports to any address, or restrict their sources.",
            reference: docs + "virtual-network/network-security-groups-overview",
            failing: [
                group("Inbound", port: "3306", source: "*"), group("Inbound", port: "20-25", source: "Internet"),
            ],
            passing: [group("Inbound", port: "3306", source: "10.0.0.0/8"), group("Inbound", port: "443", source: "*")]
        ) { group in
            rules(group, direction: "inbound").filter { ($0["protocol"]?.text ?? "").lowercased() != "icmp" }
                .flatMap { rule -> [CheckFailure] in
                    let ports = (rule["ports"]?.items ?? []).compactMap(\.text)
                    guard
                        let port = sensitivePorts.first(where: { port in
                            ports.contains { Cloud.portSpec($0, includes: port) }
                        })
                    else { return [] }
                    return openAddresses(
                        [rule], "sources",
                        "Security group rule allows unrestricted ingress to sensitive port \(port) from any IP address."
                    )
                }
        },
        Cloud.terraformCheck(
            "AZU-0073", "network", kind: "azure.network.flowlog", name: "network-watcher-flow-disabled",
            title: "Network Watcher Flow Disabled", severity: .medium,
            description: "A disabled flow log records nothing, so network activity cannot be audited or investigated.",
            resolution: "Set `enabled = true` on the `azurerm_network_watcher_flow_log`.",
            reference: docs + "network-watcher/nsg-flow-logs-overview",
            failing: [T.tf("azurerm_network_watcher_flow_log", "  name = \"nsg\"\n  enabled = false\n")],
            passing: [T.tf("azurerm_network_watcher_flow_log", "  name = \"nsg\"\n  enabled = true\n")]
        ) { log in
            Cloud.isTrue(log["enabled"], "Network Watcher flow log is disabled.", at: log.source.range)
        },
        Cloud.terraformCheck(
            "AZU-0049", "network", kind: "azure.network.flowlog", name: "retention-policy-set",
            title: "Retention policy for flow logs should be enabled and set to greater than 90 days", severity: .low,
            description:
                "Attacks are often found weeks after they happen; flow logs kept at least 90 days let them be traced.",
            resolution: "Set `retention_policy { enabled = true days = 90 }` or more.",
            reference: docs + "network-watcher/nsg-flow-logs-overview",
            failing: [
                T.tf(
                    "azurerm_network_watcher_flow_log",
                    "  enabled = true\n  retention_policy {\n    enabled = true\n    days = 7\n  }\n"),
                T.tf("azurerm_network_watcher_flow_log", "  enabled = true\n"),
            ],
            passing: [
                T.tf(
                    "azurerm_network_watcher_flow_log",
                    "  enabled = true\n  retention_policy {\n    enabled = true\n    days = 90\n  }\n")
            ]
        ) { log in
            let enabled = Cloud.isTrue(
                log["retentionEnabled"], "Flow log does not enable the log retention policy.", at: log.source.range)
            guard enabled.isEmpty else { return enabled }
            return Cloud.require(
                log["retentionDays"], "Flow log has a log retention policy of less than 90 days.",
                at: log["retentionEnabled"]?.range ?? log.source.range
            ) { ($0.int ?? 0) >= 90 }
        },
        Cloud.terraformCheck(
            "AZU-0075", "network", kind: "azure.network.interface", name: "network-ip-forwarding-enabled",
            title: "Network Interfaces IP Forwarding Enabled", severity: .medium,
            description:
                "An interface that forwards IP traffic can route packets not addressed to it, letting a compromised machine act as a router around network controls.",
            resolution:
                "Leave `ip_forwarding_enabled` (`enable_ip_forwarding` before AzureRM 4) off unless the machine routes.",
            reference: docs + "virtual-network/virtual-network-network-interface",
            failing: [T.tf("azurerm_network_interface", "  name = \"nic\"\n  ip_forwarding_enabled = true\n")],
            passing: [
                T.tf("azurerm_network_interface", "  name = \"nic\"\n"),
                T.tf("azurerm_network_interface", "  enable_ip_forwarding = false\n"),
            ]
        ) { interface in
            Cloud.isFalse(
                interface["ipForwarding"],
                "Network interface has IP forwarding enabled, which may pose a security risk.",
                at: interface.source.range)
        },
        Cloud.terraformCheck(
            "AZU-0076", "network", kind: "azure.network.interface", name: "network-interface-public-ip",
            title: "Network Interfaces With Public IP", severity: .medium,
            description: "A public address makes the machine reachable from the internet, widening its attack surface.",
            resolution: "Leave out `public_ip_address_id`; reach the machine through a load balancer, Bastion or VPN.",
            reference: docs + "virtual-network/ip-services/public-ip-addresses",
            failing: [
                T.tf(
                    "azurerm_network_interface",
                    "  name = \"nic\"\n  ip_configuration {\n    name = \"ip\"\n    public_ip_address_id = azurerm_public_ip.web.id\n  }\n"
                )
            ],
            passing: [
                T.tf(
                    "azurerm_network_interface",
                    "  name = \"nic\"\n  ip_configuration {\n    name = \"ip\"\n    private_ip_address_allocation = \"Dynamic\"\n  }\n"
                )
            ]
        ) { interface in
            (interface["publicIps"]?.items ?? []).compactMap { address in
                let message = "Network interface has a public IP address assigned, which increases attack surface."
                // A reference to a resource's ID is an address even before it exists; a variable may be null.
                if let origin = address.unknownOrigin, origin.hasPrefix("var.") || origin.hasPrefix("data.") {
                    return CheckFailure(undecided: message, origin: origin, range: address.range)
                }
                if (address.text ?? "").isEmpty && address.unknownOrigin == nil { return nil }
                return CheckFailure(message, at: address)
            }
        },
    ]
}
