extension Verdict {
    /// With `--fail-on-uncovered`, fails the verdict for configuration files that could not be parsed and so
    /// were not checked (`count` of them): the reason joins `coverageFailures` and, in enforce mode, the exit
    /// code becomes the coverage exit code unless the gate already failed.
    public mutating func failForUnparsedFiles(_ count: Int, policy: ScanPolicy) {
        guard count > 0, policy.failOnIncompleteCoverage else { return }
        coverageFailures.append(
            "--fail-on-uncovered: \(count) configuration file(s) could not be parsed and were not checked")
        if exitCode == 0, policy.mode == .enforce { exitCode = policy.coverageExitCode }
    }
}
