/// Built-in Dockerfile checks about apt, apk and package index updates.
extension DockerChecks {
    /// `apt-get install` commands (`apt-get -y install x`).
    static func aptGetInstalls(_ commands: [[String]]) -> [[String]] {
        commands.filter { $0.first == "apt-get" && CommandWords.subcommand($0) == "install" }
    }

    static let aptGetYes = run(
        .dockerfile(
            "DS-0021", names: ["use-apt-auto-confirm"], title: "'apt-get' missing '-y' to avoid manual input",
            severity: .high,
            description: "`apt-get install` asks for confirmation; without `-y` a build either hangs or aborts.",
            resolution: "Add `-y` (or `--yes`, `--assume-yes`) to `apt-get install`.",
            references: ["https://docs.docker.com/engine/reference/builder/#run"]),
        examples: CheckExamples(
            failing: ["FROM debian:12\nRUN apt-get update && apt-get install --no-install-recommends curl\n"],
            passing: [
                "FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl\n",
                "FROM debian:12\nRUN apt-get update && apt-get -qq install --no-install-recommends curl\n",
            ]),
        message: { "'-y' flag is missed: '\($0.argumentText)'" }
    ) { commands in
        aptGetInstalls(commands).contains { command in
            !command.contains { word in
                // -qq implies -y (apt-get(8)); short options may be combined (-qy).
                ["--yes", "--assume-yes", "-qq", "--quiet=2", "-q=2"].contains(word)
                    || (word.hasPrefix("-") && !word.hasPrefix("--") && word.contains("y"))
            }
        }
    }

    static let aptGetNoRecommends = run(
        .dockerfile(
            "DS-0029", names: ["use-apt-no-install-recommends"], title: "'apt-get' missing '--no-install-recommends'",
            severity: .high,
            description: "By default apt installs recommended packages too: a larger image and more code to patch.",
            resolution: "Add `--no-install-recommends` to `apt-get install`.",
            references: ["https://docs.docker.com/develop/develop-images/dockerfile_best-practices/"]),
        examples: CheckExamples(
            failing: ["FROM debian:12\nRUN apt-get update && apt-get install -y curl\n"],
            passing: [
                "FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl\n",
                "FROM debian:12\nRUN apt-get update && apt-get install -y -o APT::Install-Recommends=false curl\n",
            ]),
        message: { "'--no-install-recommends' flag is missed: '\($0.argumentText)'" }
    ) { commands in
        aptGetInstalls(commands).contains { command in
            !command.contains { word in
                word == "--no-install-recommends" || word.hasPrefix("APT::Install-Recommends=false")
                    || word.hasPrefix("APT::Install-Recommends=0")
            }
        }
    }

    static let distUpgrade = run(
        .dockerfile(
            "DS-0024", names: ["no-dist-upgrade"], title: "'apt-get dist-upgrade' used", severity: .high,
            description: "`dist-upgrade` can move the image to other major package versions than the base image's.",
            resolution: "Use a newer base image, or `apt-get upgrade` for the packages that need it.",
            deprecated: true),
        examples: CheckExamples(
            failing: ["FROM debian:12\nRUN apt-get update && apt-get dist-upgrade -y\n"],
            passing: ["FROM debian:12\nRUN apt-get update && apt-get upgrade -y\n"]),
        message: { _ in "'apt-get dist-upgrade' should not be used in Dockerfile" }
    ) { commands in
        commands.contains { $0.first == "apt-get" && CommandWords.subcommand($0) == "dist-upgrade" }
    }

    static let apkNoCache = run(
        .dockerfile(
            "DS-0025", names: ["purge-apk-package-cache"], title: "'apk add' is missing '--no-cache'", severity: .high,
            description: "`apk add` keeps the package index in the layer unless told not to.",
            resolution: "Use `apk add --no-cache` (or remove `/var/cache/apk/*` in the same `RUN`).",
            references: ["https://github.com/gliderlabs/docker-alpine/blob/master/docs/usage.md#disabling-cache"]),
        examples: CheckExamples(
            failing: ["FROM alpine:3.20\nRUN apk add curl\n", "FROM alpine:3.20\nRUN apk update && apk add -U git\n"],
            passing: [
                "FROM alpine:3.20\nRUN apk add --no-cache curl\n",
                "FROM alpine:3.20\nRUN apk add curl && rm -rf /var/cache/apk/*\n",
            ]),
        message: { "'--no-cache' is missed: \($0.argumentText)" }
    ) { commands in
        guard
            let add = commands.lastIndex(where: {
                $0.first == "apk" && CommandWords.subcommand($0) == "add" && !$0.contains("--no-cache")
            })
        else { return false }
        return !commands[(add + 1)...].contains { removes($0, "/var/cache/apk") }
    }

