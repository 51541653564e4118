import ArgumentParser
import DrydockReport
import Foundation

/// `drydock convert`: render a saved JSON report in another format without scanning again.
struct ConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Render a saved JSON report (Drydock's or Trivy's) in another format, without scanning again.",
        discussion: """
            The decisions, verdict and coverage recorded in the report are shown as they were; nothing is \
            matched or decided again. A Drydock JSON report converted \
            to json renders to the same bytes. Exit codes: 0 written; 2 usage error or unwritable --output; \
            3 the report is missing or not a JSON report.
            """
    )

    @Argument(help: "The JSON report to convert (written with --format json).")
    var report: String

    @OptionGroup(title: "Report options") var options: ReportOptions

    func run() throws {
        guard let data = FileManager.default.contents(atPath: report) else {
            throw CommandFailure(.target, "cannot read report \(report): no such file or not readable")
        }
        let saved: SavedReport
        do {
            saved = try TrivyJSONReportReader.read(Array(data), path: report)
        } catch {
            throw CommandFailure(.target, "cannot convert \(error)")
        }
        let rendered = try options.render(
            saved.scanReport(), toolVersion: saved.toolVersion ?? DrydockCommand.version)
        for warning in rendered.warnings { Console.error("drydock: warning: \(warning)") }
        try options.write(rendered.bytes)
    }
}
