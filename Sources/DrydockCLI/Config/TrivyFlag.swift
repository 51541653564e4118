/// One flag (or config-only key) of Trivy's scanning commands, and what Drydock does with it.
///
/// The table in ``TrivyFlag/all`` is the single source for three things: which `trivy.yaml` keys map to which
/// flag, the advice printed when a Trivy flag Drydock does not take is used, and the migration table in
/// `docs/migrating-from-trivy.md` (a test checks the page and the table against the CLI's real flags).
struct TrivyFlag: Hashable {
    /// What Drydock does with the flag.
    enum Support: Hashable {
        /// Same name, same meaning.
        case same
        /// Accepted under the same name, with a difference the note explains.
        case different(String)
        /// Accepted and ignored: it means nothing for Drydock (the note says why).
        case noEffect(String)
        /// Not accepted: the note says what to use instead.
        case unsupported(String)

        /// Whether Drydock's command line takes the flag.
        var isAccepted: Bool {
            switch self {
            case .same, .different, .noEffect: true
            case .unsupported: false
            }
        }
    }

    /// Trivy's flag groups, which decide the commands a flag belongs to.
    enum Group: String, CaseIterable {
        case global, cache, db, image, license, misconfiguration, module, package, client, registry, rego, report,
            scan, secret, vulnerability, clean
    }

    /// The long name without dashes (`skip-dirs`); `nil` for a key that exists only in the config file.
    var name: String?
    /// The key in `trivy.yaml` (`scan.skip-dirs`).
    var configKey: String
    var group: Group
    var short: String?
    /// Older names Trivy still accepts, with their own config keys when they have one.
    var aliases: [(name: String, configKey: String?)]
    var support: Support

    init(
        _ name: String?, _ configKey: String, _ group: Group, short: String? = nil,
        aliases: [(name: String, configKey: String?)] = [], _ support: Support
    ) {
        self.name = name
        self.configKey = configKey
        self.group = group
        self.short = short
        self.aliases = aliases
        self.support = support
    }

    static func == (lhs: TrivyFlag, rhs: TrivyFlag) -> Bool { lhs.configKey == rhs.configKey }
    func hash(into hasher: inout Hasher) { hasher.combine(configKey) }

    /// The Trivy commands (`image`, `fs`, `rootfs`, `sbom`, `config`, `clean`) that take this flag.
    var commands: [String] {
        TrivyFlag.commandGroups.compactMap { command, groups in
            guard groups.contains(group), !(TrivyFlag.excluded[command] ?? []).contains(name ?? configKey) else {
                return nil
            }
            if command == "config", group == .scan, !TrivyFlag.configScanFlags.contains(name ?? "") { return nil }
            return command
        }
    }

    /// Which flag groups each Trivy command uses (Trivy's `pkg/commands/app.go`).
    static let commandGroups: [(String, Set<Group>)] = [
        (
            "image",
            [
                .global, .cache, .db, .image, .license, .misconfiguration, .module, .package, .client, .registry,
                .rego, .report, .scan, .secret, .vulnerability,
            ]
        ),
        (
            "fs",
            [
                .global, .cache, .db, .license, .misconfiguration, .module, .package, .client, .registry, .rego,
                .report, .scan, .secret, .vulnerability,
            ]
        ),
        (
            "rootfs",
            [
                .global, .cache, .db, .license, .misconfiguration, .module, .package, .client, .registry, .rego,
                .report, .scan, .secret, .vulnerability,
            ]
        ),
        ("sbom", [.global, .cache, .db, .package, .client, .registry, .report, .scan, .vulnerability, .license]),
        ("config", [.global, .cache, .misconfiguration, .module, .registry, .rego, .report, .scan]),
        ("clean", [.global, .clean]),
    ]

    /// Flags a command's group leaves out (set to `nil` in Trivy's `app.go`).
    static let excluded: [String: Set<String>] = [
        "image": ["cf-params", "tf-vars", "include-dev-deps"],
        "fs": ["exit-on-eol"],
        "rootfs": ["report", "compliance", "include-dev-deps"],
        "sbom": [
            "dependency-tree", "report", "parallel", "skip-files", "skip-dirs", "license-full",
            "license-confidence-level", "include-dev-deps",
        ],
        "config": ["dependency-tree", "list-all-pkgs", "exit-on-eol", "show-suppressed"],
    ]

    /// The only scan-group flags `trivy config` takes.
    static let configScanFlags: Set<String> = [
        "skip-dirs", "skip-files", "file-patterns", "skip-version-check", "disable-telemetry",
    ]

    /// The entry for Trivy's long flag `name` (or one of its aliases), or `nil`.
    static func named(_ name: String) -> TrivyFlag? {
        all.first { $0.name == name || $0.aliases.contains { $0.name == name } }
    }

    /// The entry for the `trivy.yaml` key `key` (or an alias's key), or `nil`.
    static func configKey(_ key: String) -> TrivyFlag? {
        all.first { $0.configKey == key || $0.aliases.contains { $0.configKey == key } }
    }
}
