extension DecidedFinding {
    /// Whether this is a passed check (`Status: PASS`, listed with `--include-non-failures`): shown in the JSON
    /// report and templates as Trivy shows it, but never a problem — writers that list problems (SARIF, JUnit
    /// failures, counts, charts) leave it out.
    public var isPassedCheck: Bool { finding.misconfiguration?.status == .pass }
}

extension DecidedTarget {
    /// The reported findings that are problems: every reported finding except passed checks.
    public var reportedProblems: [DecidedFinding] { reported.filter { !$0.isPassedCheck } }
}
