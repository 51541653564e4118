import DrydockModel

/// The built-in Azure database checks (Trivy's `AZU-…` IDs): SQL Server auditing and threat alerts, public
/// access and firewall rules of every engine, TLS enforcement and PostgreSQL logging parameters.
enum AzureDatabaseChecks {
    typealias T = CloudExampleText
    static let server = "azure.database.server"
    static let sqlDocs = "https://learn.microsoft.com/azure/azure-sql/database/"
    static let postgresLogs = "https://learn.microsoft.com/azure/postgresql/single-server/concepts-server-logs"

    static let mssql = T.tf("azurerm_mssql_server", "  name = \"sql\"\n  version = \"12.0\"\n", name: "sql")
    static let postgres = T.tf(
        "azurerm_postgresql_server", "  name = \"pg\"\n  sku_name = \"GP_Gen5_2\"\n  ssl_enforcement_enabled = true\n",
        name: "pg")

    /// `mssql` with a security alert policy of `lines` (after `server_name` and `state`).
    static func alertPolicy(_ lines: String) -> String {
        mssql
            + T.tf(
                "azurerm_mssql_server_security_alert_policy",
                "  server_name = azurerm_mssql_server.sql.name\n  state = \"Enabled\"\n" + lines, name: "alerts")
    }

    static func postgresParameter(_ name: String, _ value: String) -> String {
        T.tf(
            "azurerm_postgresql_configuration",
            "  name = \"\(name)\"\n  server_name = azurerm_postgresql_server.pg.name\n  value = \"\(value)\"\n",
            name: name.replacingOccurrences(of: ".", with: "_"))
    }

    static func engine(_ object: CloudObject) -> String { object["engine"]?.text ?? "" }
    static func isSQLServer(_ object: CloudObject) -> Bool {
        AzureDatabaseTerraform.sqlServers.contains(engine(object))
    }
    static func isPostgres(_ object: CloudObject) -> Bool { engine(object).hasPrefix("azurerm_postgresql") }

    /// Whether an IPv4 address is reachable from the internet (not private, loopback, link-local or `0.x.x.x`).
    static func isPublic(_ address: String) -> Bool {
        let octets = address.split(separator: ".").compactMap { Int($0) }
        guard octets.count == 4 else { return false }
        switch (octets[0], octets[1]) {
        case (10, _), (127, _), (169, 254), (192, 168): return false
        case (172, 16...31): return false
        case (0, _): return false
        default: return true
        }
    }

    /// A PostgreSQL logging parameter check.
    static func postgresLogging(
        _ id: String, name: String, parameter: String, flexibleParameter: String? = nil, title: String,
        description: String, resolution: String, message: String
    ) -> Check {
        Cloud.terraformCheck(
            id, "database", kind: server, name: name, title: title, severity: .medium, description: description,
            resolution: resolution, reference: postgresLogs + "#configure-logging",
            failing: [postgres, postgres + postgresParameter(parameter, "off")],
            passing: [postgres + postgresParameter(parameter, "on")]
        ) { object in
            guard isPostgres(object) else { return [] }
            let key =
                engine(object) == "azurerm_postgresql_flexible_server" ? (flexibleParameter ?? parameter) : parameter
            return Cloud.require(object["parameters"]?[key], message, at: object.source.range) {
                $0.text?.lowercased() == "on"
            }
        }
    }

