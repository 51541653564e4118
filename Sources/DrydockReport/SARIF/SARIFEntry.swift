import DrydockModel

/// One rule of a SARIF run: a vulnerability, check, secret rule or license.
struct SARIFRule {
    var id: String
    /// Trivy's rule names: `OsPackageVulnerability`, `LanguageSpecificPackageVulnerability`,
    /// `Misconfiguration`, `Secret`, `License`.
    var name: String
    var shortDescription: String
    var fullDescription: String
    var helpURI: String?
    var helpText: String
    var helpMarkdown: String
    var severity: Severity
    /// GitHub's `security-severity`, 0.0 to 10.0.
    var securitySeverity: Double
    var tags: [String]

    var json: JSONValue {
        var rule = JSONObjectBuilder()
        rule.add("id", .string(id))
        rule.add("name", .string(name))
        rule.add("shortDescription", .object([("text", .string(shortDescription))]))
        rule.add("fullDescription", .object([("text", .string(fullDescription))]))
        rule.add("defaultConfiguration", .object([("level", .string(SARIFEntry.level(severity)))]))
        rule.add("helpUri", string: helpURI)
        rule.add("help", .object([("text", .string(helpText)), ("markdown", .string(helpMarkdown))]))
        rule.add(
            "properties",
            .object([
                ("precision", .string("very-high")),
                ("security-severity", .string(SARIFEntry.score(securitySeverity))),
                ("tags", .strings(tags)),
            ]))
        return rule.value
    }
}

/// One result of a SARIF run, with its rule.
struct SARIFEntry {
    var rule: SARIFRule
    var severity: Severity
    var message: String
    /// A relative URI reference: a path in the scanned directory, or `IMAGE/PATH` for a file inside an image.
    var uri: String
    var startLine: Int
    var endLine: Int
    var locationMessage: String
    /// The gate's decision (`fail`, `warn`), so a consumer can tell what blocked the build.
    var decision: String

    func json(ruleIndex: Int) -> JSONValue {
        let region: JSONValue = .object([
            ("startLine", .int(Int64(max(1, startLine)))), ("endLine", .int(Int64(max(max(1, startLine), endLine)))),
        ])
        let physical: JSONValue = .object([
            ("artifactLocation", .object([("uri", .string(SARIFEntry.encode(uri)))])), ("region", region),
        ])
        return .object([
            ("ruleId", .string(rule.id)),
            ("ruleIndex", .int(Int64(ruleIndex))),
            ("level", .string(SARIFEntry.level(severity))),
            ("message", .object([("text", .string(message))])),
            (
                "locations",
                .array([
                    .object([
                        ("physicalLocation", physical), ("message", .object([("text", .string(locationMessage))])),
                    ])
                ])
            ),
            ("properties", .object([("drydock/decision", .string(decision))])),
        ])
    }

    /// Trivy's mapping of severities to SARIF levels.
    static func level(_ severity: Severity) -> String {
        switch severity {
        case .critical, .high: "error"
        case .medium: "warning"
        case .low, .unknown: "note"
        }
    }

    /// A score in GitHub's format: one decimal (`9.8`, `8.0`).
    static func score(_ value: Double) -> String {
        String(format: "%.1f", min(10, max(0, value)))
    }

    /// The score GitHub shows for a severity when no CVSS score agrees with it (Trivy's values).
    static func defaultScore(_ severity: Severity) -> Double {
        switch severity {
        case .critical: 9.5
        case .high: 8.0
        case .medium: 5.5
        case .low: 2.0
        case .unknown: 0.0
        }
    }

    /// Percent-encodes what a URI reference may not hold (spaces, `%`, `#`, `?`, non-ASCII), keeping `/`.
    static func encode(_ path: String) -> String {
        var out = ""
        for byte in path.utf8 {
            let character = Character(Unicode.Scalar(byte))
            if byte < 0x80, character.isLetter || character.isNumber || "-._~/!$&'()*+,;=:@".contains(character) {
                out.append(character)
            } else {
                out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return out
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
