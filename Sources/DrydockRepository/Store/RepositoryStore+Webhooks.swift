import Foundation

/// A configured webhook (its secret is never returned).
public struct WebhookRecord: Sendable, Hashable, Codable {
    public var id: Int64
    public var url: String
    public var createdAt: Date
    public var createdBy: String
}

/// A webhook to add: where to `POST`, and the secret that keys the HMAC-SHA256 signature.
public struct WebhookRequest: Sendable, Hashable, Codable {
    public var url: String
    public var secret: String

    public init(url: String, secret: String) {
        self.url = url
        self.secret = secret
    }
}

/// One delivery claimed for sending.
public struct PendingDelivery: Sendable, Hashable {
    public var id: Int64
    public var url: String
    public var secret: String
    public var event: String
    public var idempotencyKey: String
    public var payload: [UInt8]
    /// Attempts made before this one.
    public var attempts: Int
}

/// The state of one delivery, as the API lists them.
public struct DeliveryRecord: Sendable, Hashable, Codable {
    public var id: Int64
    public var webhookID: Int64
    public var event: String
    public var idempotencyKey: String
    public var state: String
    public var attempts: Int
    public var lastError: String?
    public var createdAt: Date
    public var deliveredAt: Date?
}

extension RepositoryStore {
    /// Adds a webhook (or replaces the secret of the one with this URL).
    public func addWebhook(url: String, secret: String, by actor: String) async throws -> WebhookRecord {
        guard let parsed = URL(string: url), parsed.scheme == "http" || parsed.scheme == "https", parsed.host != nil
        else {
            throw RepositoryError(.invalid, "webhook url \(url): expected an http:// or https:// URL")
        }
        guard secret.utf8.count >= 16 else {
            throw RepositoryError(
                .invalid, "webhook secret: at least 16 characters (it keys the HMAC-SHA256 signature)")
        }
        let now = RepositoryClock.now()
        let id = try await transaction { session in
            try await session.insertReturningID(
                """
                INSERT INTO webhooks (url, secret, created_at, created_by) VALUES ($1, $2, $3, $4)
                ON CONFLICT (url) DO UPDATE SET secret = excluded.secret
                """, [.text(url), .text(secret), .integer(now), .text(actor)])
        }
        try await audit(actor: actor, action: "webhook.add", object: url, detail: nil)
        return WebhookRecord(id: id, url: url, createdAt: RepositoryClock.date(now), createdBy: actor)
    }

    /// The configured webhooks.
    public func webhooks() async throws -> [WebhookRecord] {
        try await read { session in
            try await session.query("SELECT id, url, created_at, created_by FROM webhooks ORDER BY id", []).compactMap {
                row in
                guard let id = row[0].int64 else { return nil }
                return WebhookRecord(
                    id: id, url: row[1].string ?? "", createdAt: RepositoryClock.date(row[2].int64 ?? 0),
                    createdBy: row[3].string ?? "")
            }
        }
    }

    /// Removes a webhook and its pending deliveries.
    public func removeWebhook(id: Int64, by actor: String) async throws {
        let removed = try await transaction { session in
            let row = try await session.first("DELETE FROM webhooks WHERE id = $1 RETURNING url", [.integer(id)])
            return row?[0].string
        }
        guard let removed else { throw RepositoryError(.notFound, "no webhook \(id)") }
        try await audit(actor: actor, action: "webhook.remove", object: removed, detail: nil)
    }

    /// Queues `payload` for every webhook, once per webhook and `key`: queuing the same key again (a replica
    /// that re-runs a rescan) adds nothing. The idempotency key sent is `key:webhook-id`.
    public func enqueueDeliveries(event: String, key: String, payload: [UInt8], at: Date = Date()) async throws {
        try await enqueueDeliveries(event: event, items: [(key, payload)], at: at)
    }

    /// Queues `event` for every webhook once per item (its idempotency key and payload), in one transaction:
    /// what a rescan that changed thousands of images does.
    public func enqueueDeliveries(event: String, items: [(key: String, payload: [UInt8])], at: Date = Date())
        async throws
    {
        guard !items.isEmpty else { return }
        let now = RepositoryClock.milliseconds(at)
        try await transaction { session in
            try await DeliveryQueue.insert(event: event, items: items, at: now, in: session)
        }
    }

