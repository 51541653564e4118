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
            if let next = page.next { lines.append("more: --cursor \(next)") }
        } else if let page = try? decoder.decode(QueryPage<AffectedImage>.self, from: data), path.hasSuffix("/images") {
            lines.append("\(page.total) image(s)")
            for hit in page.items {
                let findings = hit.findings.map { "\($0.finding.packageName) \($0.finding.installedVersion)" }.joined(
                    separator: ", ")
                lines.append("\(hit.image.digest)  \(hit.image.references.first ?? hit.image.name)  \(findings)")
            }
            if let next = page.next { lines.append("more: --cursor \(next)") }
        } else if let page = try? decoder.decode(QueryPage<OverdueFinding>.self, from: data) {
            lines.append("\(page.total) overdue finding(s)")
            for item in page.items {
                let finding = item.finding.finding
                lines.append(
                    "\(item.image.references.first ?? item.image.name)  \(finding.vulnerabilityID)  \(finding.severity.rawValue)  "
                        + "\(finding.packageName) \(finding.installedVersion)  open \(item.ageDays)d (SLA \(item.slaDays)d)"
                        + kevText(finding))
            }
        } else if let findings = try? decoder.decode([FindingRecord].self, from: data) {
            for record in findings {
                let finding = record.finding
                let decision = record.decision.map {
                    "  \($0.action.rawValue) by exception \($0.rule.location?.description ?? "")"
                }
                lines.append(
                    "\(finding.vulnerabilityID)  \(finding.severity.rawValue)  \(finding.packageName) \(finding.installedVersion)  "
                        + "fixed: \(finding.fixedVersion ?? "-")  since \(ISO8601DateFormatter().string(from: record.firstSeen))"
                        + kevText(finding) + (decision ?? ""))
            }
        } else if let entries = try? decoder.decode([AuditEntry].self, from: data), path.hasSuffix("/audit-log") {
            for entry in entries {
                let version = entry.detail?.version.map { " v\($0)" } ?? ""
                let triage = entry.detail?.triage.map { " (triage \($0))" } ?? ""
                lines.append(
                    "\(ISO8601DateFormatter().string(from: entry.at))  \(entry.actor)  \(entry.action)  \(entry.object)"
                        + version + triage)
            }
        } else if let records = try? decoder.decode([ExceptionRecord].self, from: data) {
            for record in records {
                let body = record.exception
                lines.append(
                    "\(record.id) v\(record.version)  \(body?.id.joined(separator: ",") ?? "(removed)")  "
                        + "\(body?.action ?? "-")  owner \(body?.owner ?? "-")  expires \(body?.expires ?? "-")"
                        + (record.expired == true ? " (expired)" : "") + "  \(body?.reason ?? "")")
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

    /// `  KEV (added 2024-01-10, due 2024-01-31)` for a known exploited finding, else empty.
    static func kevText(_ finding: StoredFinding) -> String {
        guard let entry = finding.knownExploited else { return "" }
        return "  KEV (added \(entry.dateAdded)" + (entry.dueDate.map { ", due \($0)" } ?? "") + ")"
    }
}
