// Times the JSON parsers on the same files: DrydockReport's `JSONParser`, DrydockVulnDB's `JSONParser` (both
// compiled from the tree's sources with -O by Benchmarks/json-parsers) and, with --baseline REV, the report
// parser as it was at REV (module ReportJSONBaseline). Usage: json-bench RUNS FILE|@LIST... ; prints JSON.
import DrydockReport
import DrydockVulnDB
import Foundation

#if canImport(ReportJSONBaseline)
    import ReportJSONBaseline
    import VulnDBJSONBaseline
#endif

let arguments = CommandLine.arguments.dropFirst()
guard let runs = arguments.first.flatMap({ Int($0) }), runs > 0 else {
    FileHandle.standardError.write(Data("usage: json-bench RUNS FILE|@LIST...\n".utf8))
    exit(2)
}
// `@LIST` names a file holding one path per line (14k OSV files do not fit on a command line).
let paths = arguments.dropFirst().flatMap { argument -> [String] in
    guard argument.hasPrefix("@") else { return [argument] }
    let list = (try? String(contentsOfFile: String(argument.dropFirst()), encoding: .utf8)) ?? ""
    return list.split(separator: "\n").map(String.init)
}
let files = paths.map { path in [UInt8](FileManager.default.contents(atPath: path) ?? Data()) }
let bytes = files.reduce(0) { $0 + $1.count }

func monotonicSeconds() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_MONOTONIC, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
}

/// Seconds of one pass of `parse` over every file, and how many files it refused.
func measure(_ parse: ([UInt8]) -> Bool) -> (seconds: Double, failures: Int) {
    var failures = 0
    let start = monotonicSeconds()
    for file in files where !parse(file) { failures += 1 }
    return (monotonicSeconds() - start, failures)
}

var parsers: [(name: String, parse: ([UInt8]) -> Bool)] = [
    ("report_parser", { (try? DrydockReport.JSONParser.parse($0)) != nil }),
    ("vulndb_parser", { (try? DrydockVulnDB.JSONParser.parse($0)) != nil }),
]
#if canImport(ReportJSONBaseline)
    parsers.append(("report_parser_baseline", { (try? ReportJSONBaseline.JSONParser.parse($0)) != nil }))
    parsers.append(("vulndb_parser_baseline", { (try? VulnDBJSONBaseline.JSONParser.parse($0)) != nil }))
#endif

// Interleaved run by run, so load changes hit every parser alike.
var times = Array(repeating: [Double](), count: parsers.count)
var failures = Array(repeating: 0, count: parsers.count)
for _ in 0..<runs {
    for (index, parser) in parsers.enumerated() {
        let result = measure(parser.parse)
        times[index].append(result.seconds)
        failures[index] = result.failures
    }
}
let megabytes = Double(bytes) / 1_000_000
var fields = ["\"files\": \(files.count)", "\"megabytes\": \(String(format: "%.1f", megabytes))", "\"runs\": \(runs)"]
for (index, parser) in parsers.enumerated() {
    let median = times[index].sorted()[runs / 2]
    fields.append("\"\(parser.name)_s\": \(String(format: "%.4f", median))")
    fields.append("\"\(parser.name)_mb_s\": \(String(format: "%.1f", megabytes / median))")
    fields.append("\"\(parser.name)_failures\": \(failures[index])")
}
print("{" + fields.joined(separator: ", ") + "}")
