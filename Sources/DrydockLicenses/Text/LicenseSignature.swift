/// What identifies one license's text or notice: phrases it always holds, and phrases that would make it
/// another license. Phrases are written reduced (`LicenseText.reduce`): lower case, words separated by single
/// spaces. They are short identifying facts about each text, not the text.
struct LicenseSignature: Sendable {
    enum Kind: Sendable {
        /// The license's full text (a LICENSE file, a copyright file's license paragraph).
        case text
        /// A notice pointing to the license (a file header: "Licensed under the Apache License, Version 2.0").
        case notice
    }

    /// The SPDX ID found.
    var id: String
    var kind: Kind
    /// Phrases the text holds; the confidence is the share found.
    private let compiled: [Phrase]
    /// Phrases that rule this license out (a BSD text with an advertising clause is not BSD-3-Clause).
    private let excluded: [Phrase]

    init(id: String, kind: Kind, phrases: [String], excluded: [String] = []) {
        self.id = id
        self.kind = kind
        self.compiled = phrases.map(Phrase.init)
        self.excluded = excluded.map(Phrase.init)
    }

    /// The share of `phrases` found in `text` (0 when an excluded phrase is there).
    func confidence(in text: LicenseText) -> Double {
        guard !compiled.isEmpty, !excluded.contains(where: text.contains) else { return 0 }
        let found = compiled.filter(text.contains).count
        return Double(found) / Double(compiled.count)
    }
}
