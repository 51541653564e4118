import Foundation

/// Turns one license name, as packages write it, into an SPDX identifier — or, when the name has none, into
/// `LicenseRef-NAME`, never a guess.
///
/// In order: SPDX IDs in any case (deprecated GNU ones replaced, a trailing `+` kept as "or later"), Debian's
/// short names (`Expat`, `Artistic`, `Perl`, `GFDL-NIV-1.2+`), known aliases (`New BSD`, `PSF`, `zlib/libpng`),
/// license URLs, then a family and a version (`GPLv2+`, `GNU Lesser General Public License v2.1 or later`,
/// `Apache License, Version 2.0`, `ASL 2.0`, `MPLv1.1`). A family without a version becomes
/// `LicenseRef-FAMILY` (`LicenseRef-GPL`, `LicenseRef-BSD`): which version is meant is not known. A
/// parenthesised part is tried when the rest is not recognised (`GNU Library or Lesser General Public
/// License (LGPL)`), and `(>= 2)` means "2 or later".
public enum LicenseNames {
    /// The expression for `name`: a known license, or `LicenseRef-NAME`.
    public static func normalize(_ name: String) -> LicenseExpression {
        if let known = known(name) { return known }
        return .license(reference(for: name) ?? "LicenseRef-unknown")
    }

