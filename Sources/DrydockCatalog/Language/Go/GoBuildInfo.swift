/// The build information the Go toolchain embeds in every binary (what `go version -m` prints).
public struct GoBuildInfo: Sendable, Hashable, Codable {
    /// The toolchain version, as recorded (`go1.22.1`, `go1.22.1 X:loopvar`).
    public var goVersion: String
    /// The main package's import path (`path` line), when recorded.
    public var path: String?
    /// The main module (`mod` line), when recorded.
    public var main: GoModule?
    /// Dependencies (`dep` lines), each with its `=>` replacement.
    public var dependencies: [GoModule]
    /// Build settings (`build` lines) in order: `-ldflags`, `GOOS`, `vcs.revision`, …
    public var settings: [GoBuildSetting]

    /// Creates build information.
    public init(
        goVersion: String, path: String? = nil, main: GoModule? = nil, dependencies: [GoModule] = [],
        settings: [GoBuildSetting] = []
    ) {
        self.goVersion = goVersion
        self.path = path
        self.main = main
        self.dependencies = dependencies
        self.settings = settings
    }

    /// The value of the first build setting named `key`.
    public func setting(_ key: String) -> String? { settings.first { $0.key == key }?.value }

    /// Parses the module-information text (`path`, `mod`, `dep`, `=>` and `build` lines, tab-separated),
    /// after the toolchain version has been read. Unknown lines are ignored, as `go version -m` does.
    public static func parse(goVersion: String, moduleInfo: String) -> GoBuildInfo {
        var info = GoBuildInfo(goVersion: goVersion)
        var lastWasMain = false
        for line in moduleInfo.split(whereSeparator: \.isNewline) {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard let kind = fields.first else { continue }
            switch kind {
            case "path" where fields.count >= 2:
                info.path = fields[1]
            case "mod" where fields.count >= 3:
                info.main = GoModule(path: fields[1], version: fields[2], sum: fields.count > 3 ? fields[3] : nil)
                lastWasMain = true
                continue
            case "dep" where fields.count >= 3:
                info.dependencies.append(
                    GoModule(path: fields[1], version: fields[2], sum: fields.count > 3 ? fields[3] : nil))
            case "=>" where fields.count >= 3:
                let replacement = GoModuleReplacement(path: fields[1], version: fields[2])
                if lastWasMain {
                    info.main?.replacement = replacement
                } else if !info.dependencies.isEmpty {
                    info.dependencies[info.dependencies.count - 1].replacement = replacement
                }
            case "build" where fields.count >= 2:
                let setting = fields[1...].joined(separator: "\t")
                if let equals = setting.firstIndex(of: "=") {
                    info.settings.append(
                        GoBuildSetting(
                            key: String(setting[..<equals]),
                            value: Self.unquote(String(setting[setting.index(after: equals)...]))))
                }
            default:
                break
            }
            lastWasMain = false
        }
        return info
    }

    /// Settings whose value contains spaces are written in Go's quoted form (`"-w -X main.version=1"`).
    static func unquote(_ value: String) -> String {
        guard value.count >= 2, value.first == "\"", value.last == "\"" else { return value }
        var result = ""
        var escaped = false
        for character in value.dropFirst().dropLast() {
            if escaped {
                result.append(character == "n" ? "\n" : character == "t" ? "\t" : character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else {
                result.append(character)
            }
        }
        return result
    }
}

/// One module a Go binary was built from.
public struct GoModule: Sendable, Hashable, Codable {
    /// Module path (`golang.org/x/net`).
    public var path: String
    /// Version (`v0.17.0`, `(devel)`).
    public var version: String
    /// The `go.sum` hash, when recorded.
    public var sum: String?
    /// The `=>` replacement that was actually compiled in, when there is one.
    public var replacement: GoModuleReplacement?

    /// Creates a module.
    public init(path: String, version: String, sum: String? = nil, replacement: GoModuleReplacement? = nil) {
        self.path = path
        self.version = version
        self.sum = sum
        self.replacement = replacement
    }
}

/// A `replace` directive's target: another module (with a version) or a local folder (version `(devel)`
/// or empty).
public struct GoModuleReplacement: Sendable, Hashable, Codable {
    /// Module path or local folder.
    public var path: String
    /// Version; empty or `(devel)` for a local folder.
    public var version: String

    /// Creates a replacement.
    public init(path: String, version: String) {
        self.path = path
        self.version = version
    }
}

/// One `build` line: `KEY=VALUE`.
public struct GoBuildSetting: Sendable, Hashable, Codable {
    /// `-ldflags`, `GOOS`, `vcs.revision`, …
    public var key: String
    /// The value, unquoted.
    public var value: String

    /// Creates a setting.
    public init(key: String, value: String) {
        self.key = key
        self.value = value
    }
}
