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
    var path: String

    @OptionGroup var options: ScanOptions

    mutating func run() async throws {
        try await DirectoryScan(path: path, mode: .rootfs, artifactType: "rootfs", options: options).run()
    }
}
