/// Built-in Dockerfile checks about `RUN` commands, read as shell commands (not as text): a tool is found
/// after `&&`, `;`, `|`, inside `$(…)` and here-documents, with its options anywhere.
extension DockerChecks {
    /// A check reporting each `RUN` for which `fails` holds of its commands.
    static func run(
        _ metadata: CheckMetadata, examples: CheckExamples,
        message: @escaping @Sendable (DockerInstruction) -> String,
        fails: @escaping @Sendable ([[String]]) -> Bool
    ) -> Check {
        Check.dockerfile(metadata, examples: examples) { file, _ in
            file.instructions("RUN").filter { fails($0.commands.map(CommandWords.fromTool)) }.map {
                CheckFailure(message($0), at: $0)
            }
        }
    }

    static let sudo = Check.dockerfile(
        .dockerfile(
            "DS-0010", names: ["no-sudo-run"], title: "RUN using 'sudo'", severity: .critical,
            description: """
                Build steps already run as the image's current user; `sudo` in a Dockerfile means the image ships \
                sudo and a user allowed to become root, which undoes a non-root `USER`.
                """,
            resolution: "Run the step as root before switching `USER`, and do not install sudo.",
            references: ["https://docs.docker.com/engine/reference/builder/#run"]),
        examples: CheckExamples(
            failing: [
                "FROM alpine:3.20\nRUN sudo apk add curl\n", "FROM alpine:3.20\nRUN make && sudo make install\n",
            ],
            passing: ["FROM alpine:3.20\nRUN apk add --no-cache curl\n"])
    ) { file, _ in
        file.instructions("RUN").filter { run in
            run.commands.contains { $0.first.map { $0 == "sudo" || $0.hasSuffix("/sudo") } ?? false }
        }.map { CheckFailure("Using 'sudo' in Dockerfile should be avoided", at: $0) }
    }

    static let cdInRun = run(
        .dockerfile(
            "DS-0013", names: ["use-workdir-over-cd"], title: "'RUN cd ...' to change directory", severity: .medium,
            description: "`cd` in a `RUN` lasts for that step only; later steps silently run elsewhere.",
            resolution: "Use `WORKDIR` to change folder.",
            references: ["https://docs.docker.com/develop/develop-images/dockerfile_best-practices/#workdir"]),
        examples: CheckExamples(
            failing: ["FROM alpine:3.20\nRUN cd /app && make\n"],
            passing: ["FROM alpine:3.20\nWORKDIR /app\nRUN make\n"]),
        message: {
            "RUN should not be used to change directory: '\($0.argumentText)'. Use 'WORKDIR' statement instead."
        }
    ) { commands in
        commands.contains { $0.first == "cd" }
    }

    static let curlAndWget = Check.dockerfile(
        .dockerfile(
            "DS-0014", names: ["standardise-remote-get"], title: "RUN using 'wget' and 'curl'", severity: .low,
            description:
                "Using both `curl` and `wget` in one stage means two download tools to install and keep patched.",
            resolution: "Use one of them throughout the stage.",
            references: ["https://docs.docker.com/develop/develop-images/dockerfile_best-practices/#run"]),
        examples: CheckExamples(
            failing: ["FROM debian:12\nRUN curl -fsSLO https://example.com/a\nRUN wget https://example.com/b\n"],
            passing: ["FROM debian:12\nRUN curl -fsSLO https://example.com/a && curl -fsSLO https://example.com/b\n"])
    ) { file, _ in
        file.stages.compactMap { stage in
            let runs = stage.instructions("RUN")
            let uses = { (tool: String) in runs.filter { $0.commands.contains { CommandWords.tool($0) == tool } } }
            let wget = uses("wget")
            guard let first = wget.first, !uses("curl").isEmpty else { return nil }
            return CheckFailure("Shouldn't use both curl and wget", at: first)
        }
    }

    /// Whether `commands` has a `tool` command with one of `subcommands` that no later `cleaned` command
    /// follows.
    static func installedWithoutCleaning(
        _ commands: [[String]], tool: Set<String>, subcommands: Set<String>, cleaned: ([String]) -> Bool
    ) -> Bool {
        guard
            let install = commands.lastIndex(where: { command in
                guard let name = command.first, tool.contains(name) else { return false }
                return CommandWords.operands(command).dropFirst().contains { subcommands.contains($0) }
            })
        else { return false }
        return !commands[(install + 1)...].contains(where: cleaned)
    }

