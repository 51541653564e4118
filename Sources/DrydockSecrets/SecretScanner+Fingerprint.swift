extension SecretScanner {
    /// `secret:ENGINE:HASH`: a hash (FNV-1a, 64 bits, stable across processes) of everything that decides
    /// the scanner's output — every rule, allow rule, skip pattern and exclude block in force, the size limit
    /// and the paths skipped as the configuration file's own.
    static func fingerprint(of effective: SecretConfiguration.Effective, sizeLimit: Int, ownPaths: Set<String>)
        -> String
    {
        var parts: [String] = ["limit=\(sizeLimit)"]
        for rule in effective.rules {
            var fields = [
                rule.id, rule.category, rule.title, rule.severity.rawValue, rule.pattern, rule.secretGroup ?? "",
                rule.keywords.joined(separator: "\u{1}"), rule.exactKeywords ? "exact" : "", rule.path ?? "",
                rule.excludeBlocks.joined(separator: "\u{1}"), "\(rule.reach)", rule.afterKeyword.map { "\($0)" } ?? "",
            ]
            fields += rule.allowRules.map(describe)
            parts.append("rule:" + fields.joined(separator: "\u{2}"))
        }
        parts += effective.allowRules.map { "allow:" + describe($0) }
        parts += effective.skipPatterns.map { "skip:" + $0.pattern }
        parts += effective.excludeBlocks.map { "block:" + $0 }
        parts += ownPaths.sorted().map { "own:" + $0 }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in parts.joined(separator: "\n").utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return "secret:\(engineVersion):" + String(repeating: "0", count: 16 - hex.count) + hex
    }

    private static func describe(_ rule: SecretAllowRule) -> String {
        [rule.id, rule.regex ?? "", rule.path ?? ""].joined(separator: "\u{3}")
    }
}