    static let all: [Check] = [
        Cloud.terraformCheck(
            "AZU-0027", "database", kind: server, name: "enable-audit",
            title: "Auditing should be enabled on Azure SQL Databases", severity: .medium,
            description:
                "Auditing helps you maintain regulatory compliance, understand database activity, and gain insight into discrepancies and anomalies that could indicate business concerns or suspected security violations.",
            resolution:
                "Add an `extended_auditing_policy` block, or an `azurerm_mssql_server_extended_auditing_policy` for the server.",
            reference: sqlDocs + "auditing-overview",
            failing: [mssql],
            passing: [
                mssql
                    + T.tf(
                        "azurerm_mssql_server_extended_auditing_policy",
                        "  server_id = azurerm_mssql_server.sql.id\n  retention_in_days = 90\n", name: "audit")
            ]
        ) { object in
            guard isSQLServer(object), object["auditingPolicies"]?.items.isEmpty ?? true else { return [] }
            return [
                CheckFailure("Server does not have an extended audit policy configured.", range: object.source.range)
            ]
        },
        Cloud.terraformCheck(
            "AZU-0025", "database", kind: server, name: "retention-period-set",
            title: "Database auditing retention period should be longer than 90 days", severity: .medium,
            description:
                "When Auditing is configured for a SQL database, if the retention period is not set, the retention will be unlimited. If the retention period is to be explicitly set, it should be set for no less than 90 days.",
            resolution: "Set `retention_in_days` to 90 or more, or 0 (unlimited).",
            reference: sqlDocs + "auditing-overview",
            failing: [
                T.tf(
                    "azurerm_mssql_server",
                    "  name = \"sql\"\n  extended_auditing_policy {\n    retention_in_days = 30\n  }\n", name: "sql")
            ],
            passing: [
                T.tf(
                    "azurerm_mssql_server",
                    "  name = \"sql\"\n  extended_auditing_policy {\n    retention_in_days = 90\n  }\n", name: "sql"),
                T.tf("azurerm_mssql_server", "  name = \"sql\"\n  extended_auditing_policy {}\n", name: "sql"),
            ]
        ) { object in
            (object["auditingPolicies"]?.items ?? []).flatMap { policy in
                Cloud.require(
                    policy["retentionInDays"], "Server has a retention period of less than 90 days.", at: policy.range,
                    missingPasses: true
                ) { node in node.int.map { $0 == 0 || $0 >= 90 } ?? false }
            }
        },
        Cloud.terraformCheck(
            "AZU-0022", "database", kind: server, name: "no-public-access",
            title: "Ensure databases are not publicly accessible", severity: .medium,
            description:
                "Database resources should not publicly available. You should limit all access to the minimum that is required for your application to function. Azure enables public network access unless it is turned off.",
            resolution: "Set `public_network_access_enabled = false` and reach the server through a private endpoint.",
            reference: sqlDocs + "connectivity-settings#deny-public-network-access",
            failing: [mssql, postgres],
            passing: [
                T.tf("azurerm_mssql_server", "  name = \"sql\"\n  public_network_access_enabled = false\n"),
                T.tf(
                    "azurerm_postgresql_server",
                    "  name = \"pg\"\n  ssl_enforcement_enabled = true\n  public_network_access_enabled = false\n"),
            ]
        ) { object in
            Cloud.isFalse(
                object["publicNetworkAccess"], "Database server has public network access enabled.",
                at: object.source.range, missingValue: true)
        },
        Cloud.terraformCheck(
            "AZU-0029", "database", kind: server, name: "no-public-firewall-access",
            title: "Ensure database firewalls do not permit public access", severity: .high,
            description:
                "Azure services can be allowed access through the firewall using a start and end IP address of 0.0.0.0. No other end ip address should be combined with a start of 0.0.0.0, and no rule should open a range of public addresses.",
            resolution: "Don't use wide ip ranges for the sql firewall",
            reference: sqlDocs + "firewall-configure",
            failing: [
                mssql
                    + T.tf(
                        "azurerm_mssql_firewall_rule",
                        "  name = \"all\"\n  server_id = azurerm_mssql_server.sql.id\n  start_ip_address = \"0.0.0.0\"\n  end_ip_address = \"255.255.255.255\"\n",
                        name: "all")
            ],
            passing: [
                mssql
                    + T.tf(
                        "azurerm_mssql_firewall_rule",
                        "  name = \"azure\"\n  server_id = azurerm_mssql_server.sql.id\n  start_ip_address = \"0.0.0.0\"\n  end_ip_address = \"0.0.0.0\"\n",
                        name: "azure"),
                mssql
                    + T.tf(
                        "azurerm_mssql_firewall_rule",
                        "  name = \"office\"\n  server_id = azurerm_mssql_server.sql.id\n  start_ip_address = \"10.0.0.0\"\n  end_ip_address = \"10.0.0.255\"\n",
                        name: "office"),
            ]
        ) { object in
            (object["firewallRules"]?.items ?? []).compactMap { rule in
                guard let start = rule["startIp"], let end = rule["endIp"] else { return nil }
                if let origin = start.unknownOrigin ?? end.unknownOrigin {
                    return CheckFailure(undecided: "Firewall rule address", origin: origin, range: rule.range)
                }
                let from = start.text ?? "", to = end.text ?? ""
                guard from != to, isPublic(from) || isPublic(to) else { return nil }
                return CheckFailure("Firewall rule allows public internet access to a database server.", at: rule)
            }
        },
        Cloud.terraformCheck(
            "AZU-0020", "database", kind: server, name: "enable-ssl-enforcement",
            title: "SSL should be enforced on database connections where applicable", severity: .medium,
            description:
                "SSL connections should be enforced were available to ensure secure transfer and reduce the risk of compromising data in flight.",
            resolution:
                "Set `ssl_enforcement_enabled = true` (single servers); leave `require_secure_transport` on (flexible servers).",
            reference: "https://learn.microsoft.com/azure/postgresql/single-server/concepts-ssl-connection-security",
            failing: [
                T.tf("azurerm_postgresql_server", "  name = \"pg\"\n  ssl_enforcement_enabled = false\n"),
                T.tf("azurerm_mysql_server", "  name = \"my\"\n"),
            ],
            passing: [postgres, T.tf("azurerm_mysql_server", "  name = \"my\"\n  ssl_enforcement_enabled = true\n")]
        ) { object in
            guard !isSQLServer(object) else { return [] }
            return Cloud.isTrue(
                object["sslEnforcement"], "Database server does not have enforce SSL.", at: object.source.range)
        },
        Cloud.terraformCheck(
            "AZU-0028", "database", kind: server, name: "all-threat-alerts-enabled",
            title: "No threat detections are set", severity: .medium,
            description:
                "SQL Server can alert for security issues including SQL Injection, vulnerabilities, access anomalies and data exfiltration. Ensure none of these are disabled to benefit from the best protection",
            resolution: "Leave `disabled_alerts` empty.",
            reference: sqlDocs + "threat-detection-overview",
            failing: [
                alertPolicy("  disabled_alerts = [\"Sql_Injection\"]\n  email_addresses = [\"sec@example.com\"]\n")
            ],
            passing: [alertPolicy("  email_addresses = [\"sec@example.com\"]\n")]
        ) { object in
            (object["alertPolicies"]?.items ?? []).compactMap { policy in
                guard let disabled = policy["disabledAlerts"] else { return nil }
                if let origin = disabled.unknownOrigin {
                    return CheckFailure(undecided: "Disabled alerts", origin: origin, range: disabled.range)
                }
                return disabled.listItems.first.map {
                    CheckFailure("Server has a security alert policy which disables alerts.", at: $0)
                }
            }
        },
        Cloud.terraformCheck(
            "AZU-0018", "database", kind: server, name: "threat-alert-email-set",
            title: "At least one email address is set for threat alerts", severity: .medium,
            description:
                "SQL Server sends alerts for threat detection via email, if there are no email addresses set then mitigation will be delayed.",
            resolution: "Provide at least one email address for threat alerts",
            reference: sqlDocs + "threat-detection-overview",
            failing: [alertPolicy("")],
            passing: [alertPolicy("  email_addresses = [\"sec@example.com\"]\n")]
        ) { object in
            (object["alertPolicies"]?.items ?? []).flatMap { policy in
                Cloud.require(
                    policy["emailAddresses"],
                    "Security alert policy does not include any email addresses for notification.", at: policy.range
                ) { !$0.listItems.isEmpty }
            }
        },
        Cloud.terraformCheck(
            "AZU-0023", "database", kind: server, name: "threat-alert-email-to-owner",
            title: "Security threat alerts go to subscription owners and co-administrators", severity: .low,
            description:
                "Subscription owners should be notified when there are security alerts. By ensuring the administrators of the account have been notified they can quickly assist in any required remediation",
            resolution: "Set `email_account_admins = true` in the security alert policy.",
            reference: sqlDocs + "threat-detection-overview",
            failing: [alertPolicy("  email_addresses = [\"sec@example.com\"]\n")],
            passing: [alertPolicy("  email_account_admins = true\n")]
        ) { object in
            (object["alertPolicies"]?.items ?? []).flatMap { policy in
                Cloud.isTrue(
                    policy["emailAccountAdmins"], "Security alert policy does not alert account admins.",
                    at: policy.range)
            }
        },
        postgresLogging(
            "AZU-0019", name: "postgres-configuration-log-connections", parameter: "log_connections",
            title: "Ensure server parameter 'log_connections' is set to 'ON' for PostgreSQL Database Server",
            description:
                "Postgresql can generate logs for successful connections to improve visibility for audit and configuration issue resolution.",
            resolution: "Enable connection logging", message: "Database server is not configured to log connections."),
        postgresLogging(
            "AZU-0021", name: "postgres-configuration-connection-throttling", parameter: "connection_throttling",
            flexibleParameter: "connection_throttle.enable",
            title: "Ensure server parameter 'connection_throttling' is set to 'ON' for PostgreSQL Database Server",
            description:
                "Postgresql can generate logs for connection throttling to improve visibility for audit and configuration issue resolution.",
            resolution: "Enable connection throttling logging",
            message: "Database server is not configured to throttle connections."),
        postgresLogging(
            "AZU-0024", name: "postgres-configuration-log-checkpoints", parameter: "log_checkpoints",
            title: "Ensure server parameter 'log_checkpoints' is set to 'ON' for PostgreSQL Database Server",
            description:
                "Postgresql can generate logs for checkpoints to improve visibility for audit and configuration issue resolution.",
            resolution: "Enable checkpoint logging", message: "Database server is not configured to log checkpoints."),
    ]
}
