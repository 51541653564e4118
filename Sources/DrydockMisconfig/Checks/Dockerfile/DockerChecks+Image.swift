/// Built-in Dockerfile checks about the image as a whole: base image tag, user, ports, health check.
extension DockerChecks {
    static let latestTag = Check.dockerfile(
        .dockerfile(
            "DS-0001", names: ["use-specific-tags"], title: "':latest' tag used", severity: .medium,
            description: """
                A base image without a tag, or tagged `latest`, is whatever the registry serves on the day of the \
                build: two builds of the same Dockerfile can produce different images, and a broken or hostile \
                upstream release is picked up silently.
                """,
            resolution: "Pin the base image to a version tag (`FROM alpine:3.20`) or, better, a digest."),
        examples: CheckExamples(
            failing: ["FROM alpine:latest\nUSER app\n", "FROM ubuntu\nUSER app\n"],
            passing: [
                "FROM alpine:3.20\nUSER app\n", "FROM golang:1.22 AS build\nFROM build\nUSER app\n",
                "ARG VERSION=3.20\nFROM alpine:${VERSION}\n", "FROM scratch\n",
            ])
    ) { file, _ in
        var failures: [CheckFailure] = []
        var earlierNames: Set<String> = []
        for stage in file.stages {
            defer { if let name = stage.name { earlierNames.insert(name.lowercased()) } }
            guard let from = stage.from else { continue }
            // Build arguments are substituted with their defaults; one without default leaves an empty
            // part, decided at build time (`FROM alpine:${TAG}` is not reported).
            let image = stage.baseImage
            guard !image.isEmpty, image != "scratch", !earlierNames.contains(image.lowercased()) else { continue }
            let reference = ImageReferenceParts(image)
            guard reference.digest == nil, reference.tag == nil || reference.tag == "latest" else { continue }
            failures.append(
                CheckFailure("Specify a tag in the 'FROM' statement for image '\(reference.name)'", at: from))
        }
        return failures
    }

    static let rootUser = Check.dockerfile(
        .dockerfile(
            "DS-0002", names: ["least-privilege-user"], title: "Image user should not be 'root'", severity: .high,
            description: """
                Without a `USER` instruction the container's processes run as root. A root process that breaks \
                out of the application has the container's full privileges, and every kernel or runtime flaw is \
                one step closer to the host.
                """,
            resolution: "Add a `USER` instruction with a non-root user (name or UID) to the final stage.",
            references: ["https://docs.docker.com/develop/develop-images/dockerfile_best-practices/"]),
        examples: CheckExamples(
            failing: ["FROM alpine:3.20\nRUN echo hi\n", "FROM alpine:3.20\nUSER app\nUSER root\n"],
            passing: ["FROM alpine:3.20\nUSER 10001\n", "FROM alpine:3.20 AS base\nUSER app\nFROM base\nRUN ls\n"])
    ) { file, _ in
        // Only the final image's user matters: a USER in a build stage that is not its base does not.
        let users = file.finalImageInstructions.filter { $0.keyword == "USER" }
        guard let last = users.last else {
            return [
                CheckFailure("Specify at least 1 USER command in Dockerfile with non-root user as argument", range: nil)
            ]
        }
        let user = (last.expandedArguments.first ?? "").split(separator: ":").first.map(String.init) ?? ""
        if user == "root" || user == "0" {
            return [CheckFailure("Last USER command in Dockerfile should not be 'root'", at: last)]
        }
        return []
    }

    static let port22 = Check.dockerfile(
        .dockerfile(
            "DS-0004", names: ["no-ssh-port"], title: "Port 22 exposed", severity: .medium,
            description: """
                Exposing port 22 suggests an SSH server runs in the container. Containers are reached with \
                `docker exec` or `kubectl exec`; an SSH daemon adds keys to manage and a network service to attack.
                """,
            resolution: "Remove port 22 from `EXPOSE` and the SSH server from the image."),
        examples: CheckExamples(
            failing: ["FROM alpine:3.20\nEXPOSE 22\n", "FROM alpine:3.20\nEXPOSE 80 22/tcp\n"],
            passing: ["FROM alpine:3.20\nEXPOSE 8080\n"])
    ) { file, _ in
        file.instructions("EXPOSE").filter { expose in
            expose.expandedArguments.contains { ["22", "22/tcp", "22/udp"].contains($0.lowercased()) }
        }.map { CheckFailure("Port 22 should not be exposed in Dockerfile", at: $0) }
    }

