import DrydockModel
import Foundation

/// Which license falls in which category — Trivy's defaults (Google's license classification), or lists
/// the user configured (Trivy's `license.forbidden`, `license.restricted`, … keys) — and the category and
/// severity of any license or expression.
///
/// A name matches a configured entry in any case, as written (`GPL-2.0-or-later`) or by its license without
/// `-only`, `-or-later` or `+` (`GPL-2.0`), and `X WITH Y` falls back to `X`. Configured entries are
/// normalised too, so `GPL-2.0-with-classpath-exception` matches `GPL-2.0-only WITH Classpath-exception-2.0`.
/// A `LicenseRef-FAMILY` without a version (`LicenseRef-GPL`, `LicenseRef-BSD`) takes its family's category
/// when every listed member of the family shares one. In an expression, `AND` takes the most restrictive
/// operand (unknown when one is unknown, unless another is forbidden), `OR` the least restrictive known one.
public struct LicenseCategories: Sendable, Hashable {
    /// The configured names per category (absent categories use Trivy's default list).
    public private(set) var lists: [LicenseFinding.Category: [String]]
    private var index: [String: LicenseFinding.Category] = [:]

    /// Trivy's default categories.
    public static let trivyDefaults = LicenseCategories()

    /// The defaults with the lists in `overrides` replacing their category's default list.
    public init(overrides: [LicenseFinding.Category: [String]] = [:]) {
        var lists = LicenseCategoryDefaults.lists
        for (category, names) in overrides { lists[category] = names }
        self.lists = lists
        for category in Self.order {
            for name in lists[category] ?? [] {
                let trimmed = name.trimmingCharacters(in: .whitespaces)
                guard !trimmed.isEmpty else { continue }
                for key in [trimmed.uppercased(), LicenseNames.normalize(trimmed).description.uppercased()]
                where index[key] == nil {
                    index[key] = category
                }
            }
        }
    }

    /// Categories from most to least restrictive (the order lookups and `AND` use).
    public static let order: [LicenseFinding.Category] = [
        .forbidden, .restricted, .reciprocal, .notice, .permissive, .unencumbered,
    ]

    /// The severity Trivy gives a category: forbidden CRITICAL, restricted HIGH, reciprocal MEDIUM, notice,
    /// permissive and unencumbered LOW, unknown UNKNOWN.
    public static func severity(of category: LicenseFinding.Category) -> Severity {
        switch category {
        case .forbidden: .critical
        case .restricted: .high
        case .reciprocal: .medium
        case .notice, .permissive, .unencumbered: .low
        case .unknown: .unknown
        }
    }

    /// The category of a license name or expression as packages write it (normalised first).
    public func category(of name: String) -> LicenseFinding.Category {
        if let direct = index[name.trimmingCharacters(in: .whitespaces).uppercased()] { return direct }
        guard let expression = LicenseExpressionParser.parse(name) else { return .unknown }
        return category(of: expression)
    }

    /// The category of `expression`.
    public func category(of expression: LicenseExpression) -> LicenseFinding.Category {
        switch expression {
        case .license(let id):
            return lookup(id)
        case .with(let license, _):
            return index[expression.description.uppercased()] ?? lookup(license)
        case .and(let operands):
            let categories = operands.map { category(of: $0) }
            if categories.contains(.forbidden) { return .forbidden }
            if categories.contains(.unknown) { return .unknown }
            return Self.order.first(where: categories.contains) ?? .unknown
        case .or(let operands):
            let known = operands.map { category(of: $0) }.filter { $0 != .unknown }
            return Self.order.last(where: known.contains) ?? .unknown
        }
    }

    private func lookup(_ id: String) -> LicenseFinding.Category {
        let upper = id.uppercased()
        if let found = index[upper] { return found }
        for suffix in ["-ONLY", "-OR-LATER", "+"] where upper.hasSuffix(suffix) {
            if let found = index[String(upper.dropLast(suffix.count))] { return found }
        }
        if upper.hasPrefix("LICENSEREF-") {
            let stem = String(upper.dropFirst("LICENSEREF-".count))
            let members = Set(index.filter { key, _ in key.hasPrefix(stem + "-") }.values)
            if members.count == 1, let only = members.first { return only }
        }
        return .unknown
    }
}
