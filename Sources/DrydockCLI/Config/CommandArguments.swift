import ArgumentParser
import Foundation

/// The named arguments (flags and options) one command accepts, read from swift-argument-parser's own
/// description of the command, so that config-file keys and environment variables can never drift from the
/// real flags.
struct CommandArguments {
    /// One named argument.
    struct Argument: Hashable {
        /// Long names without dashes (`severity`, `skip-dirs`); the first is the preferred one.
        var longNames: [String]
        /// Short names without the dash (`s`).
        var shortNames: [String]
        /// Whether it takes no value (`--ignore-unfixed`).
        var isFlag: Bool
        /// Whether it may be given more than once (`--vex A --vex B`).
        var isRepeating: Bool
        /// Whether `--help` hides it.
        var isHidden: Bool
    }

    /// The command's path below `drydock` (`["image"]`, `["db", "update"]`).
    var path: [String]
    var arguments: [Argument]

    /// The argument with this long name, or `nil`.
    func argument(long name: String) -> Argument? {
        arguments.first { $0.longNames.contains(name) }
    }

    /// The argument with this short name, or `nil`.
    func argument(short name: String) -> Argument? {
        arguments.first { $0.shortNames.contains(name) }
    }

    /// Reads `command`'s arguments from its dump-help description.
    init(command: any ParsableCommand.Type, path: [String]) {
        self.path = path
        let json = Data(command._dumpHelp().utf8)
        let info = try? JSONDecoder().decode(ToolInfo.self, from: json)
        arguments = (info?.command.arguments ?? []).compactMap { argument in
            guard argument.kind != "positional" else { return nil }
            let names = argument.names ?? []
            let long = names.filter { $0.kind == "long" }.map(\.name)
            guard !long.isEmpty else { return nil }
            return Argument(
                longNames: long, shortNames: names.filter { $0.kind == "short" }.map(\.name),
                isFlag: argument.kind == "flag", isRepeating: argument.isRepeating,
                isHidden: !argument.shouldDisplay)
        }
    }

    /// The subcommand named by the leading words of `arguments` (`image`, `db update`; a command's default
    /// subcommand when the words stop at it), with the words that named it; `nil` when the words name no
    /// subcommand (the root command itself).
    static func resolve(_ arguments: [String], root: any ParsableCommand.Type) -> (
        command: any ParsableCommand.Type, path: [String]
    )? {
        var command = root
        var path: [String] = []
        for word in arguments {
            guard !word.hasPrefix("-"),
                let next = command.configuration.subcommands.first(where: {
                    $0._commandName == word || $0.configuration.aliases.contains(word)
                })
            else { break }
            command = next
            path.append(word)
        }
        // `drydock config PATH` runs `config`'s default subcommand: its flags are the ones to read, while the
        // path stays the words the user wrote.
        if let fallback = command.configuration.defaultSubcommand, !path.isEmpty { command = fallback }
        return path.isEmpty ? nil : (command, path)
    }

    // The parts of swift-argument-parser's `ToolInfoV0` JSON used here.
    private struct ToolInfo: Decodable {
        var command: Command
    }

    private struct Command: Decodable {
        var arguments: [ArgumentInfo]?
    }

    private struct ArgumentInfo: Decodable {
        var kind: String
        var names: [Name]?
        var isRepeating: Bool
        var shouldDisplay: Bool
    }

    private struct Name: Decodable {
        var kind: String
        var name: String
    }
}
