/// A PEM block read leniently: any line length (swift-asn1 insists on 64-character lines, which some
/// Sigstore components do not write), whitespace ignored.
struct PEMBlock {
    /// The label after `BEGIN` (`CERTIFICATE`, `PUBLIC KEY`).
    var label: String
    var der: [UInt8]

    /// The first PEM block of `text`, or `nil` when there is none or its base64 is invalid.
    init?(_ text: String) {
        guard let begin = text.range(of: "-----BEGIN ") else { return nil }
        guard let labelEnd = text.range(of: "-----", range: begin.upperBound..<text.endIndex) else { return nil }
        let label = String(text[begin.upperBound..<labelEnd.lowerBound])
        guard let end = text.range(of: "-----END \(label)-----", range: labelEnd.upperBound..<text.endIndex),
            let der = Base64.decode(String(text[labelEnd.upperBound..<end.lowerBound]))
        else { return nil }
        self.label = label
        self.der = der
    }
}
