import DrydockTestSupport
import Foundation
import Testing

/// Go reachability end to end: a program built here with the installed Go toolchain calls one function of a
/// (vendored) module and not another; a DB of made-up OSV records names the called function, the uncalled one,
/// and no function at all. The scan reports each finding's reachability from the binary's function table, the
/// table marks the unreachable one, and policy rules on `reachability` decide them — none is dropped.
@Suite(.enabled(if: ProcessRunner.which("go") != nil, "go is not installed: the Go program cannot be built"))
struct GoReachabilityScanTests {
    static let module = "example.com/vulnlib"

    static let library = """
        package vulnlib

        //go:noinline
        func Used(n int) int { return n * 3 }

        //go:noinline
        func Unused(n int) int { return n * 5 }
        """

    static let program = """
        package main

        import (
            "fmt"
            "os"

            "example.com/vulnlib"
        )

        func main() { fmt.Println(vulnlib.Used(len(os.Args))) }
        """

    /// A root filesystem holding the program at `usr/local/bin/app`. The module is vendored, so the build needs
    /// no network and the build information still records `example.com/vulnlib v1.0.0`.
    static func rootfs() throws -> URL {
        let work = try PackagePaths.temporaryDirectory("go-reach")
        let source = work.appendingPathComponent("src")
        let files = [
            "go.mod": "module example.com/app\n\ngo 1.18\n\nrequire \(module) v1.0.0\n",
            "main.go": program,
            "vendor/modules.txt": "# \(module) v1.0.0\n## explicit\n\(module)\n",
            "vendor/\(module)/go.mod": "module \(module)\n\ngo 1.18\n",
            "vendor/\(module)/lib.go": library,
        ]
        for (path, content) in files {
            let url = source.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try content.write(to: url, atomically: true, encoding: .utf8)
        }
        let root = work.appendingPathComponent("rootfs")
        let bin = root.appendingPathComponent("usr/local/bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        let environment = [
            "GOCACHE=\(work.path)/cache", "GOPATH=\(work.path)/gopath", "GOFLAGS=-mod=vendor", "GOPROXY=off",
            "GOTOOLCHAIN=local", "CGO_ENABLED=0", "HOME=\(work.path)", "PATH=\(path)",
        ]
        let build = try ProcessRunner.run(
            "/usr/bin/env", ["-i"] + environment + ["go", "build", "-o", bin.appendingPathComponent("app").path, "."],
            directory: source)
        guard build.status == 0 else { throw CLI.ProcessFailure(description: "go build failed: \(build.stderr)") }
        return root
    }

    /// One OSV record for the module, fixed in 1.1.0, naming `imports` (`nil`: no `ecosystem_specific`).
    static func record(_ id: String, symbols: [String]?) -> [String: Any] {
        var affected: [String: Any] = [
            "package": ["ecosystem": "Go", "name": module],
            "ranges": [["type": "SEMVER", "events": [["introduced": "0"], ["fixed": "1.1.0"]]]],
        ]
        if let symbols { affected["ecosystem_specific"] = ["imports": [["path": module, "symbols": symbols]]] }
        return [
            "schema_version": "1.6.0", "id": id, "modified": "2024-01-02T03:04:05Z", "summary": "vulnlib: \(id)",
            "database_specific": ["severity": "HIGH"], "affected": [affected],
        ]
    }

    static func database() throws -> String {
        let folder = try PackagePaths.temporaryDirectory("go-reach-osv")
        let records = [
            record("GO-2099-0101", symbols: ["Used"]),
            record("GO-2099-0102", symbols: ["Unused", "Missing.Method"]),
            record("GO-2099-0103", symbols: nil),
        ]
        for item in records {
            try JSONSerialization.data(withJSONObject: item, options: [.sortedKeys]).write(
                to: folder.appendingPathComponent("\(item["id"] as? String ?? "x").json"))
        }
        return try CLI.buildDatabase([folder.path])
    }

    static let policy = """
        apiVersion: drydock/v1
        defaultAction: fail
        rules:
          - name: unreachable-go
            description: the vulnerable functions are not in the binary
            action: warn
            when:
              reachability: not-reachable
          - name: unknown-go
            action: warn
            when:
              reachability: unknown
          - name: reachable-go
            action: fail
            when:
              reachability: reachable
        """

