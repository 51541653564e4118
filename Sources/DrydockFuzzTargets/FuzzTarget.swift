/// One parser under fuzzing: a name, the seeds that start its corpus, and the call that feeds it bytes.
///
/// A target calls a pure parser (bytes in, values out) and reports what happened as a `FuzzOutcome`. Errors
/// the parser throws are expected answers to bad input; only a crash, a hang or unbounded memory is a bug.
public struct FuzzTarget: Sendable {
    /// The name `drydock-fuzz TARGET` and `DRYDOCK_FUZZ_TARGET` select (`tar`, `lang-npm`, `osv`).
    public var name: String
    /// What is parsed, for `drydock-fuzz --list`.
    public var summary: String
    /// Globs (`PathGlob` syntax) of seed files relative to `../shared` (real fixtures and advisories); every
    /// target is also seeded from the package's `Tests/Fixtures/fuzz-seeds/TARGET`.
    public var seeds: [String]
    /// Seeds the project holds in code (the built-in checks' examples), named.
    public var inlineSeeds: @Sendable () -> [(name: String, bytes: [UInt8])]
    /// Feeds one input to the parser.
    public var run: @Sendable ([UInt8]) -> FuzzOutcome

    /// Creates a target.
    public init(
        _ name: String, _ summary: String, seeds: [String] = [],
        inlineSeeds: @escaping @Sendable () -> [(name: String, bytes: [UInt8])] = { [] },
        run: @escaping @Sendable ([UInt8]) -> FuzzOutcome
    ) {
        self.name = name
        self.summary = summary
        self.seeds = seeds
        self.inlineSeeds = inlineSeeds
        self.run = run
    }
}

/// What a parser made of one input.
public enum FuzzOutcome: Sendable, Hashable, CustomStringConvertible {
    /// Read, with a short description of what was found (`3 packages, 1 warning`).
    case parsed(String)
    /// Refused with an error; the message is what a user would see.
    case rejected(String)

    /// The outcome of `body`: `parsed` with its description, or `rejected` with the error's message.
    public static func of(_ body: () throws -> String) -> FuzzOutcome {
        do { return .parsed(try body()) } catch { return .rejected(String(describing: error)) }
    }

    /// `parsed: …` or `rejected: …`.
    public var description: String {
        switch self {
        case .parsed(let text): "parsed: \(text)"
        case .rejected(let text): "rejected: \(text)"
        }
    }
}

/// Counts for outcome descriptions.
func counted(_ count: Int, _ noun: String) -> String {
    "\(count) \(noun)\(count == 1 ? "" : "s")"
}
