import ArgumentParser
import DrydockMisconfig
import Foundation

/// Flags of misconfiguration scanning, with Trivy's names.
struct MisconfigOptions: ParsableArguments {
    @Option(
        name: [.customLong("config-check"), .customLong("config-policy")],
        help: "Custom checks: a YAML check file or a folder of them (repeatable; see docs/misconfig.md).")
    var configCheck: [String] = []

    @Option(
        name: [.customLong("config-data"), .customLong("data")],
        help: "Check data (YAML/JSON): ds031.included_envs, ksv0125.trusted_registries (repeatable).")
    var configData: [String] = []

    @Flag(name: .customLong("include-non-failures"), help: "List passed checks too (Status PASS).")
    var includeNonFailures = false

    @Flag(name: .customLong("include-deprecated-checks"), help: "Run deprecated built-in checks too.")
    var includeDeprecatedChecks = false

    @Option(
        name: .customLong("misconfig-scanners"),
        help: """
            Kinds of configuration file checked, comma-separated: dockerfile, kubernetes, helm, terraform, \
            terraformplan-json, cloudformation (default: all).
            """)
    var misconfigScanners: String?

    @Option(
        name: .customLong("tf-vars"),
        help: "Terraform variable files (.tfvars or .tfvars.json) applied to every root module (repeatable).")
    var tfVars: [String] = []

    @Flag(
        name: .customLong("tf-exclude-downloaded-modules"),
        help: "Leave out findings in modules Terraform downloaded (under .terraform/modules); they are still evaluated."
    )
    var tfExcludeDownloadedModules = false

    @Option(
        name: .customLong("cf-params"),
        help: "CloudFormation parameter values (JSON, the AWS CLI's ParameterKey/ParameterValue list) (repeatable).")
    var cfParams: [String] = []

    @Option(
        name: .customLong("k8s-version"),
        help: "Kubernetes version to judge deprecated APIs and sysctls against (1.29.0; default: newest).")
    var k8sVersion: String?

    /// Trivy's `--misconfig-scanners` names, and the file types Drydock reads for each.
    static let scannerTypes: [String: Set<ConfigFileType>] = [
        "dockerfile": [.dockerfile], "kubernetes": [.kubernetes], "helm": [.helm], "terraform": [.terraform],
        "cloudformation": [.cloudformation], "azure-arm": [], "ansible": [], "terraformplan-json": [.terraformPlan],
        "terraformplan-snapshot": [],
    ]

    /// The file types `--misconfig-scanners` selects (all without it).
    var fileTypes: Set<ConfigFileType> {
        guard let misconfigScanners else { return Set(ConfigFileType.allCases) }
        return misconfigScanners.split(separator: ",").reduce(into: Set<ConfigFileType>()) {
            $0.formUnion(Self.scannerTypes[$1.trimmingCharacters(in: .whitespaces)] ?? [])
        }
    }

    /// Notes for `--misconfig-scanners` names Drydock does not read yet (Azure ARM, Ansible, plan snapshots).
    var unreadScannerNotes: [String] {
        let names = (misconfigScanners ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        return names.filter { Self.scannerTypes[$0]?.isEmpty == true }.map {
            "--misconfig-scanners \($0): Drydock does not read \($0) files yet; none were checked"
        }
    }

    mutating func validate() throws {
        for name in (misconfigScanners ?? "").split(separator: ",") {
            let trimmed = name.trimmingCharacters(in: .whitespaces)
            guard Self.scannerTypes[trimmed] != nil else {
                throw ValidationError(
                    "--misconfig-scanners \(trimmed): expected \(Self.scannerTypes.keys.sorted().joined(separator: ", "))"
                )
            }
        }
    }

    /// The scanner: built-in checks plus the custom ones, with the check data. Throws `CommandFailure`
    /// (usage) naming the file of a malformed custom check or data file.
    func scanner() throws -> ConfigScanner {
        var settings = CheckSettings(kubernetesVersion: k8sVersion)
        for path in configData {
            let data = try ConfigFiles.read(path, what: "check data")
            do {
                try settings.read(data: data)
            } catch {
                throw CommandFailure(.usage, "--config-data \(path): \(error)")
            }
        }
        var checks = BuiltinChecks.all
        for source in try CustomCheckFiles.load(configCheck) {
            checks += source.checks
        }
        var scanner = ConfigScanner(checks: checks, includeDeprecated: includeDeprecatedChecks, settings: settings)
        scanner.fileTypes = fileTypes
        for path in cfParams {
            let text = String(
                decoding: try ConfigFiles.read(path, what: "CloudFormation parameters file"), as: UTF8.self)
            do {
                scanner.cloudFormationParameters.merge(try CloudFormationTemplate.parameters(text)) { $1 }
            } catch {
                throw CommandFailure(.usage, "--cf-params \(path): \(error)")
            }
        }
        scanner.excludeDownloadedModules = tfExcludeDownloadedModules
        scanner.terraformVariableFiles = try tfVars.map { path in
            TerraformProject.SourceFile(
                path: path,
                text: String(decoding: try ConfigFiles.read(path, what: "Terraform variables file"), as: UTF8.self))
        }
        return scanner
    }
}

/// Reading files named on the command line, with usage errors that name them.
enum ConfigFiles {
    /// The bytes of `path`; exit code 2 with the path when it cannot be read.
    static func read(_ path: String, what: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CommandFailure(.usage, "cannot read \(what) \(path): no such file or not readable")
        }
        return Array(data)
    }
}
