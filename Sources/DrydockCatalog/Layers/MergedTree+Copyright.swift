import DrydockLicenses
import DrydockModel

extension MergedTree {
    /// The licenses in dpkg package `name`'s copyright file, `usr/share/doc/NAME/copyright`, following links
    /// inside the image: the file itself may be a link, and so may `usr/share/doc/NAME` (to another package's
    /// folder, as `libgcc-s1 -> gcc-12-base`). `nil` when the package has no readable copyright file.
    func copyrightLicenses(ofPackage name: String) -> [String]? {
        var folder = DpkgCopyrightAnalyzer.folder + name
        for _ in 0...Self.maximumHops {
            if case .copyright(let licenses)? = resolve(folder + "/copyright")?.finding { return licenses }
            guard let target = linkTarget(of: folder) else { return nil }
            folder = Self.join(folder: LayerWalker.split(folder).folder, target: target)
        }
        return nil
    }
}

extension MergedTree {
    /// The license files `LicenseFileAnalyzer` read that are still in the top view, by path, with the layer
    /// that holds each.
    func licenseFiles(references: [LayerReference]) -> [LicenseFile] {
        entries.compactMap { path, entry -> LicenseFile? in
            guard case .file(.licenseText(let matches)) = entry.node, !matches.isEmpty else { return nil }
            let layer = entry.layer < references.count ? references[entry.layer] : nil
            return LicenseFile(path: path, matches: matches, layer: layer?.diffID == nil ? nil : layer)
        }.sorted { $0.path < $1.path }
    }
}
