import DrydockRepository
import DrydockServer
import Foundation

/// `drydock query --format table`: one line per image or finding.
enum QueryTable {
    static func render(_ body: [UInt8], path: String) -> String {
        let decoder = JSONResponse.decoder
        let data = Data(body)
        var lines: [String] = []
        if let page = try? decoder.decode(QueryPage<PackageHit>.self, from: data), path.hasSuffix("/packages") {
            lines.append("\(page.total) image(s)")
            for hit in page.items {
                let versions = hit.packages.map { "\($0.name) \($0.version)" }.joined(separator: ", ")
                lines.append("\(hit.image.digest)  \(hit.image.references.first ?? hit.image.name)  \(versions)")
            }
        } else if let page = try? decoder.decode(QueryPage<AffectedImage>.self, from: data), path.hasSuffix("/images") {
            lines.append("\(page.total) image(s)")
            for hit in page.items {
                let findings = hit.findings.map { "\($0.finding.packageName) \($0.finding.installedVersion)" }.joined(
                    separator: ", ")
                lines.append("\(hit.image.digest)  \(hit.image.references.first ?? hit.image.name)  \(findings)")
            }
        } else if let page = try? decoder.decode(QueryPage<OverdueFinding>.self, from: data) {
            lines.append("\(page.total) overdue finding(s)")
            for item in page.items {
                let finding = item.finding.finding
                lines.append(
                    "\(item.image.references.first ?? item.image.name)  \(finding.vulnerabilityID)  \(finding.severity.rawValue)  "
                        + "\(finding.packageName) \(finding.installedVersion)  open \(item.ageDays)d (SLA \(item.slaDays)d)"
                )
            }
        } else if let findings = try? decoder.decode([FindingRecord].self, from: data) {
            for record in findings {
                let finding = record.finding
                lines.append(
                    "\(finding.vulnerabilityID)  \(finding.severity.rawValue)  \(finding.packageName) \(finding.installedVersion)  "
                        + "fixed: \(finding.fixedVersion ?? "-")  since \(ISO8601DateFormatter().string(from: record.firstSeen))"
                )
            }
        } else if let events = try? decoder.decode([FindingEventRecord].self, from: data) {
            for event in events {
                lines.append(
                    "\(ISO8601DateFormatter().string(from: event.at))  \(event.cause)  \(event.kind)  \(event.vulnerabilityID)  \(event.packageName)"
                )
            }
        } else {
            return String(decoding: body, as: UTF8.self) + "\n"
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
