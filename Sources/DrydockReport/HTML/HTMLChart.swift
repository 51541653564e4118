import DrydockModel
import DrydockPolicy

/// The page's severity chart: one bar per severity for the reported findings, drawn as inline SVG.
enum HTMLChart {
    static let colours: [Severity: String] = [
        .critical: "#b3261e", .high: "#e8710a", .medium: "#d4a20b", .low: "#1a73e8", .unknown: "#80868b",
    ]

    static func severityChart(_ report: ScanReport) -> String {
        var counts: [Severity: Int] = [:]
        for target in report.targets {
            for decided in target.reportedProblems { counts[decided.finding.severity, default: 0] += 1 }
        }
        let maximum = max(1, counts.values.max() ?? 0)
        let barWidth = 56
        let gap = 24
        let height = 160
        let width = Severity.allCases.count * (barWidth + gap) + gap
        var svg = "<section id=\"chart-section\"><h2>Reported findings by severity</h2>\n"
        svg += "<svg id=\"severity-chart\" role=\"img\" aria-label=\"Reported findings by severity\" "
        svg += "width=\"\(width)\" height=\"\(height + 50)\" viewBox=\"0 0 \(width) \(height + 50)\" "
        svg += "xmlns=\"http://www.w3.org/2000/svg\">\n"
        svg += "<rect x=\"0\" y=\"0\" width=\"\(width)\" height=\"\(height + 50)\" fill=\"#ffffff\"/>\n"
        svg += "<line x1=\"\(gap / 2)\" y1=\"\(height + 10)\" x2=\"\(width - gap / 2)\" y2=\"\(height + 10)\" "
        svg += "stroke=\"#5f6368\" stroke-width=\"1\"/>\n"
        for (index, severity) in Severity.allCases.reversed().enumerated() {
            let count = counts[severity] ?? 0
            let barHeight = count == 0 ? 0 : max(4, count * (height - 20) / maximum)
            let x = gap + index * (barWidth + gap)
            let y = height + 10 - barHeight
            svg += "<g class=\"bar\" data-severity=\"\(severity.rawValue)\" data-count=\"\(count)\">"
            svg += "<rect x=\"\(x)\" y=\"\(y)\" width=\"\(barWidth)\" height=\"\(barHeight)\" "
            svg += "fill=\"\(colours[severity] ?? "#000")\"><title>\(severity.rawValue): \(count)</title></rect>"
            svg +=
                "<text x=\"\(x + barWidth / 2)\" y=\"\(y - 4)\" text-anchor=\"middle\" font-size=\"13\">\(count)</text>"
            svg += "<text x=\"\(x + barWidth / 2)\" y=\"\(height + 28)\" text-anchor=\"middle\" font-size=\"11\">"
            svg += "\(severity.rawValue)</text></g>\n"
        }
        svg += "</svg></section>\n"
        return svg
    }
}
