import DrydockModel

extension AffectedPackage {
    /// Whether `version` is affected: listed in `versions`, or inside any range by OSV's evaluation rules.
    ///
    /// `ECOSYSTEM` ranges use `scheme`; `SEMVER` ranges use SemVer 2.0, or `scheme` itself when it is a
    /// SemVer dialect (`npm`, `go`, `cargo`, …) so that `v` prefixes and build metadata follow the
    /// ecosystem. Listed versions match by exact text, or by comparing equal under `scheme` (`23.9` is the
    /// listed `23.9.0`). Throws when `version` is invalid, or when it is neither listed nor in a range and
    /// some range could not be evaluated because one of its versions is invalid.
    public func affects(_ version: String, scheme: VersionScheme) throws(VersionError) -> Bool {
        try scheme.validate(version)
        if versions.contains(version) { return true }
        var firstError: VersionError?
        for range in ranges {
            do {
                if try range.contains(version, scheme: range.effectiveScheme(scheme)) { return true }
            } catch {
                if firstError == nil { firstError = error }
            }
        }
        // Listed under another spelling. The list can be long (an enumeration of the ranges), so only the
        // entries with the same leading number are parsed; equal versions share it in every scheme.
        let lead = Array(Self.leadingNumber(version).utf8)
        let epoch = version.utf8.contains(0x21)  // `!`: an epoch comes before the leading number
        for listed in versions where epoch || Self.hasLeadingNumber(lead, listed) || listed.utf8.contains(0x21) {
            if (try? scheme.compare(version, listed)) == .equal { return true }
        }
        if let firstError { throw firstError }
        return false
    }

    /// The versions that fix `version`: for each range containing it, the lowest `fixed` event above it.
    ///
    /// Empty when `version` is not affected, or when the ranges containing it have no fix (only
    /// `last_affected` or nothing after `introduced`). Ranges that cannot be evaluated are skipped unless
    /// no range could be, in which case the error is thrown.
    public func fixedVersions(for version: String, scheme: VersionScheme) throws(VersionError) -> [String] {
        try scheme.validate(version)
        var result: [String] = []
        var firstError: VersionError?
        var evaluated = ranges.isEmpty
        for range in ranges {
            do {
                let rangeScheme = range.effectiveScheme(scheme)
                let fix = try range.fix(for: version, scheme: rangeScheme)
                evaluated = true
                if let fix, !result.contains(fix) { result.append(fix) }
            } catch {
                if firstError == nil { firstError = error }
            }
        }
        if !evaluated, let firstError { throw firstError }
        return result
    }

    /// The first run of ASCII digits in `text`, without leading zeros (`"v01.2"` → `"1"`); `"0"` for zeros,
    /// empty when there are no digits.
    static func leadingNumber(_ text: String) -> Substring {
        let utf8 = text.utf8
        guard let start = utf8.firstIndex(where: isDigit) else { return "" }
        let end = utf8[start...].firstIndex(where: { !isDigit($0) }) ?? utf8.endIndex
        let trimmed = text[start..<end].drop { $0 == "0" }
        return trimmed.isEmpty ? "0" : trimmed
    }

    /// Whether `leadingNumber(text)` is `lead`, without copying `text`.
    static func hasLeadingNumber(_ lead: [UInt8], _ text: String) -> Bool {
        var iterator = text.utf8.makeIterator()
        var byte = iterator.next()
        while let current = byte, !isDigit(current) { byte = iterator.next() }
        guard byte != nil else { return lead.isEmpty }
        var sawZero = false
        while byte == 0x30 {
            sawZero = true
            byte = iterator.next()
        }
        var matched = 0
        while let current = byte, isDigit(current) {
            guard matched < lead.count, lead[matched] == current else { return false }
            matched += 1
            byte = iterator.next()
        }
        // No digit after the zeros: the number is zero.
        return matched == 0 ? sawZero && lead == [0x30] : matched == lead.count
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
}

extension AffectedRange {
    /// The scheme this range's events are written in when the package uses `scheme`.
    public func effectiveScheme(_ scheme: VersionScheme) -> VersionScheme {
        guard kind == .semver else { return scheme }
        switch scheme {
        case .npm, .go, .cargo, .semver, .hex, .pub, .swift: return scheme
        default: return .semver
        }
    }

