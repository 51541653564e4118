import ArgumentParser
import DrydockCatalog

/// `drydock rootfs`: scan an unpacked root filesystem.
struct RootfsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rootfs",
        abstract: "Scan an unpacked root filesystem: OS packages and installed language packages.",
        discussion: """
            Reads what an image scan reads (release files, apk and dpkg databases, installed Python, \
            Node.js, Ruby, PHP, .NET and Dart metadata) from a directory; symbolic links are resolved \
            inside it. proc, sys and dev at its top are skipped.
            """
    )

    @Argument(help: "The root directory to scan.")
    var path: String?

    @OptionGroup var options: ScanOptions

    @OptionGroup(title: "Registry options (for --db-repository)") var registry: RegistryOptions

    mutating func validate() throws {
        if path == nil && !ScanActions.replaceScan(options) { throw ValidationError("give the directory to scan") }
    }

    mutating func run() async throws {
        if try await ScanActions.run(options, registry: registry) { return }
        guard let path else { return }
        try await DirectoryScan(
            path: path, mode: .rootfs, artifactType: "rootfs", options: options, registry: registry
        ).run()
    }
}
