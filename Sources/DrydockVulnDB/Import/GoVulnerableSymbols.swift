import DrydockModel

extension GoVulnerableSymbols {
    /// The imports of one OSV `affected[]` entry, in record order; entries without a usable `path` are
    /// skipped (the record stays importable: symbols only refine it).
    public static func imports(ofAffected entry: JSONValue) -> [GoVulnerableSymbols] {
        guard let imports = entry["ecosystem_specific"]?["imports"]?.arrayValue else { return [] }
        return imports.compactMap { item in
            guard let path = item["path"]?.stringValue, !path.isEmpty else { return nil }
            let symbols = (item["symbols"]?.arrayValue ?? []).compactMap(\.stringValue).filter { !$0.isEmpty }
            return GoVulnerableSymbols(importPath: path, symbols: symbols)
        }
    }
}
