import DrydockCatalog
import DrydockModel

extension ConfigScanner {
    /// Scans the configuration files the catalog kept (a directory, a root file system or an image's top
    /// view). Files inside a Helm chart folder (`Chart.yaml` beside `templates/`) are skipped with one note
    /// per chart: its templates are not valid YAML until rendered.
    public func scan(_ files: [ScannableFileEntry], root: String = ".") -> ConfigScanOutcome {
        let kept = files.filter { $0.file.scanner == ConfigFileAnalyzer.scanner && !$0.file.kind.isEmpty }
        let charts = kept.filter { $0.file.kind == ConfigFileAnalyzer.chartKind }.compactMap {
            chart -> (folder: String, name: String)? in
            let folder = chart.path.split(separator: "/").dropLast().joined(separator: "/")
            let templates = folder.isEmpty ? "templates/" : folder + "/templates/"
            guard
                kept.contains(where: { $0.path.hasPrefix(templates) })
                    || files.contains(where: { $0.path.hasPrefix(templates) })
            else { return nil }
            return (
                folder,
                Self.chartName(chart.file.content) ?? (folder.split(separator: "/").last.map(String.init) ?? folder)
            )
        }
        var outcome = ConfigScanOutcome()
        for chart in charts.sorted(by: { $0.folder < $1.folder }) {
            let location = chart.folder.isEmpty ? root : (root == "." ? chart.folder : "\(root)/\(chart.folder)")
            outcome.notes.append(
                "helm chart '\(chart.name)' in \(location): its templates were not scanned (Drydock does not render "
                    + "charts); scan the rendered chart with: helm template \(location) | drydock config -")
        }
        let chartFolders = charts.map { $0.folder.isEmpty ? "" : $0.folder + "/" }
        var terraform: [TerraformProject.SourceFile] = []
        for entry in kept where entry.file.kind != ConfigFileAnalyzer.chartKind {
            if chartFolders.contains(where: { $0.isEmpty || entry.path.hasPrefix($0) }) { continue }
            // The analyzer has classified the file (by name, content or `--file-patterns`): read it as it said.
            let candidate = ConfigFileClassifier.Candidate(kind: entry.file.kind) ?? .manifest
            if candidate == .terraform {
                // A Terraform configuration spans files and folders: evaluated together below.
                terraform.append(
                    TerraformProject.SourceFile(
                        path: entry.path, text: String(decoding: entry.file.content, as: UTF8.self)))
                continue
            }
            outcome.merge(scan(path: entry.path, content: entry.file.content, as: candidate, layer: entry.layer))
        }
        if !terraform.isEmpty {
            let layers = kept.reduce(into: [String: LayerReference]()) { $0[$1.path] = $1.layer }
            outcome.merge(scanTerraform(terraform, layers: layers))
        }
        return outcome
    }

    /// `name:` of a `Chart.yaml`.
    static func chartName(_ content: [UInt8]) -> String? {
        guard let root = try? YAMLTree.parse(String(decoding: content, as: UTF8.self)).first?.root else { return nil }
        return root["name"]?.text
    }
}
