import Foundation

/// Parsed license expressions by their text, shared by every thread of the process.
///
/// `@unchecked Sendable`: `entries` is only read and written while `lock` is held.
final class ParseCache: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [String: LicenseExpression?] = [:]
    /// Past this many entries the cache starts over, so odd inputs cannot grow it without bound.
    static let limit = 20_000

    /// The cached result for `text`: `.some(nil)` when `text` was parsed and names nothing, `nil` when unknown.
    func value(for text: String) -> LicenseExpression?? {
        lock.lock()
        defer { lock.unlock() }
        return entries[text]
    }

    func store(_ expression: LicenseExpression?, for text: String) {
        lock.lock()
        defer { lock.unlock() }
        if entries.count >= Self.limit { entries.removeAll(keepingCapacity: true) }
        entries[text] = .some(expression)
    }
}
