import ArgumentParser

/// Flags that choose how the report is written, with Trivy's names.
struct ReportOptions: ParsableArguments {
    @Option(name: [.customShort("f"), .long], help: "Output format: table or json.")
    var format: ReportFormat = .table

    @Option(name: [.customShort("o"), .long], help: "Write the report to this file instead of standard output.")
    var output: String?

    @Flag(name: .long, help: "List every package in the JSON report, not only vulnerable ones.")
    var listAllPkgs = false
}

/// Report formats `--format` accepts.
enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case table
    case json
}
