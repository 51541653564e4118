import DrydockModel

/// Shared pieces of the CIS control-plane checks (`KCV-…`): their metadata, the static pods of their examples
/// and the rules on command-line flags.
enum CIS {
    static let benchmarkURL = "https://www.cisecurity.org/benchmark/kubernetes"

    /// What a rule found wrong: the argument at fault, or `nil` when a flag is missing (the container is the cause).
    struct Violation {
        var node: ConfigNode?
    }

    /// A rule on one component's command line: `nil` when it holds.
    typealias Rule = @Sendable (ControlPlaneCommandLine) -> Violation?

    /// A KCV check: `rule` runs on every container of a workload that runs `component`; the message is the title,
    /// as Trivy's.
    static func check(
        _ id: String, _ names: [String], aliases: [String] = [], _ component: ControlPlaneComponent,
        severity: Severity = .low, title: String, description: String, resolution: String,
        failing: [String], passing: [String], rule: @escaping Rule
    ) -> Check {
        var metadata = CheckMetadata.kubernetes(
            id, names: names, legacy: id.filter { $0 != "-" }, title: title, severity: severity,
            description: description, resolution: resolution, references: [benchmarkURL, component.referenceURL],
            kinds: K8s.workloads)
        metadata.aliases += aliases
        return Check.kubernetes(metadata, examples: CheckExamples(failing: failing, passing: passing)) { object, _ in
            object.containers.compactMap(ControlPlaneCommandLine.init).filter { $0.component == component }.compactMap {
                line in rule(line).map { CheckFailure(title, at: $0.node ?? line.container.node) }
            }
        }
    }

    /// A kubeadm-style static pod running `component` with `flags` after the binary in `command`, and `args`.
    static func pod(_ component: ControlPlaneComponent, _ flags: String..., args: [String] = []) -> String {
        var lines = [
            "apiVersion: v1", "kind: Pod", "metadata:", "  name: \(component.rawValue)", "  namespace: kube-system",
            "spec:", "  hostNetwork: true", "  containers:", "    - name: \(component.rawValue)",
            "      image: \(component.image)", "      command:", "        - \(component.rawValue)",
        ]
        lines += flags.map { "        - \($0)" }
        if !args.isEmpty { lines += ["      args:"] + args.map { "        - \($0)" } }
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: Rules

    /// Boolean flag `name` must be `expected`; it is `byDefault` when not set.
    static func boolean(_ name: String, _ expected: Bool, byDefault: Bool) -> Rule {
        { line in
            guard let (value, occurrence) = line.boolean(name) else {
                return byDefault == expected ? nil : Violation()
            }
            return value == (expected ? .true : .false) ? nil : Violation(node: occurrence.node)
        }
    }

    /// Every flag of `names` is set to a non-empty value.
    static func set(_ names: String...) -> Rule {
        { line in
            for name in names {
                guard let occurrence = line.last(name) else { return Violation() }
                if occurrence.value?.isEmpty ?? true { return Violation(node: occurrence.node) }
            }
            return nil
        }
    }

    /// Flag `name` is not set at all.
    static func unset(_ name: String) -> Rule {
        { line in line.last(name, boolean: true).map { Violation(node: $0.node) } }
    }

    /// Integer flag `name` is set to at least `minimum`.
    static func atLeast(_ name: String, _ minimum: Int) -> Rule {
        { line in
            guard let occurrence = line.last(name) else { return Violation() }
            guard let value = occurrence.value.flatMap({ Int($0) }), value >= minimum else {
                return Violation(node: occurrence.node)
            }
            return nil
        }
    }

    /// Flag `name` is set to a loopback address (`127.0.0.1`, any of `127.0.0.0/8`, `::1`).
    static func loopback(_ name: String) -> Rule {
        { line in
            guard let occurrence = line.last(name) else { return Violation() }
            let value = occurrence.value ?? ""
            let octets = value.split(separator: ".", omittingEmptySubsequences: false)
            let ipv4 = octets.count == 4 && octets[0] == "127" && octets.allSatisfy { UInt8($0) != nil }
            return ipv4 || value == "::1" ? nil : Violation(node: occurrence.node)
        }
    }

    /// Feature gate `gate` is set to true in `--feature-gates` (the last setting wins).
    static func featureGate(_ gate: String) -> Rule {
        { line in
            let settings = line.list("feature-gates").filter { $0.item.hasPrefix(gate + "=") }
            guard let (item, occurrence) = settings.last else {
                return Violation(node: line.last("feature-gates")?.node)
            }
            let value = item.dropFirst(gate.count + 1)
            return ["1", "t", "T", "TRUE", "true", "True"].contains(value) ? nil : Violation(node: occurrence.node)
        }
    }

    /// The admission plugins turned on (`--enable-admission-plugins`) and off (`--disable-admission-plugins`).
    static func plugins(_ line: ControlPlaneCommandLine, _ which: String)
        -> [(item: String, occurrence: ControlPlaneCommandLine.Occurrence)]
    {
        line.list("\(which)-admission-plugins")
    }

    /// Admission plugin `plugin` (off by default) is enabled and not disabled.
    static func pluginEnabled(_ plugin: String) -> Rule {
        { line in
            if let disabled = plugins(line, "disable").first(where: { $0.item == plugin }) {
                return Violation(node: disabled.occurrence.node)
            }
            guard plugins(line, "enable").contains(where: { $0.item == plugin }) else {
                return Violation(node: line.last("enable-admission-plugins")?.node)
            }
            return nil
        }
    }

    /// Admission plugin `plugin` is not enabled.
    static func pluginNotEnabled(_ plugin: String) -> Rule {
        { line in
            guard !plugins(line, "disable").contains(where: { $0.item == plugin }) else { return nil }
            return plugins(line, "enable").first { $0.item == plugin }.map { Violation(node: $0.occurrence.node) }
        }
    }

    /// Admission plugin `plugin` (on by default) is not disabled.
    static func pluginNotDisabled(_ plugin: String) -> Rule {
        { line in plugins(line, "disable").first { $0.item == plugin }.map { Violation(node: $0.occurrence.node) } }
    }

    /// The authorization modes of the API server, `AlwaysAllow` when `--authorization-mode` is not set; `nil` when
    /// `--authorization-config` names a file that holds them.
    static func authorizationModes(_ line: ControlPlaneCommandLine)
        -> (modes: [String], cause: ConfigNode?)?
    {
        guard line.last("authorization-config") == nil else { return nil }
        let modes = line.list("authorization-mode")
        guard !modes.isEmpty else { return (["AlwaysAllow"], nil) }
        return (modes.map(\.item), modes.last?.occurrence.node)
    }

    /// The authorization modes include `mode`.
    static func authorizationIncludes(_ mode: String) -> Rule {
        { line in
            guard let (modes, cause) = authorizationModes(line), !modes.contains(mode) else { return nil }
            return Violation(node: cause)
        }
    }
}

extension ControlPlaneComponent {
    /// The component's command-line reference.
    var referenceURL: String {
        switch self {
        case .etcd: "https://etcd.io/docs/latest/op-guide/configuration/"
        default: "https://kubernetes.io/docs/reference/command-line-tools-reference/\(rawValue)/"
        }
    }

    /// The image of the examples.
    var image: String {
        switch self {
        case .etcd: "registry.k8s.io/etcd:3.5.15-0"
        default: "registry.k8s.io/\(rawValue):v1.31.0"
        }
    }

    /// Where kubeadm writes the component's static pod.
    var manifest: String {
        "/etc/kubernetes/manifests/\(rawValue).yaml"
    }
}
