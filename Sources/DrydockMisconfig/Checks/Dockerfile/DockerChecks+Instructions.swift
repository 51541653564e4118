import Foundation

/// Built-in Dockerfile checks about single instructions and stages.
extension DockerChecks {
    static let addInsteadOfCopy = Check.dockerfile(
        .dockerfile(
            "DS-0005", names: ["use-copy-over-add"], title: "ADD instead of COPY", severity: .low,
            description: """
                `ADD` also fetches URLs and unpacks archives. Used for plain files it hides that behaviour from \
                readers, and a file renamed to `.tar` one day changes what the build does.
                """,
            resolution: "Use `COPY` for local files; keep `ADD` for remote sources and archives to unpack.",
            references: ["https://docs.docker.com/engine/reference/builder/#add"]),
        examples: CheckExamples(
            failing: ["FROM alpine:3.20\nADD app.py /app/\n"],
            passing: [
                "FROM alpine:3.20\nCOPY app.py /app/\n", "FROM alpine:3.20\nADD rootfs.tar.xz /\n",
                "FROM alpine:3.20\nADD https://example.com/tool.tgz /opt/\n",
            ])
    ) { file, _ in
        file.instructions("ADD").filter { add in
            let text = add.arguments.joined(separator: " ")
            let legitimate = [".tar", ".tgz", ".tbz", ".txz", "http://", "https://", "git@", "git://"]
            if legitimate.contains(where: { text.contains($0) }) { return false }
            // Image history writes ADD of a context file as `file:<hash> in /dest`.
            if let first = add.arguments.first, ["file:", "multi:", "dir:"].contains(where: { first.hasPrefix($0) }) {
                return false
            }
            return true
        }.map { add in
            let text = add.arguments.joined(separator: " ")
            return CheckFailure("Consider using 'COPY \(text)' command instead of 'ADD \(text)'", at: add)
        }
    }

    static let copyFromCurrentStage = Check.dockerfile(
        .dockerfile(
            "DS-0006", names: ["no-self-referencing-copy-from"], title: "COPY '--from' referring to the current image",
            severity: .critical,
            description:
                "A stage cannot copy from itself: `COPY --from` naming the current stage fails or copies from an image of the same name.",
            resolution: "Name another stage (or an image) in `COPY --from`.",
            references: ["https://docs.docker.com/develop/develop-images/multistage-build/"]),
        examples: CheckExamples(
            failing: ["FROM golang:1.22 AS build\nCOPY --from=build /src /src\n"],
            passing: ["FROM golang:1.22 AS build\nFROM alpine:3.20\nCOPY --from=build /app /app\n"])
    ) { file, _ in
        file.stages.flatMap { stage -> [CheckFailure] in
            guard let name = stage.name?.lowercased() else { return [] }
            return stage.instructions("COPY").compactMap { copy in
                guard let source = copy.flag("from"), source.lowercased() == name else { return nil }
                return CheckFailure(
                    "'COPY --from' should not mention current alias '\(source)' since it is impossible to copy from itself",
                    at: copy)
            }
        }
    }

    /// A check that a stage has at most one `keyword`.
    static func onePerStage(
        _ keyword: String, _ metadata: CheckMetadata, examples: CheckExamples,
        message: @escaping @Sendable (Int) -> String
    ) -> Check {
        Check.dockerfile(metadata, examples: examples) { file, _ in
            file.stages.compactMap { stage in
                let found = stage.instructions(keyword)
                guard found.count > 1 else { return nil }
                return CheckFailure(message(found.count), at: found[1])
            }
        }
    }

    static let multipleEntrypoints = onePerStage(
        "ENTRYPOINT",
        .dockerfile(
            "DS-0007", names: ["only-one-entrypoint"], title: "Multiple ENTRYPOINT instructions listed",
            severity: .critical,
            description: "Only the last `ENTRYPOINT` of a stage takes effect; the earlier ones mislead readers.",
            resolution: "Keep one `ENTRYPOINT` per stage.",
            references: ["https://docs.docker.com/engine/reference/builder/#entrypoint"]),
        examples: CheckExamples(
            failing: ["FROM alpine:3.20\nENTRYPOINT [\"a\"]\nENTRYPOINT [\"b\"]\n"],
            passing: ["FROM alpine:3.20\nENTRYPOINT [\"a\"]\nFROM alpine:3.20\nENTRYPOINT [\"b\"]\n"])
    ) { "There are \($0) duplicate ENTRYPOINT instructions" }

    static let multipleCmds = onePerStage(
        "CMD",
        .dockerfile(
            "DS-0016", names: ["only-one-cmd"], title: "Multiple CMD instructions listed", severity: .high,
            description: "Only the last `CMD` of a stage takes effect; the earlier ones mislead readers.",
            resolution: "Keep one `CMD` per stage.",
            references: ["https://docs.docker.com/engine/reference/builder/#cmd"]),
        examples: CheckExamples(
            failing: ["FROM alpine:3.20\nCMD [\"a\"]\nCMD [\"b\"]\n"],
            passing: ["FROM alpine:3.20\nCMD [\"a\"]\n"])
    ) { "There are \($0) duplicate CMD instructions" }

