/// Reads GNU license notices: "… under the terms of the GNU Lesser General Public License as published by the
/// Free Software Foundation; either version 2.1 of the License, or (at your option) any later version."
/// → `LGPL-2.1-or-later`; "… version 2 of the License." → `GPL-2.0-only`.
///
/// A notice needs the words "under" (or "published by") before the license name and a version after it; the
/// example notice in the "How to Apply These Terms" appendix of a GNU license's own text is not one.
enum GNUNotice {
    static let name = Phrase("general public license")

    static func licenses(in text: LicenseText) -> [String] {
        guard text.contains(name) else { return [] }
        let words = text.reduced.split(separator: " ")
        let appendix = firstIndex(of: ["how", "to", "apply", "these", "terms"], in: words) ?? words.count
        var found: [String] = []
        var index = 0
        while index + 2 < min(words.count, appendix) {
            defer { index += 1 }
            guard words[index] == "general", words[index + 1] == "public", words[index + 2] == "license" else {
                continue
            }
            let before = words[max(0, index - 25)..<index]
            let after = words[(index + 3)..<min(words.count, index + 45)]
            // A notice says the work is under the license, licensed by it, or that its license "is the" GNU
            // license ("The overall license for libxcrypt is the GNU Lesser General Public License, …").
            guard
                before.contains("under") || before.contains("licensed")
                    || containsRun(["is", "the"], in: words[max(0, index - 4)..<index])
                    || containsRun(["published", "by"], in: after)
            else { continue }
            let family: String
            let qualifiers = words[max(0, index - 3)..<index]
            if qualifiers.contains("lesser") || qualifiers.contains("library") {
                family = "LGPL"
            } else if qualifiers.contains("affero") {
                family = "AGPL"
            } else {
                family = "GPL"
            }
            guard let (number, versionEnd) = Self.version(in: Array(after)) else { continue }
            let tail = Array(after.dropFirst(versionEnd).prefix(15))
            let orLater =
                containsRun(["any", "later"], in: tail[...]) || containsRun(["or", "later"], in: tail[...])
                || containsRun(["later", "version"], in: tail[...])
            let gnu = LicenseFamilies.families.first { $0.stem == family }
            if let gnu,
                case .license(let id)? = LicenseFamilies.expression(
                    gnu, version: number, qualifier: orLater ? .orLater : .only),
                !found.contains(id)
            {
                found.append(id)
            }
        }
        return found
    }

    /// The first `version N[ M]` (or `vN`) in `words`, before the next license name, with the index after it.
    static func version(in words: [Substring]) -> (String, Int)? {
        for (offset, word) in words.enumerated() {
            if word == "general" || word == "license" && offset > 0 && words[offset - 1] == "public" { return nil }
            var number: Substring?
            if word == "version", offset + 1 < words.count { number = words[offset + 1] }
            if word.count == 2, word.hasPrefix("v"), word.last?.isNumber == true { number = word.dropFirst() }
            guard let number, number.count == 1, let major = number.first, "123".contains(major) else { continue }
            var end = offset + (word == "version" ? 2 : 1)
            var version = String(major)
            if end < words.count, words[end].count == 1, words[end].first?.isNumber == true {
                version += "." + words[end]
                end += 1
            }
            return (version, end)
        }
        return nil
    }

    static func containsRun(_ run: [Substring], in words: ArraySlice<Substring>) -> Bool {
        guard words.count >= run.count else { return false }
        let array = Array(words)
        for start in 0...(array.count - run.count) where Array(array[start..<(start + run.count)]) == run {
            return true
        }
        return false
    }

    static func firstIndex(of run: [Substring], in words: [Substring]) -> Int? {
        guard words.count >= run.count else { return nil }
        for start in 0...(words.count - run.count) where Array(words[start..<(start + run.count)]) == run {
            return start
        }
        return nil
    }
}
