import Foundation

extension DatabaseInfo {
    /// The text `drydock db info` prints: path, schema, build time and age, sources, coverage.
    ///
    /// Namespaces with releases are grouped per ecosystem (`Alpine  9 releases (v3.3 … v3.11)`),
    /// listing each release on its own line; ecosystems without releases take one line.
    public func render(now: Date) -> String {
        var lines: [String] = []
        lines.append("Path:            \(path)")
        lines.append("Schema version:  \(schemaVersion)")
        if let builtAt {
            lines.append("Built at:        \(Timestamp.format(builtAt)) (\(Self.age(from: builtAt, to: now)) ago)")
        } else {
            lines.append("Built at:        unknown")
        }
        if let drydockVersion { lines.append("Built by:        drydock \(drydockVersion)") }
        lines.append("Advisories:      \(advisoryCount) (\(aliasCount) aliases, \(affectedCount) affected packages)")
        if let size = Self.fileSize(path) { lines.append("Size:            \(Self.mebibytes(size))") }
        lines.append("")
        lines.append("Sources:")
        for source in sources {
            lines.append("  \(source.path)")
            var detail = "    format \(source.format), \(source.files) files, \(source.records) records"
            detail += ", \(source.skipped) skipped"
            if source.unknownFiles > 0 { detail += ", \(source.unknownFiles) unknown files" }
            if source.skippedRanges > 0 { detail += ", \(source.skippedRanges) GIT ranges dropped" }
            lines.append(detail)
            if let newest = source.newestModified {
                lines.append("    newest record modified \(Timestamp.format(newest))")
            }
            lines.append("    sha256 \(source.sha256)")
        }
        lines.append("")
        lines.append("Namespaces:")
        var groups: [(ecosystem: String, members: [NamespaceCount])] = []
        for count in namespaces {
            let ecosystem = String(AdvisoryNamespace.ecosystemName(of: count.namespace))
            if let last = groups.indices.last, groups[last].ecosystem == ecosystem {
                groups[last].members.append(count)
            } else {
                groups.append((ecosystem, [count]))
            }
        }
        let width = max(12, (groups.map(\.ecosystem.count).max() ?? 0) + 2)
        for group in groups {
            let releases = group.members.filter { AdvisoryNamespace.release(of: $0.namespace) != nil }
            let padded = group.ecosystem.padding(toLength: width, withPad: " ", startingAt: 0)
            if releases.isEmpty, let only = group.members.first {
                lines.append("  \(padded)\(only.advisories) advisories, \(only.affectedPackages) affected packages")
                continue
            }
            let sorted = releases.sorted { Self.releaseOrder($0.namespace, $1.namespace) }
            let names = sorted.compactMap { AdvisoryNamespace.release(of: $0.namespace).map(String.init) }
            let span = names.count > 1 ? "\(names[0]) … \(names[names.count - 1])" : names.first ?? ""
            lines.append("  \(padded)\(sorted.count) release\(sorted.count == 1 ? "" : "s") (\(span))")
            for member in sorted {
                let release = AdvisoryNamespace.release(of: member.namespace).map(String.init) ?? member.namespace
                let name = release.padding(toLength: max(10, release.count + 2), withPad: " ", startingAt: 0)
                lines.append("    \(name)\(member.advisories) advisories, \(member.affectedPackages) affected packages")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `3 days`, `5 hours`, `12 minutes`, `just now`.
    static func age(from start: Date, to end: Date) -> String {
        let seconds = Int(end.timeIntervalSince(start))
        if seconds < 60 { return seconds < 0 ? "in the future: 0 seconds" : "\(seconds) seconds" }
        let units: [(Int, String)] = [(86_400, "day"), (3_600, "hour"), (60, "minute")]
        for (size, name) in units where seconds >= size {
            let count = seconds / size
            return "\(count) \(name)\(count == 1 ? "" : "s")"
        }
        return "\(seconds) seconds"
    }

    /// Orders releases numerically where they are numbers (`v3.9` before `v3.10`).
    static func releaseOrder(_ lhs: String, _ rhs: String) -> Bool {
        func parts(_ namespace: String) -> [Int] {
            let release = AdvisoryNamespace.release(of: namespace) ?? ""
            return release.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        }
        let left = parts(lhs)
        let right = parts(rhs)
        if left != right { return left.lexicographicallyPrecedes(right) }
        return lhs < rhs
    }

    /// The size of the file at `path` in bytes, or `nil` when it cannot be read.
    public static func fileSize(_ path: String) -> Int64? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
            let size = attributes[.size] as? NSNumber
        else { return nil }
        return size.int64Value
    }

    /// `37.4 MiB` for a byte count.
    public static func mebibytes(_ bytes: Int64) -> String {
        String(format: "%.1f MiB", Double(bytes) / 1_048_576)
    }
}
