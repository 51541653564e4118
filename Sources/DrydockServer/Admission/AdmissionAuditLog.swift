import DrydockAdmission
import DrydockRepository
import Foundation
import Logging

/// The audit log of admission decisions: one structured log line per decision at once, and the record in
/// the store's `audit_log` (action `admission.allow|deny|warn|skip`), written in batches off the request path.
public actor AdmissionAuditLog {
    let store: any RepositoryStore
    let logger: Logger
    private var pending: [AdmissionAuditEntry] = []
    private var flushing = false

    public init(store: any RepositoryStore, logger: Logger) {
        self.store = store
        self.logger = logger
    }

    /// Logs `record` and queues it for the store.
    public nonisolated func record(_ record: AdmissionAuditRecord) {
        var metadata: Logger.Metadata = [
            "uid": "\(record.uid)", "operation": "\(record.operation)", "object": "\(record.object)",
            "user": "\(record.user)", "action": "\(record.action.rawValue)", "mode": "\(record.mode.rawValue)",
            "duration-ms": "\(String(format: "%.2f", record.durationMilliseconds))",
        ]
        if !record.rules.isEmpty { metadata["rules"] = "\(record.rules.map(\.rawValue).joined(separator: ","))" }
        if !record.violations.isEmpty {
            metadata["images"] = "\(Set(record.violations.map(\.image)).sorted().joined(separator: ","))"
        }
        if !record.exemptions.isEmpty { metadata["exemptions"] = "\(record.exemptions.joined(separator: ","))" }
        if let reason = record.skipReason { metadata["skip"] = "\(reason)" }
        logger.info("admission decision", metadata: metadata)
        let detail = (try? JSONResponse.encoder.encode(record)).map { Array($0) } ?? []
        let entry = AdmissionAuditEntry(
            at: Date(), actor: record.user.isEmpty ? "kubernetes" : record.user,
            action: "admission.\(record.action.rawValue)", object: record.object, detail: detail)
        Task { await self.enqueue(entry) }
    }

    func enqueue(_ entry: AdmissionAuditEntry) {
        pending.append(entry)
        guard !flushing else { return }
        flushing = true
        Task {
            try? await Task.sleep(for: .milliseconds(100))
            await self.flush()
        }
    }

    /// Writes what is queued (also called by tests and at shutdown).
    public func flush() async {
        while !pending.isEmpty {
            let batch = pending
            pending = []
            do {
                try await store.appendAudit(batch)
            } catch {
                logger.warning(
                    "admission audit: cannot store \(batch.count) decision(s)", metadata: ["error": "\(error)"])
            }
        }
        flushing = false
    }
}