    static let portOutOfRange = Check.dockerfile(
        .dockerfile(
            "DS-0008", names: ["port-out-of-range"], title: "Exposed port out of range", severity: .critical,
            description: "Ports are 16-bit numbers: an `EXPOSE` above 65535 is a typo the builder may not catch.",
            resolution: "Expose a port between 0 and 65535.",
            references: ["https://docs.docker.com/engine/reference/builder/#expose"]),
        examples: CheckExamples(
            failing: ["FROM alpine:3.20\nEXPOSE 65536\n", "FROM alpine:3.20\nEXPOSE 8080 99999/udp\n"],
            passing: ["FROM alpine:3.20\nEXPOSE 65535 8000-8010\n"])
    ) { file, _ in
        var failures: [CheckFailure] = []
        for expose in file.instructions("EXPOSE") {
            for argument in expose.expandedArguments {
                let port = argument.split(separator: "/").first ?? ""
                for end in port.split(separator: "-") {
                    if let number = Int(end), number > 65535 {
                        failures.append(
                            CheckFailure(
                                "'EXPOSE' contains port which is out of range [0, 65535]: \(number)", at: expose))
                    }
                }
            }
        }
        return failures
    }

    static let noHealthcheck = Check.dockerfile(
        .dockerfile(
            "DS-0026", names: ["no-healthcheck"], title: "No HEALTHCHECK defined", severity: .low,
            description: """
                Without a `HEALTHCHECK` the engine only knows whether the main process is alive, not whether it \
                still serves: a hung application is never restarted.
                """,
            resolution: "Add a `HEALTHCHECK` instruction to the final stage (`HEALTHCHECK NONE` says none is wanted).",
            references: ["https://docs.docker.com/engine/reference/builder/#healthcheck"]),
        examples: CheckExamples(
            failing: ["FROM alpine:3.20\nUSER app\n"],
            passing: ["FROM alpine:3.20\nHEALTHCHECK CMD wget -q -O- http://localhost/ || exit 1\n"])
    ) { file, _ in
        file.finalImageInstructions.contains { $0.keyword == "HEALTHCHECK" }
            ? [] : [CheckFailure("Add HEALTHCHECK instruction in your Dockerfile", range: nil)]
    }

    static let maintainer = Check.dockerfile(
        .dockerfile(
            "DS-0022", names: ["no-maintainer"], title: "Deprecated MAINTAINER used", severity: .high,
            description: "`MAINTAINER` is deprecated; the author belongs in a label, where tools read it.",
            resolution: "Replace `MAINTAINER` with `LABEL org.opencontainers.image.authors=\"…\"`.",
            references: ["https://docs.docker.com/engine/deprecated/#maintainer-in-dockerfile"]),
        examples: CheckExamples(
            failing: ["FROM alpine:3.20\nMAINTAINER Jane Doe <jane@example.com>\n"],
            passing: ["FROM alpine:3.20\nLABEL org.opencontainers.image.authors=\"jane@example.com\"\n"])
    ) { file, _ in
        file.instructions("MAINTAINER").map {
            CheckFailure("MAINTAINER should not be used: 'MAINTAINER \($0.argumentText)'", at: $0)
        }
    }
}

/// The parts of an image reference (`registry:5000/team/app:1.2@sha256:…`).
struct ImageReferenceParts {
    /// Everything before the tag and digest.
    var name: String
    var tag: String?
    var digest: String?

    init(_ reference: String) {
        var rest = Substring(reference)
        if let at = rest.firstIndex(of: "@") {
            digest = String(rest[rest.index(after: at)...])
            rest = rest[..<at]
        }
        let lastSlash = rest.lastIndex(of: "/")
        let lastPart = lastSlash.map { rest[rest.index(after: $0)...] } ?? rest
        if let colon = lastPart.lastIndex(of: ":") {
            tag = String(lastPart[lastPart.index(after: colon)...])
            name = String(rest[..<colon])
        } else {
            name = String(rest)
        }
    }
}
