import Foundation

/// Building blocks of the built-in cloud checks: a check over one kind of ``CloudObject``, and the
/// three-way test every field check makes (pass, fail, or undecided when the value is unknown).
enum Cloud {
    /// A check of objects of `kind`.
    static func check(
        _ metadata: CheckMetadata, examples: CheckExamples,
        _ body: @escaping @Sendable (CloudObject) -> [CheckFailure]
    ) -> Check {
        Check(metadata: metadata, examples: examples) { input, _ in
            guard case .cloud(let object) = input else { return [] }
            return body(object)
        }
    }

    /// Fails with `message` unless `node` satisfies `holds`; a missing node fails at `fallback` (the provider's
    /// default applies), a missing node passes when `missingPasses`; an unknown one is undecided.
    static func require(
        _ node: ConfigNode?, _ message: String, at fallback: LineRange, missingPasses: Bool = false,
        _ holds: (ConfigNode) -> Bool
    ) -> [CheckFailure] {
        guard let node else { return missingPasses ? [] : [CheckFailure(message, range: fallback)] }
        if let origin = node.unknownOrigin {
            return [CheckFailure(undecided: message, origin: origin, range: node.range)]
        }
        return holds(node) ? [] : [CheckFailure(message, at: node)]
    }

    /// `require` for a boolean that must be true (missing: false).
    static func isTrue(_ node: ConfigNode?, _ message: String, at fallback: LineRange) -> [CheckFailure] {
        require(node, message, at: fallback) { $0.bool == true || $0.text == "true" }
    }

    /// Fails when a boolean is true (missing: the default `missingValue`).
    static func isFalse(_ node: ConfigNode?, _ message: String, at fallback: LineRange, missingValue: Bool = false)
        -> [CheckFailure]
    {
        require(node, message, at: fallback, missingPasses: !missingValue) { !($0.bool == true || $0.text == "true") }
    }

    /// Fails when a string is empty or missing.
    static func nonEmpty(_ node: ConfigNode?, _ message: String, at fallback: LineRange) -> [CheckFailure] {
        require(node, message, at: fallback) { !($0.text ?? "").isEmpty }
    }

    /// Whether a port specification (`22`, `1000-2000`, `*`) includes `port`.
    static func portSpec(_ spec: String, includes port: Int) -> Bool {
        let trimmed = spec.trimmingCharacters(in: .whitespaces)
        if trimmed == "*" { return true }
        let bounds = trimmed.split(separator: "-", maxSplits: 1).map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard let low = bounds.first ?? nil else { return false }
        let high = bounds.count == 2 ? (bounds[1] ?? low) : low
        return low <= port && port <= high
    }

    /// Whether a CIDR block (or address) includes public internet addresses: any IPv4 range reaching outside
    /// the private, shared, loopback and link-local blocks, and any IPv6 range outside unique-local (`fc00::/7`),
    /// link-local and loopback space. Text that is no address is not judged public.
    static func isPublicCIDR(_ cidr: String) -> Bool {
        let trimmed = cidr.trimmingCharacters(in: .whitespaces)
        if allowsAllAddresses(trimmed) { return true }
        let parts = trimmed.split(separator: "/", maxSplits: 1)
        guard let address = parts.first else { return false }
        if address.contains(":") {
            let prefix = parts.count == 2 ? Int(parts[1]) ?? 128 : 128
            let head = address.lowercased()
            let local = head.hasPrefix("fc") || head.hasPrefix("fd") || head.hasPrefix("fe80") || head == "::1"
            return !(local && prefix >= (head.hasPrefix("fe80") ? 10 : 7))
        }
        let octets = address.split(separator: ".").compactMap { UInt32($0) }
        guard octets.count == 4, octets.allSatisfy({ $0 <= 255 }) else { return false }
        let value = octets.reduce(UInt32(0)) { $0 << 8 | $1 }
        let prefix = parts.count == 2 ? Int(parts[1]) ?? 32 : 32
        guard (0...32).contains(prefix) else { return false }
        let privateBlocks: [(UInt32, Int)] = [
            (0x0A00_0000, 8), (0xAC10_0000, 12), (0xC0A8_0000, 16), (0x6440_0000, 10), (0x7F00_0000, 8),
            (0xA9FE_0000, 16),
        ]
        return !privateBlocks.contains { base, length in
            guard prefix >= length else { return false }
            let mask = length == 0 ? 0 : UInt32.max << (32 - length)
            return value & mask == base
        }
    }

    /// Whether `text` is an RFC 3339 time (`2030-12-31T00:00:00Z`), as Azure and AWS read expiry dates.
    static func isTimestamp(_ text: String) -> Bool {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        if formatter.date(from: text) != nil { return true }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text) != nil
    }

    /// Whether a CIDR block allows every address (`0.0.0.0/0`, `::/0`, `*`).
    static func allowsAllAddresses(_ cidr: String) -> Bool {
        let trimmed = cidr.trimmingCharacters(in: .whitespaces)
        return trimmed == "*" || trimmed == "0.0.0.0/0" || trimmed == "::/0"
            || trimmed == "0000:0000:0000:0000:0000:0000:0000:0000/0"
            || trimmed == "0:0:0:0:0:0:0:0/0" || trimmed == "/0"
    }
}
