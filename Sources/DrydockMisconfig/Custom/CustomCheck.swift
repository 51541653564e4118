import DrydockModel

/// A custom check written in YAML, in the shape of checkov's YAML policies (`metadata` + `definition`),
/// with Drydock's additions: `scope.frameworks`, `metadata.message`/`description`/`resolution`, and
/// `tests` that `drydock config test` runs. See docs/misconfig.md.
public struct CustomCheck: Sendable, Hashable {
    /// The check's metadata.
    public var metadata: CheckMetadata
    /// The message of each failure (`metadata.message`, else the name).
    public var message: String
    /// The condition every selected resource must meet.
    public var condition: CustomCondition
    /// The test cases written with the check.
    public var tests: [CustomCheckTest]
    /// The file it was read from.
    public var file: String

    /// The check as a value the scanner runs: every resource of the input (for a Dockerfile: the file and
    /// each instruction, whose kind is its keyword) whose type the definition selects must meet it.
    public var check: Check {
        let condition = condition
        let message = message
        let types = condition.resourceTypes
        let examples = CheckExamples(
            failing: tests.filter { $0.expectation == .fail }.compactMap(\.input),
            passing: tests.filter { $0.expectation == .pass }.compactMap(\.input))
        return Check(metadata: metadata, examples: examples) { input, _ in
            Self.resources(of: input).compactMap { resource -> CheckFailure? in
                guard types.isEmpty || CustomCondition.matches(Array(types), resource.kind),
                    condition.filterAllows(resource.kind)
                else { return nil }
                let outcome = condition.evaluate(resource)
                guard !outcome.passed else { return nil }
                return CheckFailure("\(message) (\(resource.displayName))", at: outcome.cause ?? resource.node)
            }
        }
    }

    /// The resources custom checks see in an input.
    static func resources(of input: CheckInput) -> [ConfigResource] {
        guard case .dockerfile(let file) = input else { return [input.resource] }
        return [input.resource]
            + file.instructions.map { instruction in
                ConfigResource(
                    fileType: .dockerfile, kind: instruction.keyword, name: "", provider: "Dockerfile",
                    node: instruction.tree)
            }
    }
}

/// One test case of a custom check.
public struct CustomCheckTest: Sendable, Hashable {
    /// Whether the check must fail or pass on the input.
    public enum Expectation: String, Sendable, Hashable {
        case fail, pass
    }

    /// A name for reports (default: `test N`).
    public var name: String
    public var expectation: Expectation
    /// The input text, written inline (`input:`) or read from `file:` by the caller.
    public var input: String?
    /// A file holding the input, relative to the check file.
    public var file: String?

    /// Creates a test case.
    public init(name: String, expectation: Expectation, input: String?, file: String?) {
        self.name = name
        self.expectation = expectation
        self.input = input
        self.file = file
    }
}