    /// The vulnerabilities of the report's `gobinary` result, by ID.
    static func findings(_ report: [String: Any], key: String = "Vulnerabilities") -> [String: [String: Any]] {
        let results = (report["Results"] as? [[String: Any]] ?? []).filter { $0["Type"] as? String == "gobinary" }
        var byID: [String: [String: Any]] = [:]
        for result in results {
            for item in result[key] as? [[String: Any]] ?? [] {
                let finding = item["Finding"] as? [String: Any] ?? item
                byID[finding["VulnerabilityID"] as? String ?? ""] = finding
            }
        }
        return byID
    }

    @Test func reachabilityIsReportedAndDecidedByPolicy() throws {
        let root = try Self.rootfs()
        let database = try Self.database()
        let policyFile = root.deletingLastPathComponent().appendingPathComponent("policy.yaml")
        try Self.policy.write(to: policyFile, atomically: true, encoding: .utf8)
        let result = try CLI.run([
            "rootfs", root.path, "--db", database, "--skip-db-update", "--format", "json", "--policy", policyFile.path,
        ])
        // The reachable finding fails the gate.
        #expect(result.status == 1, "\(result.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any])
        let findings = Self.findings(report)
        #expect(findings.keys.sorted() == ["GO-2099-0101", "GO-2099-0102", "GO-2099-0103"])

        let reachable = findings["GO-2099-0101"]?["Reachability"] as? [String: Any]
        #expect(reachable?["Reachable"] as? Bool == true)
        #expect(reachable?["Symbols"] as? [String] == ["\(Self.module).Used"])
        let unreachable = findings["GO-2099-0102"]?["Reachability"] as? [String: Any]
        #expect(unreachable?["Reachable"] as? Bool == false)
        #expect(unreachable?["Symbols"] as? [String] == ["\(Self.module).Unused", "\(Self.module).Missing.Method"])
        // An advisory that names no function: unknown, so no field, and still reported.
        #expect(findings["GO-2099-0103"] != nil)
        #expect(findings["GO-2099-0103"]?["Reachability"] == nil)

        func decision(_ id: String) -> String {
            let value = findings[id]?["Decision"] as? [String: Any] ?? [:]
            return "\(value["Action"] as? String ?? "") \(value["Rule"] as? String ?? "")"
        }
        #expect(decision("GO-2099-0101") == "fail reachable-go")
        #expect(decision("GO-2099-0102") == "warn unreachable-go")
        #expect(decision("GO-2099-0103") == "warn unknown-go")
    }

    @Test func anIgnoredUnreachableFindingIsSetAsideNotDroppedAndTheTableMarksIt() throws {
        let root = try Self.rootfs()
        let database = try Self.database()
        let policyFile = root.deletingLastPathComponent().appendingPathComponent("policy.yaml")
        try """
        apiVersion: drydock/v1
        defaultAction: warn
        rules:
          - name: unreachable-go
            action: ignore
            when:
              reachability: not-reachable
        """.write(to: policyFile, atomically: true, encoding: .utf8)
        let json = try CLI.run([
            "rootfs", root.path, "--db", database, "--skip-db-update", "--format", "json", "--policy", policyFile.path,
        ])
        #expect(json.status == 0, "\(json.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: json.stdout) as? [String: Any])
        #expect(Self.findings(report).keys.sorted() == ["GO-2099-0101", "GO-2099-0103"])
        let setAside = Self.findings(report, key: "ExperimentalModifiedFindings")
        #expect(setAside.keys.sorted() == ["GO-2099-0102"])
        #expect((setAside["GO-2099-0102"]?["Reachability"] as? [String: Any])?["Reachable"] as? Bool == false)

        let table = try CLI.run(["rootfs", root.path, "--db", database, "--skip-db-update", "--format", "table"])
        #expect(table.status == 0, "\(table.stderr)")
        let lines = table.output.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.contains("(not reachable)") })
        #expect(table.output.contains("(not reachable): 1 finding(s) whose vulnerable functions"))
        // In the table, the marker sits under the unreachable ID only.
        let marked = lines.indices.filter { lines[$0].contains("(not reachable)") && lines[$0].contains("│") }
        #expect(marked.count == 1)
        if let index = marked.first { #expect(lines[index - 1].contains("GO-2099-0102")) }
    }
}
