import DrydockModel

/// Cloud SQL checks of database flags (PostgreSQL logging, SQL Server and MySQL hardening) and backups
/// (Trivy's `GCP-0014`…`GCP-0026`). A flag applies only to its engine (`database_version`); a flag or version
/// that is unknown leaves the check undecided.
enum GoogleSQLChecks {
    typealias T = CloudExampleText

    static let pgDocs = "https://www.postgresql.org/docs/current/runtime-config-logging.html"

    /// An instance of `version` with `flags` (`[("log_connections", "on")]`).
    static func instance(_ version: String, _ flags: [(String, String)] = []) -> String {
        let blocks = flags.map { "    database_flags {\n      name = \"\($0.0)\"\n      value = \"\($0.1)\"\n    }\n" }
        return T.tf(
            "google_sql_database_instance",
            "  database_version = \"\(version)\"\n  settings {\n    tier = \"db-f1-micro\"\n" + blocks.joined()
                + "  }\n")
    }

    /// Whether a flag value means on (`on`, `true`, `1`, `yes`).
    static func isOn(_ node: ConfigNode) -> Bool {
        ["on", "true", "1", "yes"].contains((node.text ?? "").lowercased())
    }

    /// A check of one database flag of instances of `engine` (`POSTGRES`): `holds` judges the flag (`nil` when
    /// the instance leaves it out).
    static func flagCheck(
        _ id: String, _ name: String, engine: String, flag: String, title: String, severity: Severity,
        description: String, resolution: String, reference: String, message: String, failing: [String],
        passing: [String], _ holds: @escaping @Sendable (ConfigNode?) -> Bool
    ) -> Check {
        Cloud.terraformCheck(
            id, "sql", kind: "google.sql.instance", name: name, title: title, severity: severity,
            description: description, resolution: resolution, reference: reference, failing: failing,
            passing: passing
        ) { instance in
            let value = instance["flags"]?[flag]
            let range = value?.range ?? instance["settingsRange"]?.range ?? instance.source.range
            guard let version = instance["databaseVersion"] else { return [] }
            let versionOrigin = version.unknownOrigin
            guard versionOrigin != nil || (version.text ?? "").uppercased().hasPrefix(engine) else { return [] }
            if let origin = value?.unknownOrigin ?? (holds(value) ? nil : versionOrigin) {
                return [CheckFailure(undecided: message, origin: origin, range: range)]
            }
            return holds(value) ? [] : [CheckFailure(message, range: range)]
        }
    }

    static let all: [Check] = postgres + others