    /// The expression for `name` when it is a recognised license name, else `nil`.
    public static func known(_ name: String) -> LicenseExpression? {
        var text = clean(name)
        guard !text.isEmpty else { return nil }
        if text.hasPrefix("LicenseRef-") || text.hasPrefix("DocumentRef-") {
            return reference(for: text).map(LicenseExpression.license)
        }
        if let url = LicenseURLs.license(forURL: text) { return url }
        if let spdx = spdx(text) { return spdx }
        if let debian = debianShortName(text.lowercased()) { return debian }
        if text.contains(">=") {
            text = text.replacingOccurrences(
                of: #"\(\s*>=\s*([0-9.]+)\s*\)"#, with: " $1+", options: .regularExpression)
        }
        if let open = text.firstIndex(of: "("), let close = text[open...].firstIndex(of: ")") {
            let outside = String(text[..<open] + text[text.index(after: close)...])
            let inside = String(text[text.index(after: open)..<close])
            let outer = known(outside)
            if let outer, !outer.isReference { return outer }
            if let inner = known(inside), !inner.isReference { return inner }
            return outer
        }
        let words = keyWords(text)
        guard !words.isEmpty else { return nil }
        let key = words.joined(separator: " ")
        if let alias = LicenseAliases.byKey[key] { return alias }
        if let family = LicenseFamilies.match(words: words) ?? LicenseFamilies.match(words: splitGlued(words)) {
            return family
        }
        return hyphenated(words)
    }

    /// Whether `text` says that no license is known (`UNKNOWN`, `NOASSERTION`, `NONE`, `N/A`, `-`).
    public static func isPlaceholder(_ text: String) -> Bool {
        [
            "unknown", "noassertion", "none", "n/a", "na", "-", "null", "undefined", "license", "see license",
            "see license file", "see license.txt", "see licence", "see copying",
        ]
        .contains(text.trimmingCharacters(in: .whitespaces).lowercased())
    }

    /// Whether `word` starts a version (`Version`, `ver.`, `v2`), which a comma before it does not end a name.
    public static func isVersionWord(_ word: String) -> Bool {
        let lower = word.lowercased()
        if lower.hasPrefix("version") || lower == "ver" || lower == "ver." { return true }
        return lower.count > 1 && lower.hasPrefix("v") && lower.dropFirst().first?.isNumber == true
    }

    /// `base WITH exception`: the exception's SPDX ID when the list has it (`OpenSSL exception` has none,
    /// `Classpath exception` is `Classpath-exception-2.0`), else `AdditionRef-NAME` (SPDX 3's form).
    public static func attach(exception name: String, to base: LicenseExpression) -> LicenseExpression {
        guard case .license(let license) = base else { return base }
        return .with(license: license, exception: exceptionID(name, for: license))
    }

    /// The SPDX exception ID for exception `name` attached to `license`, else `AdditionRef-NAME`.
    static func exceptionID(_ name: String, for license: String) -> String {
        let trimmed = clean(name)
        if trimmed.hasPrefix("AdditionRef-") { return "AdditionRef-" + sanitized(String(trimmed.dropFirst(12))) }
        if let exact = SPDXIdentifiers.exception(trimmed) { return exact }
        // `the GNU Classpath Exception` is the Classpath exception: articles and the GNU prefix are not part
        // of exception IDs.
        var words = trimmed.split(whereSeparator: { $0 == " " || $0 == "-" || $0 == "_" })
        while let first = words.first, ["the", "gnu"].contains(first.lowercased()), words.count > 1 {
            words.removeFirst()
        }
        var stem = words.joined(separator: "-")
        if !stem.lowercased().hasSuffix("exception") && !stem.lowercased().hasSuffix("note") {
            stem += "-exception"
        }
        if let exact = SPDXIdentifiers.exception(stem) { return exact }
        let prefix = stem.lowercased() + "-"
        let candidates = SPDXIdentifiers.allExceptions.filter { id in
            let lower = id.lowercased()
            guard lower.hasPrefix(prefix) else { return false }
            return lower.dropFirst(prefix.count).allSatisfy { $0.isNumber || $0 == "." }
        }
        let major = license.split(separator: "-").dropFirst().first?.split(separator: ".").first
        if let major, let match = candidates.first(where: { $0.lowercased().dropFirst(prefix.count).hasPrefix(major) })
        {
            return match
        }
        if let newest = candidates.max(by: {
            $0.dropFirst(prefix.count).compare($1.dropFirst(prefix.count), options: .numeric) == .orderedAscending
        }) {
            return newest
        }
        return "AdditionRef-" + sanitized(stem)
    }

    /// `LicenseRef-NAME` for a name without an SPDX ID: letters, digits, `.` and `-` only.
    public static func reference(for name: String) -> String? {
        var text = clean(name)
        for prefix in ["LicenseRef-", "DocumentRef-"] where text.hasPrefix(prefix) {
            if prefix == "DocumentRef-" { return text }
            text = String(text.dropFirst(prefix.count))
        }
        let cleaned = sanitized(text)
        return cleaned.isEmpty ? nil : "LicenseRef-" + cleaned
    }

    // MARK: - Steps

    static func clean(_ name: String) -> String {
        // Quotes and brackets are peeled off a substring: copying the text for each pair made a name of thousands
        // of nested brackets quadratic (seconds per kilobyte).
        var text = Substring(name.trimmingCharacters(in: .whitespacesAndNewlines))
        func isBlank(_ character: Character) -> Bool {
            character.unicodeScalars.allSatisfy { CharacterSet.whitespaces.contains($0) }
        }
        while let first = text.first, let last = text.last,
            (first == "\"" && last == "\"") || (first == "'" && last == "'") || (first == "[" && last == "]")
                || (first == "(" && last == ")" && !text.dropFirst().dropLast().contains("("))
        {
            text = text.dropFirst().dropLast()
            while let blank = text.first, isBlank(blank) { text.removeFirst() }
            while let blank = text.last, isBlank(blank) { text.removeLast() }
        }
        while text.hasSuffix(".") || text.hasSuffix(",") || text.hasSuffix(";") { text.removeLast() }
        return text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// An SPDX ID in any case, a deprecated one replaced, a trailing `+` read as "or later".
    static func spdx(_ text: String) -> LicenseExpression? {
        if let replaced = SPDXIdentifiers.replacement(forDeprecated: text) { return replaced }
        if let id = SPDXIdentifiers.license(text) { return .license(id) }
        if text.hasSuffix("+"), let id = SPDXIdentifiers.license(String(text.dropLast())) {
            if let gnu = SPDXIdentifiers.replacement(forDeprecated: id + "+") { return gnu }
            if id.hasSuffix("-only") {
                return SPDXIdentifiers.license(String(id.dropLast(5)) + "-or-later").map(LicenseExpression.license)
            }
            return .license(id + "+")
        }
        return nil
    }

    /// Debian's copyright-format short names that are not SPDX IDs.
    static func debianShortName(_ lower: String) -> LicenseExpression? {
        switch lower {
        case "expat": return .license("MIT")
        case "artistic", "artistic-perl", "perl-artistic": return .license("Artistic-1.0-Perl")
        case "perl": return .or([.license("GPL-1.0-or-later"), .license("Artistic-1.0-Perl")])
        case "public-domain": return .license("LicenseRef-public-domain")
        default: break
        }
        for version in ["1.1", "1.2", "1.3"] where lower.hasPrefix("gfdl-niv-\(version)") {
            let rest = lower.dropFirst("gfdl-niv-\(version)".count)
            guard rest.isEmpty || rest == "+" else { return nil }
            return .license("GFDL-\(version)-no-invariants-\(rest.isEmpty ? "only" : "or-later")")
        }
        return nil
    }

    /// Upper-case words without `THE`, `LICENSE`, `VERSION`, `V` before a number, or punctuation.
    static func keyWords(_ text: String) -> [String] {
        let upper = text.uppercased().replacingOccurrences(of: "LICENCE", with: "LICENSE")
        let spaced = upper.map { character -> Character in
            "-_,:;/\"'`".contains(character) ? " " : character
        }
        var words = String(spaced).split(separator: " ").map(String.init)
        words = words.compactMap { word -> String? in
            if ["THE", "LICENSE", "LICENSES", "LICENSED", "VERSION", "VER", "VER.", "V", "V."].contains(word) {
                return nil
            }
            if word.hasPrefix("V"), word.count > 1, word.dropFirst().first?.isNumber == true,
                word.dropFirst().allSatisfy({ $0.isNumber || $0 == "." || $0 == "+" })
            {
                return String(word.dropFirst())
            }
            if word.hasSuffix("LICENSE"), word.count > 7, word != "UNLICENSE" { return String(word.dropLast(7)) }
            return word
        }
        if let last = words.last, last == "ONLY" || last == "LATER" || last == "+" {
            // `GPL-2.0 or later` → `GPL 2.0 +`; `GPL-2.0-only` → `GPL 2.0 ONLY`.
            if last == "LATER", words.count >= 2, words[words.count - 2] == "OR" {
                words.removeLast(2)
                words.append("+")
            }
        }
        return words
    }

    /// `GPLV2+` → `GPL`, `2+`; `LGPL2.1` → `LGPL`, `2.1`; other words unchanged.
    static func splitGlued(_ words: [String]) -> [String] {
        words.flatMap { word -> [String] in
            guard let digit = word.firstIndex(where: \.isNumber), digit != word.startIndex else { return [word] }
            let head = word[..<digit]
            let tail = word[digit...]
            guard head.count >= 2, head.allSatisfy(\.isLetter),
                tail.allSatisfy({ $0.isNumber || $0 == "." || $0 == "+" })
            else { return [word] }
            let family = head.hasSuffix("V") && head.count > 2 ? head.dropLast() : head
            return [String(family), String(tail)]
        }
    }

    /// Words joined by `-` when that is an SPDX ID (`CC BY SA 4.0` → `CC-BY-SA-4.0`), or with `.0` added.
    static func hyphenated(_ words: [String]) -> LicenseExpression? {
        let joined = words.joined(separator: "-")
        if let found = spdx(joined) { return found }
        if let last = words.last, last.allSatisfy(\.isNumber) {
            return spdx(joined + ".0")
        }
        return nil
    }

    static func sanitized(_ text: String) -> String {
        var result = ""
        for character in text {
            if character.isASCII, character.isLetter || character.isNumber || character == "." {
                result.append(character)
            } else if character == "+" {
                result += "-or-later"
            } else if !result.hasSuffix("-") {
                result.append("-")
            }
        }
        while result.hasSuffix("-") || result.hasSuffix(".") { result.removeLast() }
        while result.hasPrefix("-") || result.hasPrefix(".") { result.removeFirst() }
        return result.replacingOccurrences(of: "-or-later-", with: "-or-later")
    }
}
