import ArgumentParser

/// The `drydock` command: container image security scanner.
public struct DrydockCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(commandName: "drydock", abstract: "Container image security scanner")
    public init() {}
}
