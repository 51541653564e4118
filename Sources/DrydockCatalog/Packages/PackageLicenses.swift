import DrydockLicenses
import DrydockModel

/// Every package's licenses as SPDX names: each declared value (`GPLv2+ and LGPLv2+`, `MIT OR Apache-2.0`,
/// `Apache License, Version 2.0`) split into its licenses and normalised (`LicenseExpressionParser`), without
/// repeats. Values that name nothing (`UNKNOWN`, `NOASSERTION`) are dropped.
enum PackageLicenses {
    static func normalized(_ target: InventoryTarget) -> InventoryTarget {
        var target = target
        for index in target.packages.indices where !target.packages[index].licenses.isEmpty {
            target.packages[index].licenses = normalized(target.packages[index].licenses)
        }
        return target
    }

    static func normalized(_ licenses: [String]) -> [String] {
        var result: [String] = []
        for license in licenses {
            for name in DebianCopyright.names(in: license) where !result.contains(name) { result.append(name) }
        }
        return result
    }
}
