import Foundation

/// One secret found: which rule, and where in the file (bytes).
struct LocatedSecret: Hashable {
    var rule: Int
    var range: Range<Int>
}

extension SecretScanner {
    /// Every secret in `bytes` (not yet masked), before allow rules are applied to whole files.
    func locate(path: String, in bytes: UnsafeBufferPointer<UInt8>) -> [LocatedSecret] {
        // Most files trigger no rule: nothing below allocates until one does.
        var inapplicable: Set<Int> = []
        for index in pathDependent {
            let rule = compiled[index]
            if !(rule.path?.matches(path) ?? true) || rule.allowPaths.contains(where: { $0.matches(path) }) {
                inapplicable.insert(index)
            }
        }
        // Keyword pass: which rules are triggered, and where (for `.lines` rules).
        var triggered: Set<Int> = []
        var hits: [Int: [Int]] = [:]
        for index in unconditional where !inapplicable.contains(index) { triggered.insert(index) }
        automaton.scan(bytes) { keyword, start in
            let length = automaton.keywords[keyword].count
            for index in keywordRules[keyword] where !inapplicable.contains(index) {
                let rule = compiled[index]
                if rule.rule.exactKeywords, !Self.equalBytes(bytes, start, rule.rule.keywords, length) { continue }
                if case .wholeFile = rule.rule.reach {
                    triggered.insert(index)
                } else if rule.mayMatch(after: start + length, in: bytes) {
                    triggered.insert(index)
                    hits[index, default: []].append(start)
                }
            }
        }
        guard !triggered.isEmpty else { return [] }
        var whole: TextSlice?
        var blocks: [Range<Int>]?
        var found: [LocatedSecret] = []
        for index in triggered.sorted() {
            let rule = compiled[index]
            var matches: [(full: Range<Int>, secrets: [Range<Int>])] = []
            switch rule.rule.reach {
            case .wholeFile:
                let text = whole ?? TextSlice(bytes, range: 0..<bytes.count)
                whole = text
                matches = Self.matches(rule, in: text)
            case .lines(let before, let after):
                for window in Self.windows(
                    around: (hits[index] ?? []).sorted(), in: bytes, before: before, after: after)
                {
                    matches += Self.matches(rule, in: TextSlice(bytes, range: window))
                }
            }
            for match in matches {
                let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[match.full]), as: UTF8.self)
                if Self.anyMatch(globals.allowRegexes, text) || Self.anyMatch(rule.allowRegexes, text) { continue }
                for secret in match.secrets where !secret.isEmpty {
                    if !globals.excludeBlocks.isEmpty {
                        if blocks == nil {
                            let text = whole ?? TextSlice(bytes, range: 0..<bytes.count)
                            whole = text
                            blocks = Self.blockRanges(globals.excludeBlocks, in: text)
                        }
                        if blocks?.contains(where: { Self.encloses($0, secret) }) == true { continue }
                    }
                    if !rule.excludeBlocks.isEmpty {
                        let text = whole ?? TextSlice(bytes, range: 0..<bytes.count)
                        whole = text
                        if Self.blockRanges(rule.excludeBlocks, in: text).contains(where: { Self.encloses($0, secret) })
                        {
                            continue
                        }
                    }
                    found.append(LocatedSecret(rule: index, range: secret))
                }
            }
        }
        var seen = Set<LocatedSecret>()
        return found.filter { seen.insert($0).inserted }
    }

    /// Every match of `rule` in `text`: the whole match and the secret ranges (its groups, or the match).
    static func matches(_ rule: CompiledRule, in text: TextSlice) -> [(full: Range<Int>, secrets: [Range<Int>])] {
        let results = rule.regex.matches(
            in: text.string, range: NSRange(location: 0, length: text.utf16Count))
        return results.map { result in
            let full = text.byteRange(location: result.range.location, length: result.range.length)
            guard !rule.groups.isEmpty else { return (full, [full]) }
            let secrets = rule.groups.compactMap { group -> Range<Int>? in
                guard group < result.numberOfRanges else { return nil }
                let range = result.range(at: group)
                guard range.location != NSNotFound else { return nil }
                return text.byteRange(location: range.location, length: range.length)
            }
            return (full, secrets)
        }
    }

    /// The lines around each hit, merged where they touch: each window starts at a line start and ends after
    /// a newline (or at the end of the file), so `^`, `$` and look-arounds see what they would in the file.
    static func windows(around hits: [Int], in bytes: UnsafeBufferPointer<UInt8>, before: Int, after: Int)
        -> [Range<Int>]
    {
        var windows: [Range<Int>] = []
        var covered = 0
        for hit in hits {
            if let last = windows.last, hit < last.upperBound { continue }
            var start = hit
            var lines = 0
            while start > covered {
                if bytes[start - 1] == UInt8(ascii: "\n") {
                    if lines == before { break }
                    lines += 1
                }
                start -= 1
            }
            var end = hit
            lines = 0
            while end < bytes.count {
                end += 1
                if bytes[end - 1] == UInt8(ascii: "\n") {
                    if lines == after { break }
                    lines += 1
                }
            }
            if let last = windows.last, start <= last.upperBound {
                windows[windows.count - 1] = last.lowerBound..<end
            } else {
                windows.append(start..<end)
            }
            covered = end
        }
        return windows
    }

    /// Byte ranges of every match of `regexes` in `text`.
    static func blockRanges(_ regexes: [NSRegularExpression], in text: TextSlice) -> [Range<Int>] {
        regexes.flatMap { regex in
            regex.matches(in: text.string, range: NSRange(location: 0, length: text.utf16Count)).map {
                text.byteRange(location: $0.range.location, length: $0.range.length)
            }
        }
    }

    /// Whether `outer` holds all of `inner`.
    static func encloses(_ outer: Range<Int>, _ inner: Range<Int>) -> Bool {
        outer.lowerBound <= inner.lowerBound && inner.upperBound <= outer.upperBound
    }

    static func anyMatch(_ regexes: [NSRegularExpression], _ text: String) -> Bool {
        guard !regexes.isEmpty else { return false }
        let range = NSRange(location: 0, length: text.utf16.count)
        return regexes.contains { $0.firstMatch(in: text, range: range) != nil }
    }

    /// Whether the `length` bytes at `start` are one of `keywords` exactly (case included).
    static func equalBytes(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ keywords: [String], _ length: Int)
        -> Bool
    {
        keywords.contains { keyword in
            keyword.utf8.count == length && keyword.utf8.elementsEqual(bytes[start..<(start + length)])
        }
    }
}