    static let postgres: [Check] = [
        flagCheck(
            "GCP-0014", "enable-pg-temp-file-logging", engine: "POSTGRES", flag: "log_temp_files",
            title: "Temporary file logging should be enabled for all temporary files.", severity: .medium,
            description:
                "PostgreSQL logs temporary files only when `log_temp_files` is set, and then only those larger than its value; `0` logs every one, which shows queries spilling to disk or exfiltrating through sorts.",
            resolution: "Set the `log_temp_files` flag to `0`.", reference: pgDocs + "#GUC-LOG-TEMP-FILES",
            message: "Database instance has temporary file logging disabled.",
            failing: [instance("POSTGRES_15"), instance("POSTGRES_15", [("log_temp_files", "100")])],
            passing: [instance("POSTGRES_15", [("log_temp_files", "0")]), instance("MYSQL_8_0")]
        ) { $0?.text.flatMap { Int($0) } == 0 },
        flagCheck(
            "GCP-0016", "pg-log-connections", engine: "POSTGRES", flag: "log_connections",
            title: "Ensure that logging of connections is enabled.", severity: .medium,
            description:
                "Logged connections show who reached the database and when, which helps to trace abuse and denial-of-service attempts.",
            resolution: "Set the `log_connections` flag to `on`.", reference: pgDocs + "#GUC-LOG-CONNECTIONS",
            message: "Database instance is not configured to log connections.",
            failing: [instance("POSTGRES_15"), instance("POSTGRES_15", [("log_connections", "off")])],
            passing: [instance("POSTGRES_15", [("log_connections", "on")])]
        ) { $0.map(isOn) ?? false },
        flagCheck(
            "GCP-0022", "pg-log-disconnections", engine: "POSTGRES", flag: "log_disconnections",
            title: "Ensure that logging of disconnections is enabled.", severity: .medium,
            description:
                "Logged disconnections give session lengths, which show unusual sessions and performance problems.",
            resolution: "Set the `log_disconnections` flag to `on`.", reference: pgDocs + "#GUC-LOG-DISCONNECTIONS",
            message: "Database instance is not configured to log disconnections.",
            failing: [instance("POSTGRES_15", [("log_disconnections", "off")])],
            passing: [instance("POSTGRES_15", [("log_disconnections", "on")])]
        ) { $0.map(isOn) ?? false },
        flagCheck(
            "GCP-0020", "pg-log-lock-waits", engine: "POSTGRES", flag: "log_lock_waits",
            title: "Ensure that logging of lock waits is enabled.", severity: .medium,
            description:
                "Long lock waits point to poor performance or to a denial of service in progress; logging them makes both visible.",
            resolution: "Set the `log_lock_waits` flag to `on`.", reference: pgDocs + "#GUC-LOG-LOCK-WAITS",
            message: "Database instance is not configured to log lock waits.",
            failing: [instance("POSTGRES_15")], passing: [instance("POSTGRES_15", [("log_lock_waits", "on")])]
        ) { $0.map(isOn) ?? false },
        flagCheck(
            "GCP-0025", "pg-log-checkpoints", engine: "POSTGRES", flag: "log_checkpoints",
            title: "Ensure that logging of checkpoints is enabled.", severity: .medium,
            description: "Logged checkpoints help to diagnose performance problems and possible denial of service.",
            resolution: "Set the `log_checkpoints` flag to `on`.", reference: pgDocs + "#GUC-LOG-CHECKPOINTS",
            message: "Database instance is not configured to log checkpoints.",
            failing: [instance("POSTGRES_15", [("log_checkpoints", "off")])],
            passing: [instance("POSTGRES_15", [("log_checkpoints", "on")])]
        ) { $0.map(isOn) ?? false },
        flagCheck(
            "GCP-0018", "pg-log-errors", engine: "POSTGRES", flag: "log_min_messages",
            title: "Ensure that Postgres errors are logged", severity: .low,
            description:
                "With `log_min_messages` at `LOG`, `FATAL` or `PANIC`, ordinary errors are not written to the log.",
            resolution: "Set the `log_min_messages` flag to `ERROR` or a lower level (`WARNING`).",
            reference: pgDocs + "#GUC-LOG-MIN-MESSAGES", message: "Database instance is not configured to log errors.",
            failing: [instance("POSTGRES_15", [("log_min_messages", "PANIC")])],
            passing: [instance("POSTGRES_15", [("log_min_messages", "WARNING")]), instance("POSTGRES_15")]
        ) { value in
            guard let value else { return true }
            return !["FATAL", "PANIC", "LOG"].contains((value.text ?? "").uppercased())
        },
        flagCheck(
            "GCP-0021", "pg-no-min-statement-logging", engine: "POSTGRES", flag: "log_min_duration_statement",
            title: "Ensure that logging of long statements is disabled.", severity: .low,
            description:
                "`log_min_duration_statement` writes whole statements, with any secrets or personal data in them, to the log; `-1` turns it off.",
            resolution: "Set the `log_min_duration_statement` flag to `-1` or leave it out.",
            reference:
                "https://www.postgresql.org/docs/current/runtime-config-logging.html#GUC-LOG-MIN-DURATION-STATEMENT",
            message: "Database instance is configured to log statements.",
            failing: [instance("POSTGRES_15", [("log_min_duration_statement", "99")])],
            passing: [instance("POSTGRES_15", [("log_min_duration_statement", "-1")]), instance("POSTGRES_15")]
        ) { value in value.map { $0.text.flatMap { Int($0) } == -1 } ?? true },
    ]