    /// Whether `command` removes `folder` (`rm -rf /var/cache/yum`).
    static func removes(_ command: [String], _ folder: String) -> Bool {
        command.first == "rm" && command.contains { $0.hasPrefix(folder) }
    }

    static let yumClean = run(
        .dockerfile(
            "DS-0015", names: ["purge-yum-package-cache"], title: "'yum clean all' missing", severity: .high,
            description:
                "yum's package cache stays in the layer after `yum install`, making the image larger for nothing.",
            resolution: "End the `RUN` with `yum clean all` after the last `yum install`.",
            references: ["https://docs.docker.com/develop/develop-images/dockerfile_best-practices/#run"]),
        examples: CheckExamples(
            failing: ["FROM centos:7\nRUN yum install -y httpd\n"],
            passing: ["FROM centos:7\nRUN yum install -y httpd && yum clean all\n"]),
        message: { "'yum clean all' is missed: \($0.argumentText)" }
    ) { commands in
        installedWithoutCleaning(commands, tool: ["yum"], subcommands: ["install", "groupinstall", "localinstall"]) {
            ($0.first == "yum" && $0.contains("clean") && $0.contains("all")) || removes($0, "/var/cache/yum")
        }
    }

    static let dnfClean = run(
        .dockerfile(
            "DS-0019", names: ["purge-dnf-package-cache"], title: "'dnf clean all' missing", severity: .high,
            description:
                "dnf's package cache stays in the layer after `dnf install`, making the image larger for nothing.",
            resolution: "End the `RUN` with `dnf clean all` after the last `dnf install`.",
            references: ["https://docs.docker.com/develop/develop-images/dockerfile_best-practices/"]),
        examples: CheckExamples(
            failing: ["FROM fedora:40\nRUN dnf install -y vim\n"],
            passing: ["FROM fedora:40\nRUN dnf install -y vim && dnf clean all\n"]),
        message: { "'dnf clean all' is missed: \($0.argumentText)" }
    ) { commands in
        installedWithoutCleaning(
            commands, tool: ["dnf", "dnf5"],
            subcommands: ["install", "in", "reinstall", "rei", "install-n", "install-na", "install-nevra"]
        ) {
            ($0.first == "dnf" || $0.first == "dnf5") && $0.contains("clean") && $0.contains("all")
                || removes($0, "/var/cache/dnf")
        }
    }

    static let microdnfClean = run(
        .dockerfile(
            "DS-0027", names: ["purge-microdnf-package-cache"], title: "'microdnf clean all' missing", severity: .high,
            description: "microdnf's package cache stays in the layer after `microdnf install`.",
            resolution: "End the `RUN` with `microdnf clean all` after the last `microdnf install`.",
            references: ["https://docs.docker.com/develop/develop-images/dockerfile_best-practices/"]),
        examples: CheckExamples(
            failing: ["FROM registry.access.redhat.com/ubi9/ubi-minimal:9.4\nRUN microdnf install -y tar\n"],
            passing: [
                "FROM registry.access.redhat.com/ubi9/ubi-minimal:9.4\nRUN microdnf install -y tar && microdnf clean all\n"
            ]),
        message: { "'microdnf clean all' is missed: \($0.argumentText)" }
    ) { commands in
        installedWithoutCleaning(commands, tool: ["microdnf"], subcommands: ["install", "reinstall"]) {
            $0.first == "microdnf" && $0.contains("clean") && $0.contains("all")
        }
    }

    static let zypperClean = run(
        .dockerfile(
            "DS-0020", names: ["purge-zipper-cache"], title: "'zypper clean' missing", severity: .high,
            description: "zypper's package cache stays in the layer after installing or patching.",
            resolution: "End the `RUN` with `zypper clean` after the last `zypper install`.",
            references: ["https://docs.docker.com/develop/develop-images/dockerfile_best-practices/#run"]),
        examples: CheckExamples(
            failing: ["FROM opensuse/leap:15.6\nRUN zypper install -y curl\n"],
            passing: ["FROM opensuse/leap:15.6\nRUN zypper install -y curl && zypper clean\n"]),
        message: { "'zypper clean' is missed: '\($0.argumentText)'" }
    ) { commands in
        installedWithoutCleaning(
            commands, tool: ["zypper"], subcommands: ["install", "in", "remove", "rm", "source-install", "si", "patch"]
        ) { $0.first == "zypper" && ($0.contains("clean") || $0.contains("cc")) }
    }
}
