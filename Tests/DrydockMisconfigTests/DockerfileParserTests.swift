import DrydockMisconfig
import Testing

@Suite struct DockerfileParserTests {
    @Test func instructionsKeepTheirLinesThroughContinuationsAndComments() throws {
        let text = """
            # syntax=docker/dockerfile:1
            ARG BASE=debian:12
            FROM ${BASE} AS build
            RUN apt-get update \\
                # a comment inside the continuation
                && apt-get install -y \\

                   curl
            COPY --from=build --chown=app:app /src /dst
            CMD ["./app", "--port", "8080"]

            """
        let file = try DockerfileParser.parse(text)
        #expect(file.directives["syntax"] == "docker/dockerfile:1")
        #expect(file.globalArguments.count == 1)
        let stage = try #require(file.stages.first)
        #expect(stage.name == "build")
        #expect(stage.baseImage == "debian:12")
        let run = try #require(stage.instructions("RUN").first)
        #expect(run.range == LineRange(4, 8))
        #expect(run.commands == [["apt-get", "update"], ["apt-get", "install", "-y", "curl"]])
        let copy = try #require(stage.instructions("COPY").first)
        #expect(copy.range == LineRange(line: 9))
        #expect(copy.flag("from") == "build")
        #expect(copy.flag("chown") == "app:app")
        #expect(copy.arguments == ["/src", "/dst"])
        let cmd = try #require(stage.instructions("CMD").first)
        #expect(cmd.isExecForm)
        #expect(cmd.arguments == ["./app", "--port", "8080"])
    }

    @Test func escapeDirectiveChangesTheContinuationCharacter() throws {
        let text =
            "# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN echo a `\n    && echo b\nWORKDIR C:\\app\n"
        let file = try DockerfileParser.parse(text)
        #expect(file.escape == "`")
        let run = try #require(file.instructions("RUN").first)
        #expect(run.range == LineRange(3, 4))
        #expect(file.instructions("WORKDIR").first?.arguments == ["C:\\app"])
    }

    @Test func heredocsBelongToTheirInstruction() throws {
        let text = """
            FROM alpine:3.20
            RUN <<EOF
            apk add curl
            rm -rf /var/cache/apk/*
            EOF
            COPY <<-"CONF" /etc/app.conf
            \tkey=value
            CONF
            USER app

            """
        let file = try DockerfileParser.parse(text)
        let run = try #require(file.instructions("RUN").first)
        #expect(run.range == LineRange(2, 5))
        #expect(run.commands == [["apk", "add", "curl"], ["rm", "-rf", "/var/cache/apk/*"]])
        let copy = try #require(file.instructions("COPY").first)
        #expect(copy.range == LineRange(6, 8))
        #expect(copy.heredocs.first?.body == "key=value")
        #expect(file.instructions("USER").first?.range == LineRange(line: 9))
    }

