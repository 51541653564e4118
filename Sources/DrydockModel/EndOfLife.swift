import Foundation

/// The published support dates of one distribution release.
///
/// Dates are `YYYY-MM-DD` strings (UTC days), compared as text: the day the vendor gives as the end, from
/// which on the release counts as out of that support. A vendor that publishes only a month is recorded
/// at the last day of that month, so a release is never flagged early.
public struct ReleaseLifecycle: Sendable, Hashable, Codable {
    /// The os-release `ID` (`alpine`, `debian`, `ubuntu`, `rhel`, `amzn`, `sles`, …).
    public var id: String
    /// The release as the table keys it (`3.10`, `12`, `22.04`, `15.5`).
    public var release: String
    /// End of the vendor's standard (free, regular) security support.
    public var standardEnd: String
    /// End of an extended programme (Debian LTS, Ubuntu Pro ESM, SUSE LTSS, Red Hat ELS), if any.
    public var extendedEnd: String?
    /// The extended programme's name (`Debian LTS`, `Ubuntu Pro (ESM)`).
    public var extendedProgram: String?
    /// Whether the extended programme's fixes need a subscription (ESM, LTSS, ELS) or reach every user
    /// of the release's normal archive (Debian LTS).
    public var extendedNeedsSubscription: Bool

    /// Creates an entry.
    public init(
        id: String, release: String, standardEnd: String, extendedEnd: String? = nil, extendedProgram: String? = nil,
        extendedNeedsSubscription: Bool = true
    ) {
        self.id = id
        self.release = release
        self.standardEnd = standardEnd
        self.extendedEnd = extendedEnd
        self.extendedProgram = extendedProgram
        self.extendedNeedsSubscription = extendedNeedsSubscription
    }

    /// The day from which the release gets no fixes at all: the extended end when there is one.
    public var finalEnd: String { extendedEnd ?? standardEnd }
}

/// Where a release stands on a given day.
public enum SupportPhase: String, Sendable, Hashable, Codable {
    /// Within standard security support.
    case standard
    /// Standard support ended; an extended programme still publishes fixes.
    case extended
    /// No more fixes from the vendor.
    case endOfLife = "end-of-life"
}

/// A release's lifecycle and its phase on the day of the scan.
public struct ReleaseSupport: Sendable, Hashable, Codable {
    /// The table entry that matched.
    public var lifecycle: ReleaseLifecycle
    /// The phase on `day`.
    public var phase: SupportPhase
    /// The day it was judged on (`YYYY-MM-DD`, UTC).
    public var day: String

    /// Creates a judgement.
    public init(lifecycle: ReleaseLifecycle, phase: SupportPhase, day: String) {
        self.lifecycle = lifecycle
        self.phase = phase
        self.day = day
    }

    /// Trivy's `EOSL`: no more fixes from the vendor.
    public var isEndOfLife: Bool { phase == .endOfLife }

    /// `alpine 3.10`.
    public var releaseName: String { "\(lifecycle.id) \(lifecycle.release)" }

    /// One sentence for reports: `alpine 3.10 is end of life since 2021-05-01: its packages get no more
    /// fixes`; `nil` during standard support.
    public var summary: String? {
        switch phase {
        case .standard:
            return nil
        case .endOfLife:
            return "\(releaseName) is end of life since \(lifecycle.finalEnd): its packages get no more fixes"
        case .extended:
            let program = lifecycle.extendedProgram ?? "extended support"
            let who = lifecycle.extendedNeedsSubscription ? " only with \(program)" : " through \(program)"
            return "\(releaseName) standard support ended \(lifecycle.standardEnd): fixes come\(who) "
                + "until \(lifecycle.finalEnd)"
        }
    }
}

/// Looks releases up in a lifecycle table.
public struct EndOfLifeTable: Sendable, Hashable {
    /// The entries, keyed by `id` then release.
    private let entries: [String: [String: ReleaseLifecycle]]
    /// When the table's data was last checked against the vendors' pages (`YYYY-MM-DD`).
    public let checked: String

    /// Creates a table from `lifecycles`; a later entry for the same ID and release wins.
    public init(_ lifecycles: [ReleaseLifecycle], checked: String) {
        var entries: [String: [String: ReleaseLifecycle]] = [:]
        for lifecycle in lifecycles { entries[lifecycle.id, default: [:]][lifecycle.release] = lifecycle }
        self.entries = entries
        self.checked = checked
    }

    /// The entry for os-release `id` and `version`: the longest leading run of dot-separated components
    /// the table knows (`3.10.4` → `3.10`, `12.5` → `12`, `15.5` → `15.5`); `nil` for unknown releases,
    /// rolling ones (`edge`, Tumbleweed, Wolfi) and testing (`bookworm/sid`).
    public func lifecycle(id: String, version: String) -> ReleaseLifecycle? {
        guard let releases = entries[id.lowercased()] else { return nil }
        var components = version.split(separator: ".", omittingEmptySubsequences: false)
        while !components.isEmpty {
            if let found = releases[components.joined(separator: ".")] { return found }
            components.removeLast()
        }
        return nil
    }

    /// The support of `os`'s release on `date` (UTC day); `nil` when the table does not know the release.
    public func support(of os: OperatingSystem, on date: Date) -> ReleaseSupport? {
        let id = os.id ?? os.family.rawValue
        guard let lifecycle = lifecycle(id: id, version: os.version) else { return nil }
        let day = Self.day(date)
        let phase: SupportPhase =
            day < lifecycle.standardEnd ? .standard : day < lifecycle.finalEnd ? .extended : .endOfLife
        return ReleaseSupport(lifecycle: lifecycle, phase: phase, day: day)
    }

    /// `YYYY-MM-DD` of `date` in UTC.
    public static func day(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        func pad(_ value: Int?, _ width: Int) -> String {
            let text = String(value ?? 0)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(parts.year, 4))-\(pad(parts.month, 2))-\(pad(parts.day, 2))"
    }
}
