import ArgumentParser
import DrydockPolicy
import DrydockReport
import DrydockSBOM
import Foundation
import Glibc

/// Flags that choose how the report is written, with Trivy's names.
struct ReportOptions: ParsableArguments {
    @Option(
        name: [.customShort("f"), .long],
        help: "Output format: \(OutputFormat.allCases.map(\.description).joined(separator: ", ")).")
    var format: OutputFormat = .report(.table)

    @Option(name: [.customShort("o"), .long], help: "Write the report to this file instead of standard output.")
    var output: String?

    @Flag(name: .long, help: "List every package in the JSON report, not only vulnerable ones.")
    var listAllPkgs = false

    @Option(
        name: [.customShort("t"), .long],
        help: "Mustache template for --format template: @FILE or FILE (see contrib/*.mustache), or the template text.")
    var template: String?

    @Option(name: .long, help: "Tables shown by --format table: summary, detailed or both (comma-separated).")
    var tableMode: String = "summary,detailed"

    @Flag(name: .long, help: "Table format: show the chain of dependencies that pulls in each vulnerable package.")
    var dependencyTree = false

    @Flag(
        name: .long,
        help: "Table format: also list the findings set aside by ignore files, VEX, exceptions or policy rules.")
    var showSuppressed = false

    /// Whether the output is an SBOM (CycloneDX or SPDX, or an attestation of one), which lists every package.
    var writesSBOM: Bool {
        if case .attestation(let type, _) = format { return type.format == .cyclonedx || type.format == .spdxJSON }
        return format == .cyclonedx || format == .spdxJSON
    }

    mutating func validate() throws {
        _ = try tableModes()
        if format == .report(.template), template == nil {
            throw ValidationError("--format template needs --template FILE (contrib/*.mustache are examples)")
        }
        if template != nil, format != .report(.template) {
            throw ValidationError("--template is used only with --format template")
        }
    }

    /// The parsed `--table-mode` list.
    func tableModes() throws -> Set<TableReport.Mode> {
        var modes = Set<TableReport.Mode>()
        for name in tableMode.split(separator: ",") {
            let trimmed = name.trimmingCharacters(in: .whitespaces)
            guard let mode = TableReport.Mode(rawValue: trimmed) else {
                throw ValidationError("--table-mode: unknown mode '\(trimmed)' (use summary, detailed)")
            }
            modes.insert(mode)
        }
        guard !modes.isEmpty else { throw ValidationError("--table-mode: give summary, detailed or both") }
        return modes
    }

    /// Renders `report` as asked. The table is coloured only on a terminal without `NO_COLOR`, and fitted to
    /// the terminal's width, else `COLUMNS`, else 80 columns.
    func render(_ report: ScanReport, toolVersion: String = DrydockCommand.version) throws -> RenderedReport {
        let toTerminal = output == nil
        let table = TableReport(
            colour: toTerminal && Console.colourOutput, width: ReportOptions.width(terminal: toTerminal),
            modes: try tableModes(), dependencyTree: dependencyTree, showSuppressed: showSuppressed)
        let reportFormat: ReportFormat
        switch format {
        case .report(let chosen): reportFormat = chosen
        case .cyclonedx:
            return RenderedReport(bytes: CycloneDXWriter(toolVersion: toolVersion).render(report), warnings: [])
        case .spdxJSON: return RenderedReport(bytes: SPDXWriter(toolVersion: toolVersion).render(report), warnings: [])
        case .cosignVuln:
            var inner = self
            inner.format = .attestation(.vuln, statement: false)
            return try inner.render(report, toolVersion: toolVersion)
        case .attestation(let type, let statement):
            var inner = self
            inner.format = type.format
            let rendered = try inner.render(report, toolVersion: toolVersion)
            return RenderedReport(
                bytes: try type.wrap(rendered.bytes, report: report, statement: statement, toolVersion: toolVersion),
                warnings: rendered.warnings)
        }
        let settings = ReportSettings(
            format: reportFormat, listAllPackages: listAllPkgs, toolVersion: toolVersion, table: table,
            template: try loadTemplate(), environment: ProcessInfo.processInfo.environment)
        do {
            return try ReportRenderer.render(report, settings: settings)
        } catch {
            throw CommandFailure(.usage, error.reason)
        }
    }

    /// Writes the report to `--output` (atomically when it is a regular file or new) or standard output.
    func write(_ bytes: [UInt8]) throws {
        guard let output else {
            Console.output(bytes)
            return
        }
        try ScanPipeline.writeFile(bytes, to: output, what: "report")
    }

    /// The template's text: `@PATH` or an existing file is read; anything else is the template itself.
    private func loadTemplate() throws -> (text: String, name: String)? {
        guard let template else { return nil }
        var path: String?
        if template.hasPrefix("@") {
            path = String(template.dropFirst())
        } else if FileManager.default.fileExists(atPath: template) {
            path = template
        }
        guard let path else { return (template, "given inline") }
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8)
        else {
            throw CommandFailure(.usage, "cannot read template \(path): missing, unreadable or not UTF-8")
        }
        return (text, path)
    }

    /// Columns for the table: `COLUMNS` when set to a number, else the terminal's width when writing to one,
    /// else 80.
    static func width(terminal: Bool, environment: [String: String] = ProcessInfo.processInfo.environment) -> Int {
        if let columns = environment["COLUMNS"].flatMap(Int.init), columns > 0 { return columns }
        if terminal, isatty(1) == 1 {
            var size = winsize()
            let status = withUnsafeMutablePointer(to: &size) { ioctl(1, UInt(TIOCGWINSZ), $0) }
            if status == 0, size.ws_col > 0 { return Int(size.ws_col) }
        }
        return 80
    }
}

/// Every `--format` value: the report writers' formats (DrydockReport) and the SBOM formats (DrydockSBOM).
enum OutputFormat: Hashable, ExpressibleByArgument, CaseIterable, CustomStringConvertible {
    case report(ReportFormat)
    /// CycloneDX 1.6 JSON (`docs/sbom.md`).
    case cyclonedx
    /// SPDX 2.3 JSON (`docs/sbom.md`).
    case spdxJSON
    /// cosign's vulnerability scan predicate around the JSON report (Trivy's `--format cosign-vuln`), for `cosign
    /// attest --type vuln`; what `drydock attest --type vuln --predicate` writes.
    case cosignVuln
    /// `drydock attest`: an in-toto predicate of `type`, or the whole unsigned statement. Not a `--format` value.
    case attestation(AttestationType, statement: Bool)

    static var allCases: [OutputFormat] {
        ReportFormat.allCases.map(OutputFormat.report) + [.cyclonedx, .spdxJSON, .cosignVuln]
    }

    init?(argument: String) {
        guard let format = Self.allCases.first(where: { $0.description == argument }) else { return nil }
        self = format
    }

    static var allValueStrings: [String] { allCases.map(\.description) }

    var description: String {
        switch self {
        case .report(let format): format.rawValue
        case .cyclonedx: "cyclonedx"
        case .spdxJSON: "spdx-json"
        case .cosignVuln: "cosign-vuln"
        case .attestation(let type, let statement): "\(type.rawValue) \(statement ? "statement" : "predicate")"
        }
    }
}
