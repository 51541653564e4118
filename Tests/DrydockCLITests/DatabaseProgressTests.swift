import Foundation
import Testing

@testable import DrydockCLI

/// Progress bars: when they are drawn, and what they look like (pure; no terminal needed).
struct DatabaseProgressTests {
    @Test(arguments: [
        // quiet, --progress, --no-progress, stderr is a terminal, CI, expected
        (false, false, false, true, nil as String?, true),
        (false, false, false, false, nil, false),
        (false, false, false, true, "true", false),
        (false, false, false, true, "false", true),
        (false, true, false, false, "true", true),
        (false, false, true, true, nil, false),
        (true, true, false, true, nil, false),
    ])
    func enabled(quiet: Bool, progress: Bool, noProgress: Bool, terminal: Bool, ci: String?, expected: Bool) {
        var environment: [String: String] = [:]
        if let ci { environment["CI"] = ci }
        #expect(
            DatabaseProgress.isEnabled(
                quiet: quiet, progress: progress, noProgress: noProgress, stderrIsTerminal: terminal,
                environment: environment) == expected)
    }

    @Test(arguments: [
        (0 as Int64, 2048 as Int64?, "all.zip [>         ]   0%  0 B / 2.0 KB"),
        (1024, 2048, "all.zip [=====>    ]  50%  1.0 KB / 2.0 KB"),
        (2048, 2048, "all.zip [==========] 100%  2.0 KB / 2.0 KB"),
        (5000, 2048, "all.zip [==========] 100%  4.9 KB / 2.0 KB"),
        (3 * 1024 * 1024, nil, "all.zip  3.0 MB"),
        (512, 0, "all.zip  512 B"),
    ])
    func render(done: Int64, total: Int64?, expected: String) {
        #expect(DatabaseProgress.render(label: "all.zip", done: done, total: total, width: 10) == expected)
    }

    @Test func formatsBytesAndLabels() throws {
        #expect(DatabaseProgress.formatBytes(1536 * 1024 * 1024) == "1.5 GB")
        let url = try #require(URL(string: "https://osv.example/PyPI/all.zip"))
        #expect(DatabaseProgress.label(for: url) == "PyPI/all.zip")
    }
}
