// Oracle: Swift package versions ordered by SwiftPM's own `Version` (the PackageDescription module of
// the installed toolchain). Built and run by swiftpm_version.py.
// Reads `A<TAB>B`, writes `<`, `=`, `>` or `!` when either is not a version. A leading `v` is dropped
// first, as SwiftPM does when it reads versions from git tags.
import PackageDescription

func version(_ text: Substring) -> Version? {
    Version(String(text.first == "v" ? text.dropFirst() : text))
}

var output = ""
while let line = readLine() {
    guard !line.allSatisfy({ $0 == " " || $0 == "\t" }) else { continue }
    let fields = line.split(separator: "\t", maxSplits: 1, omittingEmptySubsequences: false)
    guard fields.count == 2, let a = version(fields[0]), let b = version(fields[1]) else {
        output += "!\n"
        continue
    }
    output += a < b ? "<\n" : (b < a ? ">\n" : "=\n")
}
print(output, terminator: "")
