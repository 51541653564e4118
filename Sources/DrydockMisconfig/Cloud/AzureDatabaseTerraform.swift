/// Azure database servers (SQL Server, PostgreSQL, MySQL, MariaDB) of Terraform's `azurerm` provider in the
/// common model, with the firewall rules, auditing and alert policies and server parameters that refer to them.
enum AzureDatabaseTerraform {
    static let sqlServers = ["azurerm_mssql_server", "azurerm_sql_server"]
    static let singleServers = ["azurerm_postgresql_server", "azurerm_mysql_server", "azurerm_mariadb_server"]
    static let flexibleServers = ["azurerm_postgresql_flexible_server", "azurerm_mysql_flexible_server"]

    /// Firewall rule resources by server type, and the attribute naming the server.
    static let firewallRules: [String: (types: [String], attribute: String)] = [
        "azurerm_mssql_server": (["azurerm_mssql_firewall_rule"], "server_id"),
        "azurerm_sql_server": (["azurerm_sql_firewall_rule"], "server_name"),
        "azurerm_postgresql_server": (["azurerm_postgresql_firewall_rule"], "server_name"),
        "azurerm_mysql_server": (["azurerm_mysql_firewall_rule"], "server_name"),
        "azurerm_mariadb_server": (["azurerm_mariadb_firewall_rule"], "server_name"),
        "azurerm_postgresql_flexible_server": (["azurerm_postgresql_flexible_server_firewall_rule"], "server_id"),
        "azurerm_mysql_flexible_server": (["azurerm_mysql_flexible_server_firewall_rule"], "server_id"),
    ]

    static func objects(_ context: TerraformAdapterContext) -> [CloudObject] {
        let types = sqlServers + singleServers + flexibleServers
        return context.resources.filter { $0.mode == "resource" && types.contains($0.type) }.map { server in
            let a = server.attributes
            var fields = CloudFields(range: server.range)
            fields.set("engine", value: .string(server.type), range: server.range)
            fields.set("minimumTlsVersion", a["minimum_tls_version"] ?? a["ssl_minimal_tls_version_enforced"])
            fields.set("publicNetworkAccess", a["public_network_access_enabled"])
            let configurations =
                context.linked(
                    to: server,
                    from: [
                        "azurerm_postgresql_configuration", "azurerm_mysql_configuration",
                        "azurerm_mariadb_configuration",
                    ],
                    attribute: "server_name", nameAttribute: "name")
                + context.linked(
                    to: server,
                    from: [
                        "azurerm_postgresql_flexible_server_configuration",
                        "azurerm_mysql_flexible_server_configuration",
                    ], attribute: "server_id")
            var parameters = CloudFields(range: server.range)
            for configuration in configurations {
                guard let name = configuration.attributes["name"]?.text, let value = configuration.attributes["value"]
                else { continue }
                parameters.set(name, value)
            }
            fields.set("parameters", fields: parameters)
            if singleServers.contains(server.type) {
                fields.set("sslEnforcement", a["ssl_enforcement_enabled"] ?? a["ssl_enforcement"])
            } else if flexibleServers.contains(server.type) {
                // Flexible servers require TLS unless `require_secure_transport` is turned off.
                let secure = parameters.entries.first { $0.key == "require_secure_transport" }?.value
                fields.set(
                    "sslEnforcement",
                    secure.map {
                        $0.unknownOrigin == nil
                            ? ConfigNode(.bool($0.text?.lowercased() != "off"), range: $0.range) : $0
                    }
                        ?? ConfigNode(.bool(true), range: server.range))
            }
            if let rules = firewallRules[server.type] {
                let linked = context.linked(
                    to: server, from: rules.types, attribute: rules.attribute,
                    nameAttribute: rules.attribute == "server_name" ? "name" : nil)
                fields.set(
                    "firewallRules", each: linked.map { $0.attributes.at($0.range) },
                    [("startIp", "start_ip_address"), ("endIp", "end_ip_address")])
            }
            if sqlServers.contains(server.type) {
                var audits = a.blocks("extended_auditing_policy")
                audits += context.linked(
                    to: server, from: ["azurerm_mssql_server_extended_auditing_policy"], attribute: "server_id"
                ).map { $0.attributes.at($0.range) }
                for database in context.linked(to: server, from: ["azurerm_mssql_database"], attribute: "server_id") {
                    audits += context.linked(
                        to: database, from: ["azurerm_mssql_database_extended_auditing_policy"],
                        attribute: "database_id"
                    ).map { $0.attributes.at($0.range) }
                }
                fields.set("auditingPolicies", each: audits, [("retentionInDays", "retention_in_days")])
                let alerts = context.linked(
                    to: server, from: ["azurerm_mssql_server_security_alert_policy"], attribute: "server_name",
                    nameAttribute: "name")
                fields.set(
                    "alertPolicies", each: alerts.map { $0.attributes.at($0.range) },
                    [
                        ("emailAddresses", "email_addresses"), ("disabledAlerts", "disabled_alerts"),
                        ("emailAccountAdmins", "email_account_admins"),
                    ])
            }
            return context.object("azure.database.server", server, fields)
        }
    }
}
