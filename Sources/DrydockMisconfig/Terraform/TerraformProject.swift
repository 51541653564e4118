import Foundation

/// The Terraform files of a scanned tree, parsed, and the evaluation of its root modules. Pure: file
/// contents in, resources out.
///
/// A root module is a folder of `.tf` (and `.tf.json`) files that no other scanned folder calls as a local module and that
/// is not under `.terraform/modules`. Variables take, in increasing precedence, their defaults,
/// `terraform.tfvars`, `*.auto.tfvars` (alphabetically) beside the root module, then the `--tf-vars` files in
/// order. Local modules (`./…`, `../…`) and modules Terraform downloaded (`.terraform/modules/modules.json`)
/// are followed; other module sources are reported and their outputs stay unknown.
public final class TerraformProject {
    /// A source file: `.tf`, `.tf.json`, `.tfvars`, `.tfvars.json` or `modules.json`.
    public struct SourceFile: Sendable, Hashable {
        public var path: String
        public var text: String

        public init(path: String, text: String) {
            self.path = path
            self.text = text
        }
    }

    /// The outcome of evaluating the root modules.
    public struct Evaluation: Sendable {
        public var resources: [TerraformResource] = []
        /// Files that could not be parsed.
        public var warnings: [ConfigWarning] = []
        /// Module calls whose source is not available locally, and similar.
        public var notes: [String] = []
    }

    let rootDirectory: String
    private var parsed: [String: HCLBody] = [:]
    private var moduleDirectories: [String: String] = [:]
    private var extraVariables: [String: ConfigNode] = [:]
    private var warnings: [ConfigWarning] = []
    private(set) var notes: [String] = []

    /// Reads `files` (paths relative to the scanned root, `/`-separated) and `variableFiles` (`--tf-vars`).
    public init(files: [SourceFile], variableFiles: [SourceFile] = [], rootDirectory: String = ".") {
        self.rootDirectory = rootDirectory
        self.tfvars = files.filter { Self.isAutomaticVariableFile($0.path) }
        for file in files {
            let name = Self.name(file.path)
            if name == "modules.json", file.path.hasSuffix(".terraform/modules/modules.json") {
                readModulesJSON(file)
            } else if !Self.isVariableFile(name) {
                // Every other file the caller classified as Terraform: `.tf`, or a file named on the command
                // line or read from standard input.
                do {
                    parsed[file.path] =
                        name.hasSuffix(".tf.json")
                        ? try TerraformJSONSyntax.parse(file.text) : try HCLParser.parse(file.text)
                } catch {
                    warnings.append(ConfigWarning(path: file.path, error: error))
                }
            }
        }
        var extra: [String: ConfigNode] = [:]
        for file in variableFiles { merge(variables: file, into: &extra) }
        extraVariables = extra
    }

    private let tfvars: [SourceFile]

    static func name(_ path: String) -> String { path.split(separator: "/").last.map(String.init) ?? path }

    static func directory(_ path: String) -> String {
        let parts = path.split(separator: "/").dropLast()
        return parts.isEmpty ? "." : parts.joined(separator: "/")
    }

    /// `terraform.tfvars`, `terraform.tfvars.json`, `*.auto.tfvars`, `*.auto.tfvars.json`.
    public static func isAutomaticVariableFile(_ path: String) -> Bool {
        let name = name(path)
        return name == "terraform.tfvars" || name == "terraform.tfvars.json" || name.hasSuffix(".auto.tfvars")
            || name.hasSuffix(".auto.tfvars.json")
    }

    /// `.tfvars` and `.tfvars.json` files.
    static func isVariableFile(_ name: String) -> Bool { name.hasSuffix(".tfvars") || name.hasSuffix(".tfvars.json") }

    /// Whether misconfiguration scanning reads the file as part of a Terraform project.
    public static func isTerraformFile(_ path: String) -> Bool {
        let name = name(path)
        return name.hasSuffix(".tf") || name.hasSuffix(".tf.json") || name.hasSuffix(".tfvars")
            || name.hasSuffix(".tfvars.json")
            || (name == "modules.json" && path.hasSuffix(".terraform/modules/modules.json"))
    }