    static let orphanUpdate = Check.dockerfile(
        .dockerfile(
            "DS-0017", names: ["no-orphan-package-update"], title: "'RUN <package-manager> update' instruction alone",
            severity: .high,
            description: """
                A package index update in its own `RUN` is cached as a layer: later builds reuse the stale index \
                and install old package versions, or fail when the mirror has moved on.
                """,
            resolution: "Update the index and install in the same `RUN` (`apt-get update && apt-get install -y …`).",
            references: ["https://docs.docker.com/develop/develop-images/instructions/#run"]),
        examples: CheckExamples(
            failing: ["FROM debian:12\nRUN apt-get update\nRUN apt-get install -y curl\n"],
            passing: ["FROM debian:12\nRUN apt-get update && apt-get install -y curl\n"])
    ) { file, _ in
        let managers: [Set<String>] = [["apt-get", "apt"], ["yum"], ["apk"], ["dnf"], ["zypper"]]
        let updates: Set<String> = ["update", "up"]
        let installs: Set<String> = [
            "upgrade", "install", "source-install", "reinstall", "groupinstall", "localinstall", "add",
        ]
        return file.instructions("RUN").filter { run in
            let commands = run.commands.map(CommandWords.fromTool)
            return managers.contains { manager in
                let uses = { (words: Set<String>) in
                    commands.indices.filter { index in
                        guard let tool = commands[index].first, manager.contains(tool) else { return false }
                        return commands[index].dropFirst().contains { words.contains($0) }
                    }
                }
                guard let update = uses(updates).first else { return false }
                return !uses(installs).contains { $0 > update }
            }
        }.map {
            CheckFailure(
                "The instruction 'RUN <package-manager> update' should always be followed by '<package-manager> install' in the same RUN statement.",
                at: $0)
        }
    }

    static let pipeToShell = Check.dockerfile(
        .drydock(
            "DRY-DS-0001", fileTypes: [.dockerfile], title: "Remote script piped into a shell", severity: .high,
            description: """
                `curl … | sh` runs whatever the server sends at build time, unverified: a compromised or changed \
                script goes straight into the image, and the build is not reproducible. (No Trivy check covers \
                this; hadolint's DL4006 only asks for `pipefail`.)
                """,
            resolution: "Download the script or artifact, check its checksum or signature, then run it.",
            references: ["https://docs.docker.com/build/building/best-practices/#using-pipes"]),
        examples: CheckExamples(
            failing: [
                "FROM debian:12\nRUN curl -fsSL https://example.com/install.sh | sh\n",
                "FROM debian:12\nRUN bash -c \"$(wget -qO- https://example.com/install.sh)\"\n",
            ],
            passing: [
                "FROM debian:12\nRUN curl -fsSLo install.sh https://example.com/install.sh && echo \"abc  install.sh\" | sha256sum -c && sh install.sh\n"
            ])
    ) { file, _ in
        let shells: Set<String> = ["sh", "bash", "zsh", "ash", "dash", "ksh", "python", "python3", "perl", "ruby"]
        let fetchers: Set<String> = ["curl", "wget"]
        return file.instructions("RUN").filter { run in
            guard !run.isExecForm else { return false }
            return run.shellCommands.contains { command in
                let words = CommandWords.fromTool(command.words)
                guard let tool = words.first, shells.contains(tool) else { return false }
                if let source = command.pipedFrom, let fetcher = CommandWords.tool(source), fetchers.contains(fetcher) {
                    return true
                }
                return words.contains { $0.contains("$(curl") || $0.contains("$(wget") || $0.contains("`curl") }
            }
        }.map { CheckFailure("'\($0.argumentText)' runs a downloaded script without verifying it", at: $0) }
    }
}