    /// Whether `version` falls inside this range by OSV's evaluation rules.
    ///
    /// Events are sorted by version (`introduced: "0"` first); walking them in order, `introduced` at or
    /// below the version turns "affected" on, `fixed` at or below it and `last_affected` below it turn it
    /// off. When the range has `limit` events, the version must also be below one of them (`*` is no limit).
    public func contains(_ version: String, scheme: VersionScheme) throws(VersionError) -> Bool {
        try evaluate(version, scheme: scheme).affected
    }

    /// The lowest `fixed` event above `version` when this range contains `version`.
    public func fix(for version: String, scheme: VersionScheme) throws(VersionError) -> String? {
        let result = try evaluate(version, scheme: scheme)
        return result.affected ? result.nextFix : nil
    }

    private func evaluate(
        _ version: String, scheme: VersionScheme
    ) throws(VersionError) -> (affected: Bool, nextFix: String?) {
        let candidate = try PreparedVersion(version, scheme: scheme)
        let sorted = try sortedEvents(scheme: scheme)
        var affected = false
        var nextFix: String?
        var limits: [PreparedVersion?] = []
        for (event, prepared) in sorted {
            guard let prepared else {
                // `introduced: "0"` or `limit: "*"`.
                if case .introduced = event { affected = true } else { limits.append(nil) }
                continue
            }
            let order = try candidate.compare(to: prepared, scheme: scheme)
            switch event {
            case .introduced:
                if order != .less { affected = true }
            case .fixed(let fixed):
                if order != .less {
                    affected = false
                } else if nextFix == nil && affected {
                    nextFix = fixed
                }
            case .lastAffected:
                if order == .greater { affected = false }
            case .limit:
                limits.append(prepared)
            }
        }
        if affected && !limits.isEmpty {
            var below = false
            for limit in limits {
                if let limit {
                    below = try candidate.compare(to: limit, scheme: scheme) == .less
                } else {
                    below = true
                }
                if below { break }
            }
            affected = below
        }
        return (affected, affected ? nextFix : nil)
    }

    /// The events in version order (stable for equal versions) with their parsed versions;
    /// `introduced: "0"` (first) and `limit: "*"` (last) have none.
    func sortedEvents(scheme: VersionScheme) throws(VersionError) -> [(RangeEvent, PreparedVersion?)] {
        var result: [(RangeEvent, PreparedVersion?)] = []
        result.reserveCapacity(events.count)
        for event in events {
            let prepared = event.rank == 1 ? try PreparedVersion(event.version, scheme: scheme) : nil
            var index = result.count
            while index > 0, try Self.precedes((event, prepared), result[index - 1], scheme: scheme) { index -= 1 }
            result.insert((event, prepared), at: index)
        }
        return result
    }

    private static func precedes(
        _ a: (RangeEvent, PreparedVersion?), _ b: (RangeEvent, PreparedVersion?), scheme: VersionScheme
    ) throws(VersionError) -> Bool {
        switch (a.0.rank, b.0.rank) {
        case (0, 0), (2, 2): return false
        case (0, _), (_, 2): return true
        case (_, 0), (2, _): return false
        default:
            guard let x = a.1, let y = b.1 else { return false }
            return try x.compare(to: y, scheme: scheme) == .less
        }
    }
}

extension RangeEvent {
    /// The version text of the event.
    var version: String {
        switch self {
        case .introduced(let v), .fixed(let v), .lastAffected(let v), .limit(let v): v
        }
    }

    /// 0 for `introduced: "0"`, 2 for `limit: "*"`, 1 for everything else.
    var rank: Int {
        switch self {
        case .introduced("0"): 0
        case .limit("*"): 2
        default: 1
        }
    }
}
