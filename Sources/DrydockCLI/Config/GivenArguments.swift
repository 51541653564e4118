/// The named arguments a command line gives, read with the command's own argument table.
///
/// Also normalises Trivy's `--flag=true` / `--flag=false` spelling of boolean flags, which
/// swift-argument-parser does not take: `--flag=true` becomes `--flag`, `--flag=false` is dropped (the
/// flag is then off, its default, unless the environment or the config file turn it on — as in Trivy, where
/// an explicit `false` on the command line would win; that case is kept by `explicitlyOff`).
struct GivenArguments {
    /// The arguments with boolean `=true|false` values normalised.
    private(set) var normalized: [String] = []
    /// Long names given (an argument's every name counts as given when one of them is).
    private var longNames: Set<String> = []
    private var values: [String: String] = [:]
    /// Long names of flags given as `--flag=false`.
    private(set) var explicitlyOff: Set<String> = []
    private let table: CommandArguments
    /// Long names on the command line that the command does not take.
    private var unknownLongNames: [String] = []

    init(_ arguments: [String], table: CommandArguments) {
        self.table = table
        var normalized = Array(arguments.prefix(table.path.count))
        var index = table.path.count
        while index < arguments.count {
            let word = arguments[index]
            index += 1
            if word == "--" {
                normalized += arguments[(index - 1)...]
                break
            }
            if word.hasPrefix("--") {
                let body = word.dropFirst(2)
                let name = String(body.prefix { $0 != "=" })
                let inline = body.contains("=") ? String(body.drop { $0 != "=" }.dropFirst()) : nil
                guard let argument = table.argument(long: name) else {
                    unknownLongNames.append(name)
                    normalized.append(word)
                    continue
                }
                mark(argument)
                if argument.isFlag {
                    switch inline?.lowercased() {
                    case nil, "true": normalized.append("--\(name)")
                    case "false": explicitlyOff.formUnion(argument.longNames)
                    default: normalized.append(word)  // let the parser say what is wrong
                    }
                    continue
                }
                normalized.append(word)
                if let inline {
                    values[name] = inline
                } else if index < arguments.count {
                    values[name] = arguments[index]
                    normalized.append(arguments[index])
                    index += 1
                }
                continue
            }
            normalized.append(word)
            if word.count == 2, word.hasPrefix("-"), let argument = table.argument(short: String(word.dropFirst())) {
                mark(argument)
                if !argument.isFlag, index < arguments.count {
                    values[argument.longNames[0]] = arguments[index]
                    normalized.append(arguments[index])
                    index += 1
                }
            }
        }
        self.normalized = normalized
    }

    private mutating func mark(_ argument: CommandArguments.Argument) {
        longNames.formUnion(argument.longNames)
    }

    /// Whether the command line sets `argument` (on or off).
    func contains(_ argument: CommandArguments.Argument) -> Bool {
        argument.longNames.contains { longNames.contains($0) }
    }

    /// The value given for the option `name` on the command line.
    func value(ofLong name: String) -> String? {
        guard let argument = table.argument(long: name) else { return nil }
        for long in argument.longNames {
            if let value = values[long] { return value }
        }
        return nil
    }

    /// Fails with a usage error that says what to use instead when the command line holds a Trivy flag that
    /// this command does not take.
    func rejectUnsupportedTrivyFlags(command: String) throws(CommandFailure) {
        for name in unknownLongNames {
            guard let flag = TrivyFlag.named(name) else { continue }
            switch flag.support {
            case .unsupported(let advice):
                throw CommandFailure(.usage, "--\(name) (a Trivy flag) is not supported by Drydock: \(advice)")
            case .same, .different, .noEffect:
                let commands = flag.commands.joined(separator: ", ")
                throw CommandFailure(
                    .usage,
                    "--\(name) is not an option of 'drydock \(command)' (Trivy takes it for: \(commands)); "
                        + "see 'drydock \(command) --help'")
            }
        }
    }
}
