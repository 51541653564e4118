import DrydockFuzzTargets
import Foundation

/// `drydock-fuzz`: the fuzz targets as a program.
///
/// Built normally (`swift build`), it replays inputs: `drydock-fuzz TARGET FILE|DIR...` runs each file through
/// the target and prints what the parser made of it. Built with `-sanitize=fuzzer,address -DDRYDOCK_FUZZ`
/// (`scripts/fuzz`), it is a libFuzzer binary fuzzing the target named by `DRYDOCK_FUZZ_TARGET`; every libFuzzer
/// flag works (`-max_total_time=60 CORPUS`), and a crash file given alone is replayed.
///
/// In both builds, `--list` prints the targets and `--seeds TARGET DIR` writes a target's seeds into `DIR`.
enum FuzzCommand {
    static let usage = """
        usage: drydock-fuzz --list
               drydock-fuzz --seeds TARGET DIR [--shared SHARED] [--committed SEEDS]
               drydock-fuzz TARGET FILE|DIR...
        """

    /// Handles `--list` and `--seeds`; returns `nil` for anything else.
    static func runTool(_ arguments: [String]) -> Int32? {
        switch arguments.first {
        case "--list":
            for target in FuzzTargets.all { print("\(target.name)\t\(target.summary)") }
            return 0
        case "--seeds":
            return writeSeeds(Array(arguments.dropFirst()))
        case "--help", "-h":
            print(usage)
            return 0
        default:
            return nil
        }
    }

    static func writeSeeds(_ arguments: [String]) -> Int32 {
        guard arguments.count >= 2, let target = FuzzTargets.named(arguments[0]) else {
            FileHandle.standardError.write(Data((usage + "\n").utf8))
            return 2
        }
        let directory = arguments[1]
        let shared = option("--shared", in: arguments) ?? "../shared"
        let committed = option("--committed", in: arguments) ?? "Tests/Fixtures/fuzz-seeds"
        let hasShared = FileManager.default.fileExists(atPath: shared)
        let seeds = FuzzTargets.seeds(
            of: target, shared: hasShared ? shared : nil, committedSeeds: committed)
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        for seed in seeds {
            let name = "seed-" + seed.name.map { $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" ? $0 : "_" }
            _ = FileManager.default.createFile(atPath: directory + "/" + String(name), contents: Data(seed.bytes))
        }
        print("\(target.name): \(seeds.count) seeds\(hasShared ? "" : " (\(shared) absent)")")
        return 0
    }

    static func option(_ name: String, in arguments: [String]) -> String? {
        guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return nil }
        return arguments[index + 1]
    }

    /// `TARGET FILE|DIR...`: replays every file through the target.
    static func replay(_ arguments: [String]) -> Int32 {
        guard arguments.count >= 2, let target = FuzzTargets.named(arguments[0]) else {
            FileHandle.standardError.write(Data((usage + "\n(targets: drydock-fuzz --list)\n").utf8))
            return 2
        }
        for input in arguments.dropFirst() {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: input, isDirectory: &isDirectory) else {
                FileHandle.standardError.write(Data("drydock-fuzz: \(input): no such file\n".utf8))
                return 1
            }
            let files = isDirectory.boolValue ? FuzzTargets.files(below: input).map { input + "/" + $0 } : [input]
            for file in files {
                // Unbuffered, so the input a hang or crash stopped at is the last one named.
                FileHandle.standardOutput.write(Data("\(file): ".utf8))
                let bytes = Array(FileManager.default.contents(atPath: file) ?? Data())
                let start = ContinuousClock.now
                let outcome = target.run(bytes)
                let elapsed = ContinuousClock.now - start
                FileHandle.standardOutput.write(
                    Data("\(outcome) (\(elapsed.formatted(.units(allowed: [.milliseconds]))))\n".utf8))
            }
        }
        return 0
    }
}

#if DRYDOCK_FUZZ
    /// The target `LLVMFuzzerTestOneInput` feeds, chosen once from `DRYDOCK_FUZZ_TARGET`.
    nonisolated(unsafe) var selectedTarget: FuzzTarget?

    @_cdecl("LLVMFuzzerTestOneInput")
    public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
        let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
        _ = selectedTarget?.run(bytes)
        return 0
    }

    typealias FuzzerCallback = @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt

    /// libFuzzer's driver (`compiler-rt/lib/fuzzer/FuzzerInterface.h`), run from our own `main` so the program
    /// can also answer `--list` and `--seeds`.
    @_silgen_name("LLVMFuzzerRunDriver")
    func runFuzzerDriver(
        _ argc: UnsafeMutablePointer<CInt>,
        _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
        _ callback: FuzzerCallback
    ) -> CInt

    /// The program's entry point: SwiftPM links `main` to `<module>_main`.
    @_cdecl("DrydockFuzz_main")
    func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if let status = FuzzCommand.runTool(arguments) { return status }
        let name = ProcessInfo.processInfo.environment["DRYDOCK_FUZZ_TARGET"] ?? ""
        guard let target = FuzzTargets.named(name) else {
            FileHandle.standardError.write(
                Data("drydock-fuzz: set DRYDOCK_FUZZ_TARGET to a target (drydock-fuzz --list)\n".utf8))
            return 2
        }
        selectedTarget = target
        var count = argc
        var vector = argv
        return runFuzzerDriver(&count, &vector, fuzzOneInput)
    }
#else
    @main
    struct DrydockFuzz {
        static func main() {
            let arguments = Array(CommandLine.arguments.dropFirst())
            exit(FuzzCommand.runTool(arguments) ?? FuzzCommand.replay(arguments))
        }
    }
#endif
