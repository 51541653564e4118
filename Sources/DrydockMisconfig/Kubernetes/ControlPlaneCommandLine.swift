/// A Kubernetes control-plane component, recognised from a container's command as Trivy does: the first word of
/// `command` is the component's binary, in any folder (`kube-apiserver`, `/usr/local/bin/kube-apiserver`).
public enum ControlPlaneComponent: String, Sendable, Hashable, CaseIterable {
    case apiServer = "kube-apiserver"
    case controllerManager = "kube-controller-manager"
    case scheduler = "kube-scheduler"
    case etcd

    /// The component `container` runs, if any.
    public init?(_ container: ContainerView) {
        guard let binary = container.node["command"]?.items.first?.text,
            let name = binary.split(separator: "/", omittingEmptySubsequences: false).last,
            let component = Self(rawValue: String(name))
        else { return nil }
        self = component
    }
}

/// The command-line flags of a control-plane container: `command` after the binary, then `args` (Kubernetes runs
/// `args` after `command`), read as the components read them.
///
/// A flag is `--name=value` or `--name value` (a boolean flag written alone means `true` and takes no value).
/// Reading stops at `--`. A flag written twice keeps its last value; list flags (`--enable-admission-plugins`)
/// collect every occurrence, comma-separated. etcd also accepts `-name` (Go's flag package) and reads a flag
/// that is not on the command line from its environment variable (`ETCD_CLIENT_CERT_AUTH`).
public struct ControlPlaneCommandLine: Sendable {
    /// One flag as written.
    public struct Occurrence: Sendable, Hashable {
        /// The flag's name without dashes (`anonymous-auth`).
        public var name: String
        /// Its value; `nil` when written alone (`--profiling`).
        public var value: String?
        /// The argument (or environment entry) it was read from, for the finding's lines.
        public var node: ConfigNode
    }

    /// The component.
    public var component: ControlPlaneComponent
    /// The container.
    public var container: ContainerView
    private var tokens: [(text: String, node: ConfigNode)]

    /// The command line of `container`, when it runs a control-plane component.
    public init?(_ container: ContainerView) {
        guard let component = ControlPlaneComponent(container) else { return nil }
        self.component = component
        self.container = container
        let command = (container.node["command"]?.items ?? []).dropFirst()
        let arguments = container.node["args"]?.items ?? []
        tokens = (command + arguments).compactMap { node in node.text.map { ($0, node) } }
    }

    /// Every occurrence of flag `name`, in order. `boolean` flags written alone take no value.
    public func occurrences(of name: String, boolean: Bool = false) -> [Occurrence] {
        var found: [Occurrence] = []
        var index = tokens.startIndex
        while index < tokens.endIndex {
            let (text, node) = tokens[index]
            index += 1
            if text == "--" { break }
            guard let (flag, value) = split(text), flag == name else { continue }
            if let value {
                found.append(Occurrence(name: flag, value: value, node: node))
            } else if !boolean, index < tokens.endIndex {
                let next = tokens[index]
                index += 1
                let both = ConfigNode(.string(next.text), range: node.range.union(next.node.range))
                found.append(Occurrence(name: flag, value: next.text, node: both))
            } else {
                found.append(Occurrence(name: flag, value: nil, node: node))
            }
        }
        if found.isEmpty, component == .etcd, let entry = environment(name) { found.append(entry) }
        return found
    }

    /// The last occurrence of `name`: the one the component uses.
    public func last(_ name: String, boolean: Bool = false) -> Occurrence? {
        occurrences(of: name, boolean: boolean).last
    }

    /// The effective value of boolean flag `name` (`nil` when it is not set); a value Go cannot read as a
    /// boolean is returned as `.invalid`.
    public func boolean(_ name: String) -> (value: BooleanValue, occurrence: Occurrence)? {
        guard let occurrence = last(name, boolean: true) else { return nil }
        guard let text = occurrence.value else { return (.true, occurrence) }
        switch text {
        case "1", "t", "T", "TRUE", "true", "True": return (.true, occurrence)
        case "0", "f", "F", "FALSE", "false", "False": return (.false, occurrence)
        default: return (.invalid, occurrence)
        }
    }

    /// A boolean flag's value as Go's `strconv.ParseBool` reads it.
    public enum BooleanValue: Sendable, Hashable {
        case `true`, `false`, invalid
    }

    /// The items of list flag `name` over all its occurrences (`A,B` then `C` → `A`, `B`, `C`), each with the
    /// occurrence that named it.
    public func list(_ name: String) -> [(item: String, occurrence: Occurrence)] {
        occurrences(of: name).flatMap { occurrence in
            (occurrence.value ?? "").split(separator: ",").map {
                (String($0).trimmingWhitespace(), occurrence)
            }.filter { !$0.0.isEmpty }
        }
    }

    /// `--name=value`, `--name` → (name, value); etcd also reads one dash. Anything else is not a flag.
    private func split(_ text: String) -> (String, String?)? {
        let body: Substring
        if text.hasPrefix("--") {
            body = text.dropFirst(2)
        } else if component == .etcd, text.hasPrefix("-"), text.count > 1 {
            body = text.dropFirst(1)
        } else {
            return nil
        }
        guard let equals = body.firstIndex(of: "=") else { return body.isEmpty ? nil : (String(body), nil) }
        return (String(body[..<equals]), String(body[body.index(after: equals)...]))
    }

    /// etcd's environment fallback: `client-cert-auth` → `ETCD_CLIENT_CERT_AUTH` in the container's `env`.
    private func environment(_ name: String) -> Occurrence? {
        let variable = "ETCD_" + String(name.uppercased().map { $0 == "-" ? "_" : $0 })
        guard let entry = container.node["env"]?.items.last(where: { $0["name"]?.text == variable }),
            let value = entry["value"]?.text
        else { return nil }
        return Occurrence(name: name, value: value, node: entry)
    }
}
