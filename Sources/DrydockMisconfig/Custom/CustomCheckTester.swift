/// Runs a custom check's test cases (`drydock config test`).
public enum CustomCheckTester {
    /// The outcome of one test case.
    public struct Outcome: Sendable, Hashable {
        /// The check's ID.
        public var checkID: String
        /// The test's name.
        public var name: String
        /// Whether the check did what the test expected.
        public var passed: Bool
        /// What happened, in words (`expected fail, the check passed`).
        public var detail: String
    }

    /// Runs every test of `check`; `read` returns the text of a test's `file` (relative to the check file),
    /// or throws to report it unreadable.
    public static func run(_ check: CustomCheck, read: (String) throws -> String) -> [Outcome] {
        let compiled = check.check
        return check.tests.map { test in
            let text: String
            do {
                if let input = test.input {
                    text = input
                } else if let file = test.file {
                    text = try read(file)
                } else {
                    return Outcome(checkID: check.metadata.id, name: test.name, passed: false, detail: "no input")
                }
            } catch {
                return Outcome(
                    checkID: check.metadata.id, name: test.name, passed: false, detail: "cannot read input: \(error)")
            }
            let failures: [CheckFailure]
            do {
                failures = try CheckExampleRunner.failures(of: compiled, in: text)
            } catch {
                return Outcome(
                    checkID: check.metadata.id, name: test.name, passed: false, detail: "input does not parse: \(error)"
                )
            }
            let failed = !failures.isEmpty
            let passed = failed == (test.expectation == .fail)
            let detail: String
            switch (test.expectation, failed) {
            case (.fail, true): detail = "failed as expected: \(failures[0].message)"
            case (.fail, false): detail = "expected the check to fail, it passed"
            case (.pass, false): detail = "passed as expected"
            case (.pass, true): detail = "expected the check to pass, it failed: \(failures[0].message)"
            }
            return Outcome(checkID: check.metadata.id, name: test.name, passed: passed, detail: detail)
        }
    }
}
