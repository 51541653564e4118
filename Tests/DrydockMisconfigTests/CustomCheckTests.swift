import DrydockMisconfig
import Testing

@Suite struct CustomCheckTests {
    static let yaml = """
        metadata:
          id: ORG-K8S-001
          name: Deployments must carry a team label
          severity: high
          guideline: https://wiki.example.com/labels
        scope:
          frameworks: [kubernetes]
        definition:
          and:
            - cond_type: attribute
              resource_types: [Deployment]
              attribute: metadata.labels.team
              operator: exists
            - cond_type: attribute
              resource_types: [Deployment]
              attribute: spec.template.spec.containers.*.image
              operator: not_ending_with
              value: ":latest"
        tests:
          - name: labelled
            expect: pass
            input: |
              apiVersion: apps/v1
              kind: Deployment
              metadata: {name: web, labels: {team: shop}}
              spec: {template: {spec: {containers: [{name: web, image: "nginx:1.27"}]}}}
          - name: unlabelled
            expect: fail
            input: |
              apiVersion: apps/v1
              kind: Deployment
              metadata: {name: web}
              spec: {template: {spec: {containers: [{name: web, image: "nginx:1.27"}]}}}
          - name: wrong expectation
            expect: pass
            input: |
              apiVersion: apps/v1
              kind: Deployment
              metadata: {name: web, labels: {team: shop}}
              spec: {template: {spec: {containers: [{name: web, image: "nginx:latest"}]}}}
        ---
        metadata:
          id: ORG-DF-001
          name: No wget
        definition:
          cond_type: attribute
          resource_types: [RUN]
          attribute: value
          operator: not_contains
          value: wget
        """

    @Test func checkovStyleChecksRunAndTheirTestsReport() throws {
        let checks = try CustomCheckParser.parse(Self.yaml, file: "checks/org.yaml")
        #expect(checks.map(\.metadata.id) == ["ORG-K8S-001", "ORG-DF-001"])
        let labels = checks[0]
        #expect(labels.metadata.severity == .high)
        #expect(labels.metadata.references == ["https://wiki.example.com/labels"])
        let outcomes = CustomCheckTester.run(labels) { _ in "" }
        #expect(outcomes.map(\.passed) == [true, true, false])
        #expect(outcomes[2].detail.hasPrefix("expected the check to pass, it failed"))

        let wget = checks[1]
        #expect(wget.metadata.fileTypes == [.dockerfile])
        let scanner = ConfigScanner(checks: checks.map(\.check))
        let result = try #require(
            scanner.scan(
                path: "Dockerfile", content: Array("FROM alpine:3.20\nRUN wget -q https://example.com/x\n".utf8)
            )
            .results.first)
        let failure = try #require(result.failures.first)
        #expect(failure.id == "ORG-DF-001")
        #expect(failure.cause.startLine == 2)
        #expect(failure.message == "No wget (RUN)")
    }

    @Test func malformedChecksNameTheLine() {
        let bad = "metadata:\n  id: X-1\ndefinition:\n  cond_type: attribute\n  attribute: a\n  operator: bigger\n"
        #expect(throws: ConfigParseError.self) { try CustomCheckParser.parse(bad, file: "x.yaml") }
        do {
            _ = try CustomCheckParser.parse(bad, file: "x.yaml")
        } catch {
            #expect(error.line == 4)
            #expect(error.reason.hasPrefix("unknown operator 'bigger'"))
        }
    }

    @Test(arguments: [
        ("equals", "true", true), ("not_equals", "true", false), ("exists", "", true), ("is_true", "", true),
        ("within", "[true, yes]", true), ("not_exists", "", false),
    ])
    func operatorsOnABoolean(_ op: String, _ value: String, _ expected: Bool) throws {
        let text = """
            metadata: {id: T-1, name: t}
            definition: {cond_type: attribute, resource_types: [Pod], attribute: spec.hostNetwork, operator: \(op)\(value.isEmpty ? "" : ", value: \(value)")}
            """
        let check = try #require(try CustomCheckParser.parse(text, file: "t.yaml").first)
        let pod = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {hostNetwork: true}\n"
        let failures = try CheckExampleRunner.failures(of: check.check, in: pod)
        #expect(failures.isEmpty == expected)
    }
}
