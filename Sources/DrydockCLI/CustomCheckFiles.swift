import DrydockMisconfig
import Foundation

/// Custom check files named by `--config-check` (files, or folders searched for `.yaml`/`.yml`).
enum CustomCheckFiles {
    /// The checks of one file.
    struct Source {
        var path: String
        var custom: [CustomCheck]
        var checks: [Check] { custom.map(\.check) }
    }

    /// Reads every custom check under `paths`. Throws `CommandFailure` (usage) naming the file and line
    /// of a malformed check, or an ID that a built-in check or another custom check already has. In a folder,
    /// YAML files without a `definition` (the checks' example inputs) are not checks and are passed over.
    static func load(_ paths: [String]) throws -> [Source] {
        var sources: [Source] = []
        var seen: [String: String] = [:]
        for path in paths {
            let found = try files(under: path)
            let inFolder = found != [path]
            for file in found {
                let text = String(decoding: try ConfigFiles.read(file, what: "custom check"), as: UTF8.self)
                if inFolder, !CustomCheckParser.looksLikeCheck(text) { continue }
                let checks: [CustomCheck]
                do {
                    checks = try CustomCheckParser.parse(text, file: file)
                } catch {
                    let location = error.line.map { "\(file):\($0)" } ?? file
                    throw CommandFailure(.usage, "custom check \(location): \(error.reason)")
                }
                for check in checks {
                    let id = check.metadata.id
                    if BuiltinChecks.check(id) != nil {
                        throw CommandFailure(
                            .usage, "custom check \(file): ID \(id) is a built-in check's ID; choose another")
                    }
                    if let other = seen[id.lowercased()] {
                        throw CommandFailure(.usage, "custom check \(file): ID \(id) is also defined in \(other)")
                    }
                    seen[id.lowercased()] = file
                }
                sources.append(Source(path: file, custom: checks))
            }
        }
        return sources
    }

    /// `path` itself when it is a file; its `.yaml`/`.yml` files (recursively, sorted) when a folder.
    static func files(under path: String) throws -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw CommandFailure(.usage, "--config-check \(path): no such file or folder")
        }
        guard isDirectory.boolValue else {
            if path.lowercased().hasSuffix(".rego") { throw regoRefused(path) }
            return [path]
        }
        let enumerator = FileManager.default.enumerator(atPath: path)
        var found: [String] = []
        var rego = false
        while let relative = enumerator?.nextObject() as? String {
            let lowered = relative.lowercased()
            if relative.split(separator: "/").contains(where: { $0.hasPrefix(".") }) { continue }
            rego = rego || lowered.hasSuffix(".rego")
            guard lowered.hasSuffix(".yaml") || lowered.hasSuffix(".yml") else { continue }
            found.append((path as NSString).appendingPathComponent(relative))
        }
        if found.isEmpty, rego { throw regoRefused(path) }
        return found.sorted()
    }

    /// Trivy's checks are Rego; Drydock's are YAML. Saying so beats reporting a YAML syntax error.
    static func regoRefused(_ path: String) -> CommandFailure {
        CommandFailure(
            .usage,
            "--config-check \(path): Rego checks (Trivy's custom checks) are not read; Drydock's custom checks are "
                + "YAML in checkov's policy form (docs/misconfig.md#custom-checks)")
    }
}
