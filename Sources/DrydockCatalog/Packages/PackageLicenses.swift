import DrydockLicenses
import DrydockModel

/// Every package's licenses as SPDX: each declared value (`GPLv2+ and LGPLv2+`, `MIT OR Apache-2.0`,
/// `Apache License, Version 2.0`) read as an expression and normalised (`LicenseExpressionParser`), without
/// repeats. Values that name nothing (`UNKNOWN`, `NOASSERTION`) are dropped.
///
/// OS packages' values are split into their licenses (`GPL-2+ or Artistic` gives `GPL-2.0-or-later` and
/// `Artistic-1.0-Perl`), as Debian's copyright files list the licenses of a package's files and as Trivy
/// reports OS packages. A language package's value is one declaration by its author and is kept whole,
/// split only where every part applies: `(MIT OR Apache-2.0)` stays one choice, `MIT AND BSD-3-Clause` gives
/// two licenses.
enum PackageLicenses {
    static func normalized(_ target: InventoryTarget) -> InventoryTarget {
        var target = target
        let split = target.kind == .osPackages
        for index in target.packages.indices where !target.packages[index].licenses.isEmpty {
            target.packages[index].licenses = normalized(target.packages[index].licenses, split: split)
        }
        return target
    }

    /// `licenses` normalised: split into single licenses with `split`, else into the operands of a top-level
    /// `AND`.
    static func normalized(_ licenses: [String], split: Bool = false) -> [String] {
        var result: [String] = []
        for license in licenses {
            let names =
                split
                ? DebianCopyright.names(in: license)
                : LicenseExpressionParser.parse(license).map(conjuncts)?.map(\.description) ?? []
            for name in names where !result.contains(name) { result.append(name) }
        }
        return result
    }

    /// The operands of a top-level `AND` (each applies on its own); the expression itself otherwise.
    static func conjuncts(_ expression: LicenseExpression) -> [LicenseExpression] {
        if case .and(let operands) = expression { return operands }
        return [expression]
    }
}
