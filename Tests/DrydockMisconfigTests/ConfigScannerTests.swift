import DrydockCatalog
import DrydockMisconfig
import DrydockModel
import Testing

@Suite struct ConfigScannerTests {
    let scanner = ConfigScanner()

    @Test func dockerfileFindingsCarryLinesCodeAndSummary() throws {
        let text = "FROM alpine:latest\nRUN apk add curl \\\n    git\nUSER root\n"
        let outcome = scanner.scan(path: "app/Dockerfile", content: Array(text.utf8))
        let result = try #require(outcome.results.first)
        #expect(result.target == "app/Dockerfile")
        #expect(result.fileType == .dockerfile)
        let apk = try #require(result.failures.first { $0.id == "DS-0025" })
        #expect(apk.cause.startLine == 2 && apk.cause.endLine == 3)
        #expect(apk.cause.code.lines.map(\.number) == [2, 3])
        #expect(apk.cause.code.lines.first?.firstCause == true)
        #expect(apk.cause.code.lines.last?.lastCause == true)
        #expect(apk.cause.provider == "Dockerfile")
        #expect(apk.aliases.contains("DS025"))
        #expect(result.failures.contains { $0.id == "DS-0001" && $0.cause.startLine == 1 })
        #expect(
            result.failures.contains {
                $0.id == "DS-0002" && $0.message == "Last USER command in Dockerfile should not be 'root'"
            })
        #expect(result.failures.contains { $0.id == "DS-0026" && $0.cause.startLine == nil })
        #expect(!result.passes.isEmpty)
        #expect(!result.failures.contains { $0.id == "DS-0024" }, "deprecated checks run only when asked for")
    }

    @Test func manifestsAreRecognisedByContentAndReportedPerFile() throws {
        let text = """
            apiVersion: v1
            kind: List
            items:
              - apiVersion: v1
                kind: Pod
                metadata: {name: a, namespace: apps}
                spec:
                  containers:
                    - name: web
                      image: nginx
                      securityContext: {privileged: true}
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata: {name: everything}
            rules:
              - {apiGroups: ["*"], resources: ["*"], verbs: ["*"]}

            """
        let outcome = scanner.scan(path: "deploy.yml", content: Array(text.utf8))
        let result = try #require(outcome.results.first)
        #expect(result.fileType == .kubernetes)
        let privileged = try #require(result.failures.first { $0.id == "KSV-0017" })
        #expect(privileged.cause.resource == "Pod/a")
        #expect(privileged.cause.startLine == 9 && privileged.cause.endLine == 11)
        #expect(privileged.message == "Container 'web' of Pod 'a' should set 'securityContext.privileged' to false")
        let wildcard = try #require(result.failures.first { $0.id == "KSV-0044" })
        #expect(wildcard.cause.startLine == 17)
        #expect(scanner.scan(path: "values.yaml", content: Array("replicas: 3\n".utf8)).results.isEmpty)
    }

    @Test func helmTemplateOutputPointsBackToTemplates() throws {
        let text = """
            ---
            # Source: web/templates/serviceaccount.yaml
            apiVersion: v1
            kind: ServiceAccount
            metadata:
              name: web
            ---
            # Source: web/templates/deployment.yaml
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
            spec:
              template:
                spec:
                  hostNetwork: true
                  containers:
                    - name: web
                      image: nginx:1.27

            """
        let outcome = scanner.scan(path: "rendered.yaml", content: Array(text.utf8))
        #expect(
            outcome.results.map(\.target) == ["web/templates/serviceaccount.yaml", "web/templates/deployment.yaml"])
        let deployment = try #require(outcome.results.last)
        #expect(deployment.fileType == .helm)
        let hostNetwork = try #require(deployment.failures.first { $0.id == "KSV-0009" })
        #expect(hostNetwork.cause.startLine == 8, "line 16 of the output is line 8 of the template's rendering")
        #expect(hostNetwork.cause.occurrences.first?.filename == "rendered.yaml")
        #expect(hostNetwork.cause.occurrences.first?.startLine == 16)
    }

    @Test func inlineIgnoreCommentsAreRecordedOnTheFinding() throws {
        let text = "# trivy:ignore:DS-0026\nFROM alpine:3.20\n# trivy:ignore:AVD-DS-0002:exp:2099-01-01\nUSER root\n"
        let result = try #require(scanner.scan(path: "Dockerfile", content: Array(text.utf8)).results.first)
        let root = try #require(result.failures.first { $0.id == "DS-0002" })
        #expect(
            root.inlineIgnore == InlineIgnore(rule: "AVD-DS-0002", file: "Dockerfile", line: 3, expires: "2099-01-01"))
        let healthcheck = try #require(result.failures.first { $0.id == "DS-0026" })
        #expect(healthcheck.inlineIgnore?.line == 1)
        let manifest =
            "apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec:\n  containers:\n    # drydock:ignore:KSV017\n    - name: c\n      image: x:1\n      securityContext: {privileged: true}\n"
        let pod = try #require(scanner.scan(path: "pod.yaml", content: Array(manifest.utf8)).results.first)
        #expect(pod.failures.first { $0.id == "KSV-0017" }?.inlineIgnore?.line == 6)
        #expect(pod.failures.first { $0.id == "KSV-0014" }?.inlineIgnore == nil)
    }

    @Test func unparsableFilesAreWarningsNamingTheLine() {
        let broken = scanner.scan(path: "Dockerfile", content: Array("FROM alpine\nFORM x\n".utf8))
        #expect(broken.results.isEmpty)
        #expect(
            broken.warnings.first?.description
                == "Dockerfile:2: unknown instruction 'FORM'; the file was not scanned for misconfigurations")
        let yaml = scanner.scan(path: "pod.yaml", content: Array("apiVersion: v1\nkind: Pod\nmetadata: [\n".utf8))
        #expect(yaml.warnings.first?.error.line != nil)
    }

    @Test func chartFoldersAreSkippedWithOneNote() {
        let chart = ScannableFile(
            scanner: ConfigFileAnalyzer.scanner, kind: ConfigFileAnalyzer.chartKind,
            content: Array("name: shop\nversion: 1.0.0\n".utf8))
        let template = ScannableFile(
            scanner: ConfigFileAnalyzer.scanner, kind: "manifest",
            content: Array("apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Release.Name }}\n".utf8))
        let dockerfile = ScannableFile(
            scanner: ConfigFileAnalyzer.scanner, kind: "dockerfile", content: Array("FROM alpine:3.20\n".utf8))
        let outcome = scanner.scan(
            [
                ScannableFileEntry(path: "deploy/chart/Chart.yaml", layer: nil, file: chart),
                ScannableFileEntry(path: "deploy/chart/templates/pod.yaml", layer: nil, file: template),
                ScannableFileEntry(path: "Dockerfile", layer: nil, file: dockerfile),
            ], root: "repo")
        #expect(outcome.warnings.isEmpty)
        #expect(outcome.results.map(\.target) == ["Dockerfile"])
        #expect(
            outcome.notes == [
                "helm chart 'shop' in repo/deploy/chart: its templates were not scanned (Drydock does not render charts); scan the rendered chart with: helm template repo/deploy/chart | drydock config -"
            ])
    }

    @Test func imageHistoryBecomesADockerfile() throws {
        let config = """
            {"config": {"User": "", "Env": ["PATH=/usr/bin"]},
             "history": [
               {"created_by": "/bin/sh -c #(nop) ADD file:abc in / "},
               {"created_by": "/bin/sh -c #(nop)  CMD [\\"/bin/sh\\"]", "empty_layer": true},
               {"created_by": "/bin/sh -c apk add curl"},
               {"created_by": "ENV GITHUB_TOKEN=ghp_example", "empty_layer": true},
               {"created_by": "CMD [\\"app\\"]", "empty_layer": true}
             ]}
            """
        let rebuilt = try #require(ImageConfigDockerfile(configJSON: Array(config.utf8)))
        #expect(rebuilt.text == "RUN apk add curl\nENV GITHUB_TOKEN=\"ghp_example\"\n")
        let result = try #require(try scanner.scanImageConfig(Array(config.utf8), target: "app:1.0"))
        let ids = Set(result.failures.map(\.id))
        #expect(ids.isSuperset(of: ["DS-0002", "DS-0025", "DS-0026", "DS-0031"]))
        #expect(!ids.contains("DS-0016"))
        let unreadable = #"{"config": {}, "history": [{"created_by": "/bin/sh -c #(nop) WORKDIR "}]}"#
        #expect(
            throws: ConfigParseError(
                "its history as a Dockerfile cannot be read: WORKDIR requires exactly one argument (`WORKDIR`)")
        ) { try scanner.scanImageConfig(Array(unreadable.utf8), target: "app:1.0") }
    }
}
