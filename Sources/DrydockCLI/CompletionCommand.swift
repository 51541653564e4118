import ArgumentParser

/// `drydock completion SHELL`: prints a completion script for bash, zsh or fish (Trivy's `completion`).
public struct CompletionCommand: ParsableCommand {
    /// The command's name and help.
    public static let configuration = CommandConfiguration(
        commandName: "completion",
        abstract: "Print the shell completion script for bash, zsh or fish.",
        discussion: """
            bash: drydock completion bash > /etc/bash_completion.d/drydock
            zsh:  drydock completion zsh > "${fpath[1]}/_drydock"
            fish: drydock completion fish > ~/.config/fish/completions/drydock.fish
            """)

    /// The shell.
    @Argument(help: "bash, zsh or fish.")
    public var shell: String

    /// Creates the command (argument parser entry point).
    public init() {}

    /// Checks the shell name.
    public func validate() throws {
        guard CompletionShell(rawValue: shell) != nil else {
            throw ValidationError("unknown shell '\(shell)': use bash, zsh or fish")
        }
    }

    /// Prints the script.
    public func run() throws {
        guard let shell = CompletionShell(rawValue: shell) else { return }
        print(DrydockCommand.completionScript(for: shell))
    }
}
