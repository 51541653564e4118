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
    /// of a malformed check, or an ID that a built-in check or another custom check already has.
    static func load(_ paths: [String]) throws -> [Source] {
        var sources: [Source] = []
        var seen: [String: String] = [:]
        for path in paths {
            for file in try files(under: path) {
                let text = String(decoding: try ConfigFiles.read(file, what: "custom check"), as: UTF8.self)
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
        guard isDirectory.boolValue else { return [path] }
        let enumerator = FileManager.default.enumerator(atPath: path)
        var found: [String] = []
        while let relative = enumerator?.nextObject() as? String {
            let lowered = relative.lowercased()
            guard lowered.hasSuffix(".yaml") || lowered.hasSuffix(".yml") else { continue }
            if relative.split(separator: "/").contains(where: { $0.hasPrefix(".") }) { continue }
            found.append((path as NSString).appendingPathComponent(relative))
        }
        return found.sorted()
    }
}