    @Test func buildArgumentsAreSubstitutedWhereTheBuilderDoes() throws {
        let text = """
            ARG REGISTRY=registry.example.com
            ARG TAG
            FROM $REGISTRY/app:${TAG:-1.0}
            ARG USER_NAME=app
            ENV HOME=/home/${USER_NAME} PORT=8080
            USER ${USER_NAME}
            EXPOSE $PORT
            RUN echo $HOME

            """
        let file = try DockerfileParser.parse(text)
        #expect(file.stages.first?.baseImage == "registry.example.com/app:1.0")
        #expect(file.instructions("USER").first?.expandedArguments == ["app"])
        #expect(file.instructions("EXPOSE").first?.expandedArguments == ["8080"])
        let env = try #require(file.instructions("ENV").first)
        #expect(
            env.keyValues == [
                DockerKeyValue(key: "HOME", value: "/home/app"), DockerKeyValue(key: "PORT", value: "8080"),
            ])
        #expect(file.instructions("RUN").first?.expandedArguments == ["echo $HOME"])
    }

    @Test func legacyEnvAndQuotedValues() throws {
        let file = try DockerfileParser.parse(
            "FROM alpine:3.20\nENV PATH /usr/local/bin:$PATH\nLABEL a=\"x y\" b='z'\n")
        #expect(file.instructions("ENV").first?.keyValues.first?.key == "PATH")
        #expect(
            file.instructions("LABEL").first?.keyValues == [
                DockerKeyValue(key: "a", value: "x y"), DockerKeyValue(key: "b", value: "z"),
            ])
    }

    @Test func errorsNameTheLine() {
        #expect(throws: ConfigParseError("unknown instruction 'FORM'", line: 3)) {
            try DockerfileParser.parse("FROM alpine:3.20\n\nFORM x\n")
        }
        #expect(throws: ConfigParseError.self) { try DockerfileParser.parse("FROM alpine:3.20\nRUN <<EOF\necho\n") }
        #expect(throws: ConfigParseError("RUN before the first FROM (only ARG may come first)", line: 1)) {
            try DockerfileParser.parse("RUN echo\nFROM alpine:3.20\n")
        }
        // What BuildKit refuses to build is refused too (an empty USER is not a non-root user).
        #expect(throws: ConfigParseError("USER requires exactly one argument", line: 2)) {
            try DockerfileParser.parse("FROM alpine:3.20\nUSER\n")
        }
        #expect(throws: ConfigParseError("FROM requires either one or three arguments", line: 1)) {
            try DockerfileParser.parse("FROM alpine AS\n")
        }
        #expect(throws: ConfigParseError("COPY requires at least two arguments", line: 2)) {
            try DockerfileParser.parse("FROM alpine:3.20\nCOPY app\n")
        }
        #expect(throws: Never.self) { try DockerfileParser.parse("FROM alpine:3.20\nCOPY <<EOF /app\nx\nEOF\n") }
    }
}

@Suite struct ShellCommandsTests {
    @Test func splitsOnOperatorsAndFindsNestedCommands() {
        #expect(
            ShellCommands.parse("apt update && apt install curl") == [["apt", "update"], ["apt", "install", "curl"]])
        #expect(
            ShellCommands.parse("apt update;apt install curl || true") == [
                ["apt", "update"], ["apt", "install", "curl"], ["true"],
            ])
        #expect(ShellCommands.parse("") == [])
        #expect(
            ShellCommands.parse("DEBIAN_FRONTEND=noninteractive apt-get install -y \"curl\" 2>&1 >/dev/null")
                == [["apt-get", "install", "-y", "curl"]])
        #expect(ShellCommands.parse("if [ -f x ]; then rm x; fi") == [["[", "-f", "x", "]"], ["rm", "x"]])
        #expect(ShellCommands.parse("echo $(uname -m) # note") == [["echo", "$(uname -m)"], ["uname", "-m"]])
        let piped = ShellCommands.commands("curl -fsSL https://x | sh -")
        #expect(piped.last?.pipedFrom == ["curl", "-fsSL", "https://x"])
    }

    /// Found by fuzzing (`shell`): a blank the scanner did not list (a vertical tab, CRLF — one `Character` in
    /// Swift) stopped every word at once without moving on, so the scan never ended.
    @Test func otherBlanksAndCRLFLineEndsEndTheScan() {
        #expect(
            ShellCommands.parse("apt-get update\u{0B}apt-get install curl") == [
                ["apt-get", "update"], ["apt-get", "install", "curl"],
            ])
        #expect(
            ShellCommands.parse("apt-get update\r\nrm -rf /var/lib/apt/lists/*") == [
                ["apt-get", "update"], ["rm", "-rf", "/var/lib/apt/lists/*"],
            ])
        #expect(ShellCommands.parse("echo a\u{0C}b\u{A0}c") == [["echo", "a"], ["b", "c"]])
    }

    /// Found by fuzzing (`shell`): an unterminated quote stepped past the end of the text, and a backtick
    /// substitution around it then sliced beyond the characters (a trap).
    @Test func unterminatedQuotesInsideSubstitutionsStayInTheText() {
        let script = "echo \"$(unam`e -a)\" $(uname | tee /tmp/x 'it"
        let words = ShellCommands.parse(script).flatMap { $0 }
        #expect(words.first == "echo")
        #expect(ShellCommands.parse("echo 'unterminated") == [["echo", "unterminated"]])
        #expect(ShellCommands.parse("echo \"unterminated") == [["echo", "unterminated"]])
    }
}
