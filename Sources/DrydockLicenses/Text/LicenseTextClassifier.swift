import Foundation

/// One license recognised in a text, with how sure the recognition is.
public struct LicenseMatch: Sendable, Hashable, Codable {
    /// The SPDX ID.
    public var name: String
    /// 0…1: the share of the license's identifying phrases found (1 for a notice naming it).
    public var confidence: Double
    /// The SPDX page of the license.
    public var link: String?

    public init(name: String, confidence: Double, link: String? = nil) {
        self.name = name
        self.confidence = confidence
        self.link = link
    }
}

/// Recognises licenses in free text — LICENSE and COPYING files, free-text Debian copyright files, file
/// headers — by identifying phrases of each license's text (`LicenseSignatures`), by GNU notices
/// (`GNUNotice`), which give the version and whether later versions apply, and by `SPDX-License-Identifier`
/// tags (`SPDXTag`).
///
/// A match's confidence is the share of the license's phrases the text holds; matches at or under
/// `confidenceLevel` are dropped (Trivy's `--license-confidence-level`, default 0.9). A GNU notice saying
/// "or any later version" replaces the same license's `-only` text match: the text is the license, the
/// notice says which versions apply.
public enum LicenseTextClassifier {
    /// The licenses `text` holds, most confident first.
    public static func classify(_ text: some StringProtocol, confidenceLevel: Double = 0.9) -> [LicenseMatch] {
        let reduced = LicenseText(text)
        var best: [String: Double] = [:]
        for signature in LicenseSignatures.all {
            let confidence = signature.confidence(in: reduced)
            if confidence > confidenceLevel { best[signature.id] = max(best[signature.id] ?? 0, confidence) }
        }
        for id in GNUNotice.licenses(in: reduced) {
            best[id] = 1
            if id.hasSuffix("-or-later") { best[String(id.dropLast("-or-later".count)) + "-only"] = nil }
        }
        for expression in SPDXTag.expressions(in: text) { best[expression.description] = 1 }
        return best.map { LicenseMatch(name: $0.key, confidence: $0.value, link: SPDXIdentifiers.link(for: $0.key)) }
            .sorted { ($1.confidence, $0.name) < ($0.confidence, $1.name) }
    }
}
