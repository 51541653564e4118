import ArgumentParser
import DrydockVulnDB
import Foundation
import Glibc
import Synchronization

/// Progress bars on standard error for DB downloads (feeds, pulled DB bundles) and builds.
///
/// Bars are drawn only when standard error is a terminal and `CI` is unset; `--quiet` and
/// `--no-progress` silence them, `--progress` forces them (a log then gets carriage returns).
/// The decision and the drawing are pure functions; ``DatabaseProgressLine`` only writes.
enum DatabaseProgress {
    /// Whether to draw bars.
    static func isEnabled(
        quiet: Bool, progress: Bool, noProgress: Bool, stderrIsTerminal: Bool, environment: [String: String]
    ) -> Bool {
        if quiet || noProgress { return false }
        if progress { return true }
        let ci = environment["CI"].map { !$0.isEmpty && $0.lowercased() != "false" && $0 != "0" } ?? false
        return stderrIsTerminal && !ci
    }

    /// Whether to draw bars in this process, from the flags, the terminal and the environment.
    static func isEnabled(quiet: Bool, progress: Bool, noProgress: Bool) -> Bool {
        isEnabled(
            quiet: quiet, progress: progress, noProgress: noProgress, stderrIsTerminal: isatty(2) == 1,
            environment: ProcessInfo.processInfo.environment)
    }

    /// One bar: `PyPI/all.zip [=========>          ]  45%  1.2 MB / 2.7 MB`; without a known total,
    /// `PyPI/all.zip  1.2 MB`. `width` is the number of cells between the brackets.
    /// `amount` formats the counts (bytes by default; ``formatCount(_:)`` for sources or records).
    static func render(
        label: String, done: Int64, total: Int64?, width: Int = 30, amount: (Int64) -> String = formatBytes
    ) -> String {
        guard let total, total > 0 else { return "\(label)  \(amount(done))" }
        let fraction = min(1, max(0, Double(done) / Double(total)))
        let filled = Int(fraction * Double(width))
        let bar: String
        if filled >= width {
            bar = String(repeating: "=", count: width)
        } else {
            bar = String(repeating: "=", count: filled) + ">" + String(repeating: " ", count: width - filled - 1)
        }
        let percent = String(Int(fraction * 100))
        let padded = String(repeating: " ", count: max(0, 3 - percent.count)) + percent
        return "\(label) [\(bar)] \(padded)%  \(amount(done)) / \(amount(total))"
    }

    /// A plain count: `3`, `1204`.
    static func formatCount(_ count: Int64) -> String {
        String(count)
    }

    /// The bar for a DB build: sources loaded out of all, labelled with the stage.
    static func render(_ progress: BuildProgress, width: Int = 30) -> String {
        let label =
            switch progress.stage {
            case .loading: "loading \((progress.current as NSString).lastPathComponent)"
            case .writing: "writing \(progress.current)"
            }
        return render(
            label: label, done: Int64(progress.completed), total: Int64(progress.total), width: width,
            amount: { "\($0) source\($0 == 1 ? "" : "s")" })
    }

    /// `512 B`, `1.2 KB`, `34.0 MB`, `1.5 GB` (powers of 1024).
    static func formatBytes(_ bytes: Int64) -> String {
        if bytes < 1024 { return "\(bytes) B" }
        let units = ["KB", "MB", "GB", "TB"]
        var value = Double(bytes) / 1024
        var unit = 0
        while value >= 1024 && unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        return String(format: "%.1f %@", value, units[unit])
    }

    /// The label for a feed URL: its last two path components (`PyPI/all.zip`).
    static func label(for url: URL) -> String {
        url.pathComponents.suffix(2).joined(separator: "/")
    }
}

/// `--quiet`, `--progress` and `--no-progress` of the `db` commands that download.
struct DatabaseProgressOptions: ParsableArguments {
    @Flag(name: [.customShort("q"), .long], help: "Print no progress or warnings.")
    var quiet = false

    @Flag(name: .long, help: "Draw progress bars even when standard error is not a terminal or CI is set.")
    var progress = false

    @Flag(name: .long, help: "Draw no progress bars.")
    var noProgress = false

    /// Whether to draw bars in this process.
    var bars: Bool { DatabaseProgress.isEnabled(quiet: quiet, progress: progress, noProgress: noProgress) }
}

/// One progress line on standard error, redrawn in place at most ten times a second.
final class DatabaseProgressLine: Sendable {
    private struct State {
        var lastDraw = Date.distantPast
        var drawn = false
    }

    private let state = Mutex(State())

    /// Redraws the line with a DB build's progress; reports are few (one per source), so each is drawn.
    func update(_ progress: BuildProgress) {
        state.withLock { state in
            state.lastDraw = Date()
            state.drawn = true
        }
        Self.write("\r" + DatabaseProgress.render(progress) + "\u{1B}[K")
    }

    /// Redraws the line with `label`'s progress (`force` skips the rate limit).
    func update(label: String, done: Int64, total: Int64?, force: Bool = false) {
        let now = Date()
        let draw = state.withLock { state -> Bool in
            guard force || now.timeIntervalSince(state.lastDraw) >= 0.1 || done == total else { return false }
            state.lastDraw = now
            state.drawn = true
            return true
        }
        if draw {
            Self.write("\r" + DatabaseProgress.render(label: label, done: done, total: total) + "\u{1B}[K")
        }
    }

    /// Shows a one-line status (`building the DB…`) in place of a bar.
    func status(_ text: String) {
        state.withLock { $0.drawn = true }
        Self.write("\r" + text + "\u{1B}[K")
    }

    /// Ends the line, if anything was drawn.
    func finish() {
        let drawn = state.withLock { state -> Bool in
            defer { state.drawn = false }
            return state.drawn
        }
        if drawn { Self.write("\r\u{1B}[K") }
    }

    private static func write(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { Glibc.write(2, $0.baseAddress, $0.count) }
    }
}
