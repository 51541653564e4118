import DrydockTestSupport
import DrydockVulnDB
import Foundation
import Testing

@testable import DrydockCLI

/// `db build` progress: a bar of sources loaded out of all, then the write (pure rendering, and the
/// real command with `--progress`).
struct RegScanBuildProgressTests {
    @Test(arguments: [
        (BuildProgress.Stage.loading, 0, 2, "/feeds/osv", "loading osv [>         ]   0%  0 sources / 2 sources"),
        (.loading, 1, 2, "/feeds/alpine", "loading alpine [=====>    ]  50%  1 source / 2 sources"),
        (.writing, 2, 2, "12 advisories", "writing 12 advisories [==========] 100%  2 sources / 2 sources"),
    ])
    func rendersBuildProgress(stage: BuildProgress.Stage, completed: Int, total: Int, current: String, expected: String)
    {
        let progress = BuildProgress(stage: stage, completed: completed, total: total, current: current)
        #expect(DatabaseProgress.render(progress, width: 10) == expected)
    }

    @Test("db build --progress draws one bar step per source and the write; --no-progress draws nothing")
    func buildDrawsProgress() throws {
        let sources = [try RegistryFixtures.writeSecDB().path, try DebianScenario.writeAdvisories().path]
        let directory = try PackagePaths.temporaryDirectory("regscan-build-progress")
        let output = directory.appendingPathComponent("drydock.db").path
        let drawn = try CLI.run(["db", "build", "--progress", "--output", output] + sources)
        #expect(drawn.status == 0, "\(drawn.stderr)")
        #expect(drawn.stderr.contains("0 sources / 2 sources"), "\(drawn.stderr)")
        #expect(drawn.stderr.contains("1 source / 2 sources"), "\(drawn.stderr)")
        #expect(drawn.stderr.contains("] 100%  2 sources / 2 sources"), "\(drawn.stderr)")
        #expect(drawn.stderr.contains("writing "), "\(drawn.stderr)")
        let silent = try CLI.run(["db", "build", "--no-progress", "--output", output] + sources)
        #expect(silent.status == 0, "\(silent.stderr)")
        #expect(!silent.stderr.contains("sources"), "\(silent.stderr)")
    }
}
