import DrydockModel
import DrydockPolicy

/// Writes JUnit XML for CI test views (GitLab, Jenkins, Azure DevOps): one `testsuite` per target and one
/// failing `testcase` per reported finding, named as Trivy's `contrib/junit.tpl` names them
/// (`[SEVERITY] ID`, class `package-version` or the check's type). A configuration target counts its passed
/// checks as passing tests, as Trivy's template does.
public struct JUnitReport: Sendable {
    public init() {}

    public func render(_ report: ScanReport) -> [UInt8] {
        let suites = report.targets.map(suite)
        let tests = suites.reduce(0) { $0 + $1.tests }
        let failures = suites.reduce(0) { $0 + $1.failures }
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<testsuites name=\"drydock\" tests=\"\(tests)\" failures=\"\(failures)\">\n"
        for suite in suites { out += suite.xml }
        out += "</testsuites>\n"
        return Array(out.utf8)
    }

    private struct Suite {
        var tests: Int
        var failures: Int
        var xml: String
    }

    private func suite(_ target: DecidedTarget) -> Suite {
        let findings = target.reportedProblems
        let passed = target.kind == .config ? target.passedChecks : 0
        let tests = findings.count + passed
        var xml = "  <testsuite name=\"\(XMLText.escape(target.name))\" tests=\"\(tests)\" "
        xml += "failures=\"\(findings.count)\" errors=\"0\" skipped=\"0\" time=\"0\">\n"
        xml += "    <properties>\n"
        xml += "      <property name=\"class\" value=\"\(target.kind.rawValue)\"/>\n"
        if !target.type.isEmpty { xml += "      <property name=\"type\" value=\"\(XMLText.escape(target.type))\"/>\n" }
        xml += "    </properties>\n"
        for decided in findings { xml += testcase(decided, target: target) }
        xml += "  </testsuite>\n"
        return Suite(tests: tests, failures: findings.count, xml: xml)
    }

    private func testcase(_ decided: DecidedFinding, target: DecidedTarget) -> String {
        let finding = decided.finding
        let classname: String
        var details: [String] = []
        switch finding {
        case .vulnerability(let value):
            classname = "\(value.package.name)-\(value.package.version)"
            details.append("Package: \(value.package.name) \(value.package.version)")
            details.append("Fixed version: \(value.fixedVersion ?? "none")")
            if let url = TrivyJSONReport.primaryURL(for: value) { details.append("Link: \(url)") }
            if let description = value.advisory.description { details.append("\n" + description) }
        case .misconfiguration(let value):
            classname = TrivyJSONReport.checkType(fileType: value.fileType)
            var location = "\(value.filePath)"
            if let start = value.cause.startLine {
                location += ":\(start)"
                if let end = value.cause.endLine, end > start { location += "-\(end)" }
            }
            details.append(location)
            details.append(value.message)
            let cause = value.cause.code.lines.filter(\.isCause).map(\.content)
            if !cause.isEmpty { details.append("Code:\n" + cause.joined(separator: "\n")) }
            details.append(value.description)
            if !value.resolution.isEmpty { details.append("Resolution: \(value.resolution)") }
        case .secret(let value):
            classname = value.ruleID
            details.append("\(value.filePath):\(value.startLine)")
            details.append(value.match)
        case .license(let value):
            classname = value.package?.name ?? value.filePath ?? target.name
            details.append("Classification: \(value.category.rawValue)")
        }
        details.append("Decision: \(decided.decision.action.rawValue) (\(decided.decision.rule.description))")
        let name = "[\(finding.severity.rawValue)] \(finding.id)"
        var xml =
            "    <testcase classname=\"\(XMLText.escape(classname))\" name=\"\(XMLText.escape(name))\" time=\"0\">\n"
        xml += "      <failure message=\"\(XMLText.escape(FindingText.title(finding)))\" "
        xml += "type=\"\(finding.severity.rawValue)\">\(XMLText.escape(details.joined(separator: "\n")))</failure>\n"
        xml += "    </testcase>\n"
        return xml
    }
}
