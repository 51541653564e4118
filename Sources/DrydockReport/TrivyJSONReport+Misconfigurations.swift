import DrydockModel
import DrydockPolicy

// Misconfiguration results in Trivy's shape (`MisconfSummary`, `Misconfigurations[]`). Written by the
// misconfiguration work as a small separate piece; the report-format work owns the writer and may fold it in.
extension TrivyJSONReport {
    /// Adds `MisconfSummary` and `Misconfigurations` to a `config` result.
    func addMisconfigurations(_ target: DecidedTarget, to object: inout JSONObjectBuilder) {
        guard target.kind == .config else { return }
        let reported = target.reported.compactMap(\.finding.misconfiguration)
        let failures = reported.filter { $0.status == .fail }
        object.add(
            "MisconfSummary",
            .object([("Successes", .int(Int64(target.passedChecks))), ("Failures", .int(Int64(failures.count)))]))
        object.add("Misconfigurations", nonEmpty: .array(reported.map(Self.misconfiguration)))
    }

    static func misconfiguration(_ finding: MisconfigurationFinding) -> JSONValue {
        var object = JSONObjectBuilder()
        object.add("Type", .string(checkType(finding.fileType)))
        object.add("ID", .string(finding.id))
        object.add("AVDID", .string(finding.aliases.first { $0.hasPrefix("AVD-") } ?? finding.id))
        object.add("Title", .string(finding.title))
        object.add("Description", .string(finding.description))
        object.add("Message", string: finding.message)
        object.add("Namespace", string: finding.namespace)
        if let namespace = finding.namespace { object.add("Query", .string("data.\(namespace).deny")) }
        object.add("Resolution", .string(finding.resolution))
        object.add("Severity", .string(finding.severity.rawValue))
        object.add("PrimaryURL", string: finding.primaryURL)
        object.add("References", strings: finding.references)
        object.add("Status", .string(finding.status.rawValue))
        if let layer = finding.layer {
            var layerObject = JSONObjectBuilder()
            layerObject.add("Digest", string: layer.digest)
            layerObject.add("DiffID", string: layer.diffID)
            object.add("Layer", nonEmpty: layerObject.value)
        }
        object.add("CauseMetadata", cause(finding.cause))
        return object.value
    }

    static func cause(_ cause: CauseMetadata) -> JSONValue {
        var object = JSONObjectBuilder()
        object.add("Resource", string: cause.resource)
        object.add("Provider", string: cause.provider)
        object.add("Service", string: cause.service)
        if let start = cause.startLine { object.add("StartLine", .int(Int64(start))) }
        if let end = cause.endLine { object.add("EndLine", .int(Int64(end))) }
        if !cause.code.isEmpty {
            let lines = cause.code.lines.map { line -> JSONValue in
                .object([
                    ("Number", .int(Int64(line.number))), ("Content", .string(line.content)),
                    ("IsCause", .bool(line.isCause)), ("Annotation", .string(line.annotation)),
                    ("Truncated", .bool(line.truncated)), ("FirstCause", .bool(line.firstCause)),
                    ("LastCause", .bool(line.lastCause)),
                ])
            }
            object.add("Code", .object([("Lines", .array(lines))]))
        }
        if !cause.occurrences.isEmpty {
            object.add(
                "Occurrences",
                .array(
                    cause.occurrences.map {
                        .object([
                            ("Resource", .string($0.resource)), ("Filename", .string($0.filename)),
                            (
                                "Location",
                                .object([
                                    ("StartLine", .int(Int64($0.startLine))), ("EndLine", .int(Int64($0.endLine))),
                                ])
                            ),
                        ])
                    }))
        }
        return object.value
    }

    /// Trivy's misconfiguration `Type` (`Dockerfile Security Check`).
    static func checkType(_ fileType: String) -> String {
        switch fileType {
        case "dockerfile": "Dockerfile Security Check"
        case "kubernetes": "Kubernetes Security Check"
        case "helm": "Helm Security Check"
        case "terraform": "Terraform Security Check"
        case "cloudformation": "CloudFormation Security Check"
        default: "\(fileType) Security Check"
        }
    }
}
