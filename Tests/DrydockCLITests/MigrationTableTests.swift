import ArgumentParser
import DrydockTestSupport
import Foundation
import Testing

@testable import DrydockCLI

@Suite("Migration table: every Trivy flag, checked against Drydock's own flags")
struct MigrationTableTests {
    static let commands: [String: any ParsableCommand.Type] = [
        "image": ImageCommand.self, "fs": FilesystemCommand.self, "rootfs": RootfsCommand.self,
        "clean": CleanCommand.self,
    ]

    @Test("each flag the table calls supported or accepted is a flag of each Drydock command Trivy has it on")
    func acceptedFlagsExist() {
        for flag in TrivyFlag.all {
            guard let name = flag.name else { continue }
            for trivyCommand in flag.commands {
                for drydock in TrivyFlag.drydockCommands[trivyCommand] ?? [] {
                    guard let type = Self.commands[drydock] else { continue }
                    let arguments = CommandArguments(command: type, path: [drydock])
                    let accepted = arguments.argument(long: name) != nil
                    #expect(
                        accepted == flag.support.isAccepted,
                        "--\(name) on drydock \(drydock): the table says \(flag.supportText)")
                    if flag.support.isAccepted {
                        for alias in flag.aliases where arguments.argument(long: alias.name) == nil {
                            Issue.record(
                                "--\(alias.name) (Trivy's older name of --\(name)) is not accepted by \(drydock)")
                        }
                    }
                }
            }
        }
    }

    @Test("every short name of an accepted flag is Drydock's too")
    func shortNames() {
        for flag in TrivyFlag.all where flag.support.isAccepted {
            guard let name = flag.name, let short = flag.short else { continue }
            for trivyCommand in flag.commands {
                for drydock in TrivyFlag.drydockCommands[trivyCommand] ?? [] {
                    guard let type = Self.commands[drydock] else { continue }
                    let argument = CommandArguments(command: type, path: [drydock]).argument(long: name)
                    #expect(argument?.shortNames.contains(short) == true, "-\(short) for --\(name) on \(drydock)")
                }
            }
        }
    }

    @Test("every config key is listed once")
    func uniqueKeys() {
        let keys = TrivyFlag.all.map(\.configKey)
        #expect(Set(keys).count == keys.count)
    }

    @Test("docs/migrating-from-trivy.md holds the table as the code generates it")
    func documentation() throws {
        let path = PackagePaths.root.appendingPathComponent("docs/migrating-from-trivy.md")
        let text = try String(contentsOf: path, encoding: .utf8)
        let begin = "<!-- BEGIN GENERATED: flag table -->\n"
        let end = "<!-- END GENERATED: flag table -->"
        let generated = TrivyFlag.migrationTable()
        guard let start = text.range(of: begin), let stop = text.range(of: end) else {
            Issue.record("docs/migrating-from-trivy.md has no generated-table markers")
            return
        }
        let current = String(text[start.upperBound..<stop.lowerBound])
        if current != generated, ProcessInfo.processInfo.environment["DRYDOCK_UPDATE_DOCS"] == "1" {
            let updated = String(text[..<start.upperBound]) + generated + String(text[stop.lowerBound...])
            try Data(updated.utf8).write(to: path)
            return
        }
        #expect(
            current == generated,
            "the table in docs/migrating-from-trivy.md is stale: run DRYDOCK_UPDATE_DOCS=1 swift test --filter MigrationTableTests"
        )
    }
}
