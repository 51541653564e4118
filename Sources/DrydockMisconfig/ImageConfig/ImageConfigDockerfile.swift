import Foundation

/// An image's configuration turned back into Dockerfile instructions, as Trivy does for image config
/// scanning: the history steps after the base image (the last `CMD` before the image's own layers marks
/// where the base ends), each `created_by` rewritten as the instruction that produced it, and the
/// configured user appended (it can be set without a history step).
public struct ImageConfigDockerfile: Sendable, Hashable {
    /// The rebuilt Dockerfile (no `FROM`: the base image is not part of it).
    public var text: String

    /// Checks that are meaningless on history: a base image's `CMD`/`ENTRYPOINT` is in the history too.
    public static let disabledChecks: Set<String> = ["DS-0007", "DS-0016"]

    /// Rebuilds from the image configuration JSON; `nil` when it cannot be read.
    public init?(configJSON: [UInt8]) {
        guard let object = try? JSONSerialization.jsonObject(with: Data(configJSON)) as? [String: Any] else {
            return nil
        }
        let config = object["config"] as? [String: Any] ?? object["Config"] as? [String: Any] ?? [:]
        let history = (object["history"] as? [[String: Any]] ?? []).map {
            (createdBy: $0["created_by"] as? String ?? "", emptyLayer: $0["empty_layer"] as? Bool ?? false)
        }
        var lines: [String] = []
        for step in history[(Self.baseImageEnd(history) + 1)...] {
            let line = Self.instruction(step.createdBy, healthcheck: config["Healthcheck"] as? [String: Any])
            lines.append(Self.stripBuildMetadata(line).trimmingCharacters(in: .whitespaces))
        }
        if let user = config["User"] as? String, !user.isEmpty { lines.append("USER \(user)") }
        text = lines.filter { !$0.isEmpty }.joined(separator: "\n") + "\n"
    }

    /// The index of the base image's last history step: the last empty-layer `CMD` before the final run of
    /// layer-creating steps; `-1` when there is none.
    static func baseImageEnd(_ history: [(createdBy: String, emptyLayer: Bool)]) -> Int {
        var foundLayer = false
        for index in history.indices.reversed() {
            let step = history[index]
            if !foundLayer {
                if step.emptyLayer { continue }
                foundLayer = true
            }
            guard step.emptyLayer else { continue }
            if step.createdBy.hasPrefix("/bin/sh -c #(nop)  CMD") || step.createdBy.hasPrefix("CMD") { return index }
        }
        return -1
    }

    /// The Dockerfile instruction a history step records.
    static func instruction(_ createdBy: String, healthcheck: [String: Any]?) -> String {
        if createdBy.hasPrefix("/bin/sh -c #(nop)") {
            var rest = String(createdBy.dropFirst("/bin/sh -c #(nop)".count))
            let trimmed = rest.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("COPY") || trimmed.hasPrefix("ADD") {
                rest = rest.replacingOccurrences(
                    of: #"\b((?:file|dir):\S+) in "#, with: "$1 ", options: .regularExpression)
            }
            return rest
        }
        if createdBy.hasPrefix("/bin/sh -c") { return "RUN" + createdBy.dropFirst("/bin/sh -c".count) }
        if createdBy.hasSuffix("# buildkit") {
            let step = String(createdBy.dropLast("# buildkit".count))
            if let range = step.range(of: "/bin/sh -c") { return "RUN" + step[range.upperBound...] }
            return step
        }
        if createdBy.hasPrefix("USER") { return createdBy }
        if createdBy.hasPrefix("HEALTHCHECK") { return healthcheckInstruction(healthcheck) }
        if createdBy.hasPrefix("ENV") {
            guard let equals = createdBy.firstIndex(of: "=") else { return createdBy }
            let value = createdBy[createdBy.index(after: equals)...]
            let escaped = value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(
                of: "\"", with: "\\\"")
            return "\(createdBy[..<equals])=\"\(escaped)\""
        }
        if createdBy.hasPrefix("ARG") || createdBy.hasPrefix("ENTRYPOINT") { return createdBy }
        return ""
    }

    /// `HEALTHCHECK --interval=… CMD …` from the configured health check (`HEALTHCHECK NONE` when unset).
    static func healthcheckInstruction(_ health: [String: Any]?) -> String {
        guard let health else { return "HEALTHCHECK NONE" }
        var options = ""
        for (key, flag) in [("Interval", "interval"), ("Timeout", "timeout"), ("StartPeriod", "start-period")] {
            if let nanoseconds = (health[key] as? NSNumber)?.int64Value, nanoseconds != 0 {
                options += "--\(flag)=\(Self.duration(nanoseconds)) "
            }
        }
        if let retries = (health["Retries"] as? NSNumber)?.intValue, retries != 0 { options += "--retries=\(retries) " }
        let test = (health["Test"] as? [String] ?? []).joined(separator: " ").replacingOccurrences(
            of: "CMD-SHELL", with: "CMD")
        return "HEALTHCHECK \(options)\(test)"
    }

    /// Go's duration notation for whole seconds and minutes (`30s`, `1m0s`).
    static func duration(_ nanoseconds: Int64) -> String {
        let seconds = nanoseconds / 1_000_000_000
        if seconds >= 60 { return "\(seconds / 60)m\(seconds % 60)s" }
        return "\(seconds)s"
    }

    /// Removes `|key=value` suffixes some builders (Buildah) append to history.
    static func stripBuildMetadata(_ line: String) -> String {
        line.replacingOccurrences(of: #"\|[a-zA-Z0-9_-]+=[^ \t]+"#, with: "", options: .regularExpression)
    }
}

extension ConfigScanner {
    /// Runs the Dockerfile checks on an image's configuration (its history as a Dockerfile), reporting under
    /// `target` (the image name, as Trivy does). `nil` when the configuration is not JSON (the image reader
    /// has refused such an image already); an error naming the line of the rebuilt history it cannot read.
    public func scanImageConfig(_ configJSON: [UInt8], target: String) throws(ConfigParseError) -> ConfigTargetResult? {
        guard let rebuilt = ImageConfigDockerfile(configJSON: configJSON) else { return nil }
        let file: Dockerfile
        do {
            file = try DockerfileParser.parse(rebuilt.text, requiresFrom: false)
        } catch {
            let lines = rebuilt.text.split(separator: "\n", omittingEmptySubsequences: false)
            let line = error.line.flatMap { lines.dropFirst($0 - 1).first }
            throw ConfigParseError(
                "its history as a Dockerfile cannot be read: \(error.reason)" + (line.map { " (`\($0)`)" } ?? ""))
        }
        var scanner = self
        scanner.checks = checks.filter {
            $0.metadata.fileTypes.contains(.dockerfile)
                && !ImageConfigDockerfile.disabledChecks.contains($0.metadata.id)
        }
        let source = SourceText(rebuilt.text)
        var builder = ResultBuilder(
            target: target, fileType: .dockerfile, source: source, layer: nil, firstContentLine: 1)
        scanner.evaluate(.dockerfile(file), fileType: .dockerfile, resource: nil, into: &builder)
        return builder.result
    }
}