    static let multipleHealthchecks = onePerStage(
        "HEALTHCHECK",
        .dockerfile(
            "DS-0023", names: ["only-one-healthcheck"], title: "Multiple HEALTHCHECK defined", severity: .medium,
            description: "Only the last `HEALTHCHECK` of a stage takes effect; the earlier ones mislead readers.",
            resolution: "Keep one `HEALTHCHECK` per stage.",
            references: ["https://docs.docker.com/engine/reference/builder/#healthcheck"]),
        examples: CheckExamples(
            failing: ["FROM alpine:3.20\nHEALTHCHECK CMD true\nHEALTHCHECK CMD false\n"],
            passing: ["FROM alpine:3.20\nHEALTHCHECK CMD true\n"])
    ) { "There are \($0) duplicate HEALTHCHECK instructions in the stage" }

    static let relativeWorkdir = Check.dockerfile(
        .dockerfile(
            "DS-0009", names: ["user-absolute-workdir"], title: "WORKDIR path not absolute", severity: .high,
            description: "A relative `WORKDIR` depends on every earlier `WORKDIR`, including the base image's.",
            resolution: "Use an absolute path in `WORKDIR`.",
            references: ["https://docs.docker.com/develop/develop-images/dockerfile_best-practices/#workdir"]),
        examples: CheckExamples(
            failing: ["FROM alpine:3.20\nWORKDIR app\n"],
            passing: ["FROM alpine:3.20\nWORKDIR /app\n", "FROM alpine:3.20\nWORKDIR $HOME/app\n"])
    ) { file, _ in
        file.instructions("WORKDIR").compactMap { workdir in
            let raw = workdir.arguments.first ?? ""
            let path = raw.trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
            let characters = Array(path)
            let isWindowsAbsolute = characters.count >= 2 && characters[0].isLetter && characters[1] == ":"
            guard !(path.hasPrefix("/") || path.hasPrefix("$") || isWindowsAbsolute || path.hasPrefix("\\")) else {
                return nil
            }
            return CheckFailure("WORKDIR path '\(raw)' should be absolute", at: workdir)
        }
    }

    static let copyDestinationSlash = Check.dockerfile(
        .dockerfile(
            "DS-0011", names: ["use-slash-for-copy-args"],
            title: "COPY with more than two arguments not ending with slash",
            severity: .critical,
            description: "With several sources, `COPY`'s destination must be a folder, written with a trailing `/`.",
            resolution: "End the destination of a multi-source `COPY` with `/`.",
            references: ["https://docs.docker.com/engine/reference/builder/#copy"]),
        examples: CheckExamples(
            failing: ["FROM alpine:3.20\nCOPY a.txt b.txt /app\n"],
            passing: ["FROM alpine:3.20\nCOPY a.txt b.txt /app/\n", "FROM alpine:3.20\nCOPY a.txt /app\n"])
    ) { file, _ in
        file.instructions("COPY").compactMap { copy in
            let arguments = copy.arguments.filter { !$0.hasPrefix("--") }
            guard arguments.count > 2, let last = arguments.last, !last.hasSuffix("/") else { return nil }
            if let first = arguments.first, ["file:", "multi:"].contains(where: { first.hasPrefix($0) }),
                arguments.count == 3,
                arguments[1] == "in"
            {
                return nil
            }
            return CheckFailure("Slash is expected at the end of COPY command argument '\(last)'", at: copy)
        }
    }

    static let duplicateAliases = Check.dockerfile(
        .dockerfile(
            "DS-0012", names: ["no-duplicate-alias"], title: "Duplicate aliases defined in different FROMs",
            severity: .critical,
            description: "Two stages with the same name make `COPY --from` and `FROM` references ambiguous.",
            resolution: "Give every stage its own name.",
            references: ["https://docs.docker.com/develop/develop-images/multistage-build/"]),
        examples: CheckExamples(
            failing: ["FROM golang:1.22 AS build\nFROM node:20 AS build\n"],
            passing: ["FROM golang:1.22 AS build\nFROM node:20 AS web\n"])
    ) { file, _ in
        var failures: [CheckFailure] = []
        for (position, stage) in file.stages.enumerated() {
            guard let name = stage.name?.lowercased(), let from = stage.from else { continue }
            for later in file.stages[(position + 1)...] where later.name?.lowercased() == name {
                failures.append(CheckFailure("Duplicate aliases '\(name)' are found in different FROMs", at: from))
            }
        }
        return failures
    }

    static let systemWorkdir = Check.dockerfile(
        .dockerfile(
            "DS-0030", names: ["avoid-sys-workdir-mounts"], title: "WORKDIR should not be mounted on system dirs",
            severity: .high,
            description: "Working in `/proc`, `/boot`, `/dev`, `/initrd` or `/lost+found` writes into system folders.",
            resolution: "Choose a working folder of your own (`/app`).",
            references: ["https://docs.docker.com/develop/develop-images/dockerfile_best-practices/#workdir"]),
        examples: CheckExamples(
            failing: ["FROM alpine:3.20\nWORKDIR /proc/self\n", "FROM alpine:3.20\nWORKDIR /dev\n"],
            passing: ["FROM alpine:3.20\nWORKDIR /app\n", "FROM alpine:3.20\nWORKDIR /devtools\n"])
    ) { file, _ in
        let systemFolders = ["/proc", "/boot", "/dev", "/initrd", "/lost+found"]
        return file.instructions("WORKDIR").compactMap { workdir in
            let raw = workdir.expandedArguments.first ?? ""
            let path = raw.trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
            guard systemFolders.contains(where: { path == $0 || path.hasPrefix($0 + "/") }) else { return nil }
            return CheckFailure("WORKDIR path '\(raw)' should not mount system directories", at: workdir)
        }
    }
}
