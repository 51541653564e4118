import Foundation

/// Reads `SPDX-License-Identifier:` tags, the one-line license statements source files carry in their
/// header (`// SPDX-License-Identifier: GPL-2.0-only OR MIT`, `# SPDX-License-Identifier: Apache-2.0`).
///
/// The expression runs to the end of the line; a comment's closing `*/` or `-->` is not part of it. Each
/// expression is normalised (`LicenseExpressionParser`), so older spellings (`GPL-2.0+`) become current ones.
enum SPDXTag {
    static let marker = Array("SPDX-License-Identifier:".utf8)

    /// The expressions tagged in `text`, in order, without repeats.
    static func expressions(in text: some StringProtocol) -> [LicenseExpression] {
        let bytes = Array(text.utf8)
        var found: [LicenseExpression] = []
        var start = 0
        while let position = ByteSearch.firstIndex(of: marker, in: bytes, from: start) {
            var end = position + marker.count
            while end < bytes.count, bytes[end] != 0x0A, bytes[end] != 0x0D { end += 1 }
            start = end
            var value = String(decoding: bytes[(position + marker.count)..<end], as: UTF8.self)
            for closing in ["*/", "-->", "*)"] {
                if let range = value.range(of: closing) { value = String(value[..<range.lowerBound]) }
            }
            value = value.trimmingCharacters(in: .whitespaces)
            guard !value.isEmpty, let expression = LicenseExpressionParser.parse(value), !found.contains(expression)
            else { continue }
            found.append(expression)
        }
        return found
    }
}