    /// Claims up to `limit` due deliveries for `lease` seconds: another replica will not take them until the
    /// lease ends (then they are due again, so a replica that dies mid-send loses nothing).
    public func claimDeliveries(limit: Int = 20, lease: TimeInterval = 60, now: Date = Date()) async throws
        -> [PendingDelivery]
    {
        let nowMS = RepositoryClock.milliseconds(now)
        let until = nowMS + Int64(lease * 1000)
        return try await transaction { session in
            let lock = session.dialect == .postgres ? " FOR UPDATE SKIP LOCKED" : ""
            let ids = try await session.query(
                """
                SELECT id FROM deliveries WHERE state = 'pending' AND next_attempt_at <= $1 AND leased_until <= $1
                ORDER BY id LIMIT $2\(lock)
                """, [.integer(nowMS), .int(limit)]
            ).compactMap { $0[0].int64 }
            guard !ids.isEmpty else { return [] }
            try await session.execute(
                "UPDATE deliveries SET leased_until = $1 WHERE id IN (\(SQL.placeholders(ids.count, from: 2)))",
                [.integer(until)] + ids.map(SQLValue.integer))
            let rows = try await session.query(
                """
                SELECT d.id, w.url, w.secret, d.event, d.idempotency_key, d.payload, d.attempts
                FROM deliveries d JOIN webhooks w ON w.id = d.webhook_id
                WHERE d.id IN (\(SQL.placeholders(ids.count))) ORDER BY d.id
                """, ids.map(SQLValue.integer))
            return rows.compactMap { row in
                guard let id = row[0].int64 else { return nil }
                return PendingDelivery(
                    id: id, url: row[1].string ?? "", secret: row[2].string ?? "", event: row[3].string ?? "",
                    idempotencyKey: row[4].string ?? "", payload: row[5].bytes ?? [], attempts: row[6].int ?? 0)
            }
        }
    }

    /// Records a delivery's outcome: delivered, or retried after `retryAfter` seconds, or given up (`failed`)
    /// when `retryAfter` is `nil`.
    public func finishDelivery(
        id: Int64, delivered: Bool, error: String?, retryAfter: TimeInterval?, now: Date = Date()
    )
        async throws
    {
        let nowMS = RepositoryClock.milliseconds(now)
        try await transaction { session in
            if delivered {
                try await session.execute(
                    "UPDATE deliveries SET state = 'delivered', attempts = attempts + 1, delivered_at = $1, leased_until = 0, last_error = NULL WHERE id = $2",
                    [.integer(nowMS), .integer(id)])
            } else {
                let next = retryAfter.map { nowMS + Int64($0 * 1000) }
                try await session.execute(
                    "UPDATE deliveries SET state = $1, attempts = attempts + 1, next_attempt_at = $2, leased_until = 0, last_error = $3 WHERE id = $4",
                    [
                        .text(next == nil ? "failed" : "pending"), .integer(next ?? nowMS), .optional(error),
                        .integer(id),
                    ])
            }
        }
    }

    /// Deliveries, newest first.
    public func deliveries(limit: Int = 100) async throws -> [DeliveryRecord] {
        try await read { session in
            try await session.query(
                """
                SELECT id, webhook_id, event, idempotency_key, state, attempts, last_error, created_at, delivered_at
                FROM deliveries ORDER BY id DESC LIMIT $1
                """, [.int(limit)]
            ).compactMap { row in
                guard let id = row[0].int64 else { return nil }
                return DeliveryRecord(
                    id: id, webhookID: row[1].int64 ?? 0, event: row[2].string ?? "",
                    idempotencyKey: row[3].string ?? "",
                    state: row[4].string ?? "", attempts: row[5].int ?? 0, lastError: row[6].string,
                    createdAt: RepositoryClock.date(row[7].int64 ?? 0),
                    deliveredAt: row[8].int64.map(RepositoryClock.date))
            }
        }
    }

    /// Appends to the audit log: who did what to which object.
    public func audit(actor: String, action: String, object: String, detail: [UInt8]?) async throws {
        try await transaction { session in
            try await session.execute(
                "INSERT INTO audit_log (at, actor, action, object, detail) VALUES ($1, $2, $3, $4, $5)",
                [
                    .integer(RepositoryClock.now()), .text(actor), .text(action), .text(object),
                    detail.map(SQLValue.blob) ?? .null,
                ])
        }
    }
}

/// Queuing deliveries inside a caller's transaction: a rescan queues each batch's deliveries in the transaction
/// that stores the batch's findings, so a kill never leaves stored changes without their deliveries.
enum DeliveryQueue {
    /// Queues `event` for every webhook once per item (`key:webhook-id` as the idempotency key; a key queued
    /// before adds nothing), in `session`'s transaction. `at`: milliseconds.
    static func insert(
        event: String, items: [(key: String, payload: [UInt8])], at now: Int64, in session: any SQLSession
    )
        async throws
    {
        guard !items.isEmpty else { return }
        let hooks = try await session.query("SELECT id FROM webhooks", []).compactMap { $0[0].int64 }
        guard !hooks.isEmpty else { return }
        try await session.insertRows(
            """
            INSERT INTO deliveries (webhook_id, idempotency_key, event, payload, state, attempts, next_attempt_at,
                leased_until, created_at) VALUES
            """,
            rows: items.flatMap { item in
                hooks.map { hook -> [SQLValue] in
                    [
                        .integer(hook), .text("\(item.key):\(hook)"), .text(event), .blob(item.payload),
                        .text("pending"), 0, .integer(now), 0, .integer(now),
                    ]
                }
            }, suffix: "ON CONFLICT (idempotency_key) DO NOTHING")
    }
}
