import DrydockFuzzTargets
import DrydockTestSupport
import Foundation
import Testing

/// Every fuzz target's seeds (up to 40 from `../shared` per target, to keep CI fast; `scripts/fuzz` takes 200) and
/// saved regression inputs, replayed in-process: no crash, and no input that takes
/// anywhere near a hang (the bound is generous; speed is measured by the benchmarks, not here).
@Suite("Fuzz replay")
struct FuzzReplayTests {
    /// `Tests/Fixtures/fuzz-seeds`: hand-written seeds for targets `../shared` has nothing for.
    static let committedSeeds = PackagePaths.root.appendingPathComponent("Tests/Fixtures/fuzz-seeds").path
    /// `Tests/Fixtures/fuzz-regressions/TARGET/…`: inputs that once crashed or hung a target.
    static let regressions = PackagePaths.root.appendingPathComponent("Tests/Fixtures/fuzz-regressions").path
    /// Far above any input's parse time in a debug build; an input past it is treated as a hang.
    static let hangBound = Duration.seconds(30)

    @Test("every target's seeds replay without a crash or a hang", arguments: FuzzTargets.all.map(\.name))
    func seeds(_ name: String) throws {
        let target = try #require(FuzzTargets.named(name))
        let seeds = FuzzTargets.seeds(
            of: target, shared: PackagePaths.shared?.path, committedSeeds: Self.committedSeeds, maximumShared: 40)
        if seeds.isEmpty && PackagePaths.shared == nil {
            print("skipped: \(name)'s seeds are in ../shared, which is absent")
            return
        }
        #expect(!seeds.isEmpty, "\(name) has no seed: add one to Tests/Fixtures/fuzz-seeds/\(name)")
        for seed in seeds {
            try Self.replay(target, seed.bytes, name: seed.name)
        }
    }

    @Test("every saved crash and hang replays without a crash or a hang")
    func savedRegressions() throws {
        let folders = (try? FileManager.default.contentsOfDirectory(atPath: Self.regressions)) ?? []
        for folder in folders.sorted() {
            let target = try #require(FuzzTargets.named(folder), "fuzz-regressions/\(folder) names no target")
            let inputs = FuzzTargets.files(below: Self.regressions + "/" + folder)
            #expect(!inputs.isEmpty)
            for input in inputs {
                let bytes = Array(
                    FileManager.default.contents(atPath: Self.regressions + "/\(folder)/\(input)") ?? Data())
                try Self.replay(target, bytes, name: "\(folder)/\(input)")
            }
        }
    }

    @Test("seed folders and regression folders name real targets")
    func folderNames() {
        for root in [Self.committedSeeds, Self.regressions] {
            for folder in (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? [] {
                #expect(FuzzTargets.named(folder) != nil, "\(root)/\(folder) names no fuzz target")
            }
        }
    }

    @Test("target names are unique")
    func uniqueNames() {
        let names = FuzzTargets.all.map(\.name)
        #expect(Set(names).count == names.count)
    }

    /// Runs one input and fails when it takes longer than `hangBound`; a rejection must say what is wrong.
    static func replay(_ target: FuzzTarget, _ bytes: [UInt8], name: String) throws {
        let start = ContinuousClock.now
        let outcome = target.run(bytes)
        let elapsed = ContinuousClock.now - start
        #expect(elapsed < hangBound, "\(target.name) took \(elapsed) on \(name)")
        if case .rejected(let message) = outcome {
            #expect(!message.isEmpty, "\(target.name) rejected \(name) without a message")
        }
    }
}
