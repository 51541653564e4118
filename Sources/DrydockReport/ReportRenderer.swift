import DrydockPolicy

/// The report formats `--format` accepts, with Trivy's names.
public enum ReportFormat: String, Sendable, Hashable, CaseIterable {
    case table
    case json
    case sarif
    case junit
    case gitlab
    case html
    case template
    /// The scan's triage decisions as an OpenVEX document (``OpenVEXReport``).
    case openvex
}

/// Everything a writer needs besides the report, as the front end chose it.
public struct ReportSettings: Sendable {
    public var format: ReportFormat
    /// `--list-all-pkgs`: every package in the JSON report (and in templates' `Results[].Packages`).
    public var listAllPackages: Bool
    /// Drydock's version, written where a format names its tool.
    public var toolVersion: String
    /// The table's options (colour, width, modes, dependency tree).
    public var table: TableReport
    /// The template's text and where it came from, for `template`.
    public var template: (text: String, name: String)?
    /// Environment values templates may read as `Env` (AWS_REGION for ASFF, say).
    public var environment: [String: String]
    public var sarifLimits: SARIFLimits

    public init(
        format: ReportFormat, listAllPackages: Bool = false, toolVersion: String,
        table: TableReport = TableReport(colour: false), template: (text: String, name: String)? = nil,
        environment: [String: String] = [:], sarifLimits: SARIFLimits = SARIFLimits()
    ) {
        self.format = format
        self.listAllPackages = listAllPackages
        self.toolVersion = toolVersion
        self.table = table
        self.template = template
        self.environment = environment
        self.sarifLimits = sarifLimits
    }
}

/// A rendered report and what the user should be told about it (a SARIF file cut to GitHub's limits).
public struct RenderedReport: Sendable {
    public var bytes: [UInt8]
    public var warnings: [String]

    public init(bytes: [UInt8], warnings: [String] = []) {
        self.bytes = bytes
        self.warnings = warnings
    }
}

/// Renders a decided report in the chosen format: the one entry point both front ends use.
public enum ReportRenderer {
    public static func render(_ report: ScanReport, settings: ReportSettings) throws(ReportError) -> RenderedReport {
        switch settings.format {
        case .table:
            return RenderedReport(bytes: Array(settings.table.render(report).utf8), warnings: [])
        case .json:
            let writer = TrivyJSONReport(listAllPackages: settings.listAllPackages, toolVersion: settings.toolVersion)
            return RenderedReport(bytes: writer.render(report), warnings: [])
        case .sarif:
            let (bytes, warnings) = SARIFReport(toolVersion: settings.toolVersion, limits: settings.sarifLimits)
                .render(report)
            return RenderedReport(bytes: bytes, warnings: warnings)
        case .junit:
            return RenderedReport(bytes: JUnitReport().render(report), warnings: [])
        case .gitlab:
            return RenderedReport(bytes: GitLabReport(toolVersion: settings.toolVersion).render(report), warnings: [])
        case .html:
            return RenderedReport(bytes: HTMLReport(toolVersion: settings.toolVersion).render(report), warnings: [])
        case .template:
            guard let template = settings.template else {
                throw ReportError(reason: "--format template needs --template FILE (see contrib/ for examples)")
            }
            let writer = TemplateReport(
                template: template.text, templateName: template.name, toolVersion: settings.toolVersion,
                environment: settings.environment)
            return RenderedReport(bytes: try writer.render(report), warnings: [])
        case .openvex:
            return RenderedReport(bytes: OpenVEXReport(tooling: "Drydock \(settings.toolVersion)").render(report))
        }
    }
}
