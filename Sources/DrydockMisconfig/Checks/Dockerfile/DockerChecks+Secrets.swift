/// DS-0031: secrets handed to the build through `ENV`, `ARG`, copied credential files or `RUN` commands.
extension DockerChecks {
    /// Variables well known to hold credentials.
    static let secretVariables: Set<String> = [
        "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AZURE_CLIENT_ID", "AZURE_CLIENT_SECRET",
        "GITHUB_TOKEN", "GH_TOKEN", "GH_ENTERPRISE_TOKEN", "GITHUB_ENTERPRISE_TOKEN", "OPENAI_API_KEY", "HF_TOKEN",
        "DIGITALOCEAN_ACCESS_TOKEN", "DOCKERHUB_PASSWORD", "FIREBASE_TOKEN", "CI_DEPLOY_PASSWORD", "GOOGLE_API_KEY",
        "LANGSMITH_API_KEY", "LANGCHAIN_API_KEY", "HEROKU_API_KEY",
    ]
    /// Prefixes front-end bundlers add to variables they inline into the built application.
    static let bundlerPrefixes = ["VITE_", "REACT_APP_"]
    /// Variables that name a credential file.
    static let secretFileVariables: Set<String> = [
        "AWS_CONFIG_FILE", "HF_TOKEN_PATH", "GOOGLE_APPLICATION_CREDENTIALS",
    ]
    /// Words that make a variable name look secret (`DB_PASSWORD`, `API_TOKEN`), as BuildKit's own warning uses.
    static let secretWords: Set<String> = [
        "apikey", "auth", "credential", "credentials", "key", "password", "pword", "passwd", "secret", "token", "usr",
        "psw",
    ]

    /// Whether `name` names a secret (`extra` adds names from the check data).
    static func isSecretName(_ name: String, extra: [String]) -> Bool {
        let known = secretVariables.union(extra)
        if known.contains(name) { return true }
        if bundlerPrefixes.contains(where: { name.hasPrefix($0) && known.contains(String(name.dropFirst($0.count))) }) {
            return true
        }
        if secretFileVariables.contains(name) { return false }
        let words = Set(name.lowercased().split(separator: "_", omittingEmptySubsequences: false).map(String.init))
        return !words.isDisjoint(with: secretWords) && !words.contains("public")
    }

    static let leakedSecrets = Check.dockerfile(
        .dockerfile(
            "DS-0031", names: ["do-not-pass-secrets"],
            title: "Secrets passed via `build-args` or envs or copied secret files", severity: .critical,
            description: """
                Values of `ARG` and `ENV` are recorded in the image's history and configuration, and copied files \
                stay in a layer: anyone who can pull the image can read them, even after a later step deletes them.
                """,
            resolution:
                "Pass secrets with BuildKit secret mounts (`RUN --mount=type=secret,id=…`), never as ARG, ENV or files.",
            references: ["https://docs.docker.com/build/building/secrets/"]),
        examples: CheckExamples(
            failing: [
                "FROM alpine:3.20\nARG GITHUB_TOKEN\nRUN git clone https://example.com/repo\n",
                "FROM alpine:3.20\nENV DB_PASSWORD=hunter2\n",
                "FROM alpine:3.20\nCOPY key.json /app/\nENV GOOGLE_APPLICATION_CREDENTIALS=/app/key.json\n",
                "FROM alpine:3.20\nRUN aws configure set aws_access_key_id AKIAEXAMPLE\n",
            ],
            passing: [
                "FROM alpine:3.20\nENV PUBLIC_KEY_URL=https://example.com/key.pub\n",
                "FROM alpine:3.20\nRUN --mount=type=secret,id=aws aws configure set aws_access_key_id \"$(cat /run/secrets/aws)\"\n",
            ])
    ) { file, settings in
        guard let stage = file.finalStage else { return [] }
        var failures: [CheckFailure] = []
        let copies = stage.instructions("COPY")
        for instruction in stage.instructions where instruction.keyword == "ENV" || instruction.keyword == "ARG" {
            for pair in instruction.keyValues {
                if isSecretName(pair.key, extra: settings.secretEnvironmentNames) {
                    failures.append(
                        CheckFailure(
                            "Possible exposure of secret env \"\(pair.key)\" in \(instruction.keyword)", at: instruction
                        ))
                } else if secretFileVariables.contains(pair.key), let path = pair.value, !path.isEmpty,
                    copies.contains(where: { isSubPath(path, of: $0.arguments.last ?? "") })
                {
                    failures.append(
                        CheckFailure(
                            "Possible exposure of the copied secret env file \"\(pair.key)\" in \(instruction.keyword)",
                            at: instruction))
                }
            }
        }
        for copy in copies where copy.arguments.count == 2 {
            let target = String(copy.arguments[1].drop { $0 == "$" }).trimmingBraces
            if secretFileVariables.contains(target) {
                failures.append(CheckFailure("Possible exposure of secret file \"\(target)\" in COPY", at: copy))
            }
        }
        for run in stage.instructions("RUN") where !run.flags.contains(where: { $0.hasPrefix("--mount=type=secret") }) {
            if run.commands.map(CommandWords.fromTool).contains(where: setsUpCredentials) {
                failures.append(CheckFailure("Possible exposure of secret in RUN", at: run))
            }
        }
        return failures
    }

    /// `aws configure set aws_access_key_id …`, `gcloud auth activate-service-account`, `az login -p …`,
    /// `doctl auth init -t …`.
    static func setsUpCredentials(_ command: [String]) -> Bool {
        switch command.first {
        case "aws":
            return command.starts(with: ["aws", "configure", "set"]) && command.count > 3
                && ["aws_access_key_id", "aws_secret_access_key"].contains(command[3])
        case "gcloud":
            return command.starts(with: ["gcloud", "auth", "activate-service-account"])
        case "az":
            return command.count > 1 && command[1] == "login"
                && command.contains {
                    ["-p", "--password", "--federated-token"].contains($0) || $0.hasPrefix("--password=")
                }
        case "doctl":
            return command.starts(with: ["doctl", "auth", "init"])
                && command.contains { ["-t", "--access-token"].contains($0) || $0.hasPrefix("--access-token=") }
        default:
            return false
        }
    }

    /// Whether `path` is inside (or is) `folder`, ignoring quotes, leading `./` or `/` and trailing `/`.
    static func isSubPath(_ path: String, of folder: String) -> Bool {
        func clean(_ text: String) -> String {
            var value = Substring(text)
            if value.hasPrefix("\"") { value = value.dropFirst() }
            if value.hasSuffix("\"") { value = value.dropLast() }
            if value.hasPrefix(".") { value = value.dropFirst() }
            if value.hasPrefix("/") { value = value.dropFirst() }
            if value.hasSuffix("/") { value = value.dropLast() }
            return String(value)
        }
        let folder = clean(folder)
        return !folder.isEmpty && clean(path).hasPrefix(folder)
    }
}

extension String {
    /// `{NAME}` → `NAME`.
    fileprivate var trimmingBraces: String {
        hasPrefix("{") && hasSuffix("}") ? String(dropFirst().dropLast()) : self
    }
}
