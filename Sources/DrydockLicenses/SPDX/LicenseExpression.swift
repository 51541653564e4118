/// A license expression in SPDX's grammar: license IDs (with `-only`, `-or-later` or `+`), `LicenseRef-`
/// names, `WITH` exceptions, and `AND` / `OR` combinations.
public indirect enum LicenseExpression: Sendable, Hashable, Codable, CustomStringConvertible {
    /// One license: an SPDX ID as the list spells it (`GPL-2.0-or-later`, `MPL-1.1+`) or `LicenseRef-NAME`.
    case license(String)
    /// A license with an exception (`GPL-2.0-or-later WITH Classpath-exception-2.0`); the exception is an
    /// SPDX exception ID or `AdditionRef-NAME` for exceptions the list does not have.
    case with(license: String, exception: String)
    /// Every operand applies.
    case and([LicenseExpression])
    /// One operand applies, at the user's choice.
    case or([LicenseExpression])

    /// SPDX's text form: `MIT`, `GPL-2.0-only WITH Classpath-exception-2.0`, `(MIT OR Apache-2.0) AND BSD-3-Clause`.
    public var description: String {
        switch self {
        case .license(let id): id
        case .with(let license, let exception): "\(license) WITH \(exception)"
        case .and(let operands): operands.map { $0.operand(inside: "AND") }.joined(separator: " AND ")
        case .or(let operands): operands.map { $0.operand(inside: "OR") }.joined(separator: " OR ")
        }
    }

    /// The single licenses the expression names (`.license` and `.with` terms), in order, without repeats.
    public var terms: [LicenseExpression] {
        var seen: Set<LicenseExpression> = []
        var result: [LicenseExpression] = []
        func collect(_ expression: LicenseExpression) {
            switch expression {
            case .license, .with:
                if seen.insert(expression).inserted { result.append(expression) }
            case .and(let operands), .or(let operands):
                operands.forEach(collect)
            }
        }
        collect(self)
        return result
    }

    /// The license ID of a single term (the part before `WITH`); `nil` for `AND` and `OR`.
    public var licenseID: String? {
        switch self {
        case .license(let id): id
        case .with(let license, _): license
        case .and, .or: nil
        }
    }

    /// Whether this is a `LicenseRef-` name: a license with no SPDX identifier.
    public var isReference: Bool {
        licenseID?.hasPrefix("LicenseRef-") ?? false
    }

    /// `operands` joined by `AND`, flattening nested `AND`s and dropping repeats; one operand stays as it is.
    public static func all(_ operands: [LicenseExpression]) -> LicenseExpression? {
        combine(operands, and: true)
    }

    /// `operands` joined by `OR`, flattening nested `OR`s and dropping repeats; one operand stays as it is.
    public static func any(_ operands: [LicenseExpression]) -> LicenseExpression? {
        combine(operands, and: false)
    }

    private static func combine(_ operands: [LicenseExpression], and: Bool) -> LicenseExpression? {
        var flat: [LicenseExpression] = []
        for operand in operands {
            switch (operand, and) {
            case (.and(let inner), true), (.or(let inner), false):
                for item in inner where !flat.contains(item) { flat.append(item) }
            default:
                if !flat.contains(operand) { flat.append(operand) }
            }
        }
        if flat.count <= 1 { return flat.first }
        return and ? .and(flat) : .or(flat)
    }

    private func operand(inside parent: String) -> String {
        switch self {
        case .and where parent == "OR", .or where parent == "AND": "(\(description))"
        default: description
        }
    }
}
