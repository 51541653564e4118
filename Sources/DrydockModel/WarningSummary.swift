/// Warnings grouped by kind, so that what a person reads (standard error, the table report) stays short: a kind
/// met more than `threshold` times becomes one line with the count and the first few paths, while the full list
/// stays in the JSON report and under `--debug`.
///
/// Warnings without a path (a database or coverage problem, each a message of its own) and those of kind
/// `general` are never grouped.
public struct WarningSummary: Sendable, Hashable {
    /// The warnings of one kind, in the order they were met.
    public struct Group: Sendable, Hashable {
        /// Their kind.
        public var kind: ScanWarning.Kind
        /// Every warning of the kind.
        public var warnings: [ScanWarning]
    }

    /// Groups in the order their first warning was met; pathless and `general` warnings form groups of one.
    public private(set) var groups: [Group]
    /// Kinds met at most this many times are listed in full.
    public var threshold: Int
    /// How many paths a summary line names.
    public var examples: Int

    /// Groups `warnings`.
    public init(_ warnings: [ScanWarning], threshold: Int = 3, examples: Int = 3) {
        self.threshold = threshold
        self.examples = examples
        var groups: [Group] = []
        var index: [ScanWarning.Kind: Int] = [:]
        for warning in warnings {
            guard warning.path != nil, warning.kind != .general else {
                groups.append(Group(kind: warning.kind, warnings: [warning]))
                continue
            }
            if let position = index[warning.kind] {
                groups[position].warnings.append(warning)
            } else {
                index[warning.kind] = groups.count
                groups.append(Group(kind: warning.kind, warnings: [warning]))
            }
        }
        self.groups = groups
    }

    /// Number of warnings of each kind.
    public var counts: [ScanWarning.Kind: Int] {
        groups.reduce(into: [:]) { $0[$1.kind, default: 0] += $1.warnings.count }
    }

    /// The lines to show: every warning of a kind met at most `threshold` times, and one line per other kind —
    /// `107 links to missing files: usr/bin/a, usr/bin/b, usr/bin/c, …` followed by `hint` (where the full list
    /// is, say) when given.
    public func lines(hint: String? = nil) -> [String] {
        var lines: [String] = []
        for group in groups {
            guard group.warnings.count > threshold else {
                lines += group.warnings.map(\.description)
                continue
            }
            var paths: [String] = []
            for warning in group.warnings {
                guard let path = warning.path, !paths.contains(path) else { continue }
                paths.append(path)
                if paths.count == examples { break }
            }
            let more = Set(group.warnings.compactMap(\.path)).count > paths.count ? ", …" : ""
            var line = "\(group.warnings.count) \(group.kind.title): \(paths.joined(separator: ", "))\(more)"
            if let hint { line += " (\(hint))" }
            lines.append(line)
        }
        return lines
    }
}