    static let others: [Check] = [
        flagCheck(
            "GCP-0019", "no-cross-db-ownership-chaining", engine: "SQLSERVER", flag: "cross db ownership chaining",
            title: "Cross-database ownership chaining should be disabled", severity: .medium,
            description:
                "Cross-database ownership chaining lets a user of one database reach objects of another through ownership chains, bypassing that database's permissions. As Trivy, the flag must be set to `off` explicitly.",
            resolution: "Set the `cross db ownership chaining` flag to `off`.",
            reference:
                "https://learn.microsoft.com/sql/database-engine/configure-windows/cross-db-ownership-chaining-server-configuration-option",
            message: "Database instance has cross database ownership chaining enabled.",
            failing: [
                instance("SQLSERVER_2019_STANDARD", [("cross db ownership chaining", "on")]),
                instance("SQLSERVER_2019_STANDARD"),
            ],
            passing: [instance("SQLSERVER_2019_STANDARD", [("cross db ownership chaining", "off")])]
        ) { $0.map { !isOn($0) } ?? false },
        flagCheck(
            "GCP-0023", "no-contained-db-auth", engine: "SQLSERVER", flag: "contained database authentication",
            title: "Contained database authentication should be disabled", severity: .medium,
            description:
                "Contained databases authenticate their own users, so a user with ALTER on users can grant access without the server administrator knowing. As Trivy, the flag must be set to `off` explicitly.",
            resolution: "Set the `contained database authentication` flag to `off`.",
            reference:
                "https://learn.microsoft.com/sql/database-engine/configure-windows/contained-database-authentication-server-configuration-option",
            message: "Database instance has contained database authentication enabled.",
            failing: [instance("SQLSERVER_2019_STANDARD", [("contained database authentication", "on")])],
            passing: [instance("SQLSERVER_2019_STANDARD", [("contained database authentication", "off")])]
        ) { $0.map { !isOn($0) } ?? false },
        flagCheck(
            "GCP-0026", "mysql-no-local-infile", engine: "MYSQL", flag: "local_infile",
            title: "Disable local_infile setting in MySQL", severity: .high,
            description:
                "With `local_infile` on, `LOAD DATA LOCAL` lets a server (or an injected query) read arbitrary files of the client.",
            resolution: "Set the `local_infile` flag to `off`.",
            reference: "https://dev.mysql.com/doc/refman/8.0/en/load-data-local-security.html",
            message: "Database instance has local file read access enabled.",
            failing: [instance("MYSQL_8_0", [("local_infile", "on")])],
            passing: [instance("MYSQL_8_0", [("local_infile", "off")]), instance("MYSQL_8_0")]
        ) { $0.map { !isOn($0) } ?? true },
        Cloud.terraformCheck(
            "GCP-0024", "sql", kind: "google.sql.instance", name: "enable-backup",
            title: "Enable automated backups to recover from data-loss", severity: .medium,
            description:
                "Cloud SQL takes no automated backups unless asked to; without them, corruption or deletion cannot be undone. Read replicas are exempt.",
            resolution: "Set `backup_configuration { enabled = true }` in `settings`.",
            reference: "https://cloud.google.com/sql/docs/mysql/backup-recovery/backups",
            failing: [
                instance("POSTGRES_15"),
                T.tf(
                    "google_sql_database_instance",
                    "  database_version = \"MYSQL_8_0\"\n  settings {\n    tier = \"db-f1-micro\"\n    backup_configuration {\n      enabled = false\n    }\n  }\n"
                ),
            ],
            passing: [
                T.tf(
                    "google_sql_database_instance",
                    "  database_version = \"MYSQL_8_0\"\n  settings {\n    tier = \"db-f1-micro\"\n    backup_configuration {\n      enabled = true\n    }\n  }\n"
                ),
                T.tf(
                    "google_sql_database_instance",
                    "  database_version = \"MYSQL_8_0\"\n  master_instance_name = \"primary\"\n  settings {\n    tier = \"db-f1-micro\"\n  }\n"
                ),
            ]
        ) { instance in
            guard instance["replicaOf"] == nil else { return [] }
            return Cloud.isTrue(
                instance["backupsEnabled"], "Database instance does not have backups enabled.",
                at: instance["settingsRange"]?.range ?? instance.source.range)
        },
    ]
}
