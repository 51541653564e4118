import DrydockMatch
import DrydockModel
import DrydockPolicy

/// The coverage section every report carries: the OS, whether the DB holds its release's advisories,
/// the release's support, and what was not checked.
enum CoverageSection {
    /// The table's section, printed before the targets.
    static func table(_ coverage: ScanCoverage, verdict: Verdict) -> String {
        var out = "Coverage\n========\n"
        out += "OS: \(coverage.osSummary)\n"
        if let support = coverage.support {
            let standard = "\(support.releaseName) is supported until \(support.lifecycle.standardEnd)"
            out += "Support: \(support.summary ?? standard)\n"
        } else if coverage.operatingSystem != nil {
            out += "Support: release dates unknown to Drydock\n"
        }
        for summary in coverage.uncheckedSummaries { out += "Not checked: \(summary)\n" }
        if coverage.isComplete { out += "Every package was checked against advisories for its namespace.\n" }
        for failure in verdict.coverageFailures { out += "Gate failed: \(failure)\n" }
        return out
    }

    /// The `Drydock.Coverage` object of the JSON report.
    static func json(_ coverage: ScanCoverage) -> JSONValue {
        var object = JSONObjectBuilder()
        object.add("Complete", .bool(coverage.isComplete))
        var os = JSONObjectBuilder()
        if let system = coverage.operatingSystem {
            os.add("Family", .string(system.family.rawValue))
            os.add("ID", string: system.id)
            os.add("Name", .string(system.version))
        }
        os.add("State", .string(coverage.osState.rawValue))
        os.add("Namespace", string: coverage.osNamespace)
        os.add("Namespaces", strings: coverage.coveredNamespaces)
        os.add("Feeds", strings: coverage.feeds)
        if coverage.osState == .covered || coverage.osState == .noAdvisories {
            os.add("AdvisoriesInDB", .bool(coverage.osState == .covered))
        }
        os.add("Summary", .string(coverage.osSummary))
        object.add("OS", os.value)
        if let support = coverage.support {
            var lifecycle = JSONObjectBuilder()
            lifecycle.add("Release", .string(support.releaseName))
            lifecycle.add("Phase", .string(support.phase.rawValue))
            lifecycle.add("EOSL", .bool(support.isEndOfLife))
            lifecycle.add("StandardEnd", .string(support.lifecycle.standardEnd))
            lifecycle.add("ExtendedEnd", string: support.lifecycle.extendedEnd)
            lifecycle.add("ExtendedProgram", string: support.lifecycle.extendedProgram)
            lifecycle.add("JudgedOn", .string(support.day))
            lifecycle.add("Summary", string: support.summary)
            object.add("Support", lifecycle.value)
        }
        let unchecked: [(String, JSONValue)] = UnmatchableReason.allCases.compactMap { reason in
            guard let count = coverage.uncheckedByReason[reason], count > 0 else { return nil }
            return (reason.rawValue, .int(Int64(count)))
        }
        object.add("Unchecked", nonEmpty: .object(unchecked))
        return object.value
    }
}