    private func readModulesJSON(_ file: SourceFile) {
        guard let root = try? YAMLTree.parse(file.text).first?.root else {
            warnings.append(ConfigWarning(path: file.path, error: ConfigParseError("not a valid modules.json")))
            return
        }
        let base = Self.directory(Self.directory(Self.directory(file.path)))
        for module in root["Modules"]?.items ?? [] {
            guard let key = module["Key"]?.string, let dir = module["Dir"]?.string, !key.isEmpty else { continue }
            moduleDirectories[key] = Self.normalize(base == "." ? dir : base + "/" + dir)
        }
    }

    private func merge(variables file: SourceFile, into values: inout [String: ConfigNode]) {
        if file.path.hasSuffix(".json") {
            guard let root = try? YAMLTree.parse(file.text).first?.root else {
                warnings.append(ConfigWarning(path: file.path, error: ConfigParseError("not valid JSON")))
                return
            }
            for entry in root.entries { values[entry.key] = entry.value }
            return
        }
        do {
            let body = try HCLParser.parse(file.text)
            let evaluator = HCLEvaluator(scope: EmptyScope())
            for attribute in body.attributes { values[attribute.name] = evaluator.evaluate(attribute.expression) }
        } catch {
            warnings.append(ConfigWarning(path: file.path, error: error))
        }
    }

    struct EmptyScope: HCLScope {
        func resolve(_ root: String, _ attribute: String?) -> ConfigNode? { nil }
    }

    /// The parsed `.tf` files of `directory`, by path.
    func files(in directory: String) -> [(path: String, body: HCLBody)] {
        parsed.filter { Self.directory($0.key) == directory }.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// The folder a module call's `source` names, when it is here.
    func moduleDirectory(source: String, from directory: String, key: [String]) -> String? {
        if source.hasPrefix("./") || source.hasPrefix("../") {
            let target = Self.normalize(directory == "." ? source : directory + "/" + source)
            if !files(in: target).isEmpty { return target }
        }
        if let downloaded = moduleDirectories[key.joined(separator: ".")], !files(in: downloaded).isEmpty {
            return downloaded
        }
        notes.append(
            "terraform module '\(key.joined(separator: "."))' (source \(source)) in \(directory) is not available "
                + "locally; its resources were not checked (run terraform init to download it)")
        return nil
    }

    /// `a/./b/../c` → `a/c`.
    static func normalize(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/") {
            if part == "." || part.isEmpty { continue }
            if part == "..", let last = parts.last, last != ".." {
                parts.removeLast()
            } else {
                parts.append(part)
            }
        }
        return parts.isEmpty ? "." : parts.joined(separator: "/")
    }

    /// Folders of root modules.
    func rootModules() -> [String] {
        let directories = Set(parsed.keys.map(Self.directory))
        var called: Set<String> = []
        for directory in directories {
            for (_, body) in files(in: directory) {
                for block in body.blocks("module") {
                    guard case .template(let parts, _)? = block.body[attribute: "source"]?.expression,
                        case .literal(let source)? = parts.first, parts.count == 1,
                        source.hasPrefix("./") || source.hasPrefix("../")
                    else { continue }
                    called.insert(Self.normalize(directory == "." ? source : directory + "/" + source))
                }
            }
        }
        return directories.filter { !called.contains($0) && !$0.contains(".terraform/modules") }.sorted()
    }

    /// Evaluates every root module.
    public func evaluate() -> Evaluation {
        var evaluation = Evaluation()
        for root in rootModules() {
            var inputs: [String: ConfigNode] = [:]
            let automatic = tfvars.filter { Self.directory($0.path) == root }.sorted { left, right in
                let l = Self.name(left.path).hasPrefix("terraform.tfvars")
                let r = Self.name(right.path).hasPrefix("terraform.tfvars")
                return l != r ? l : left.path < right.path
            }
            for file in automatic { merge(variables: file, into: &inputs) }
            inputs.merge(extraVariables) { $1 }
            let instance = TerraformModuleInstance(
                project: self, directory: root, inputs: inputs, modulePath: "", moduleKey: [], calls: [], depth: 0)
            evaluation.resources += instance.allResources()
        }
        evaluation.warnings = warnings
        var seen: Set<String> = []
        evaluation.notes = notes.filter { seen.insert($0).inserted }
        return evaluation
    }
}
