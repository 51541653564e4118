import DrydockNetwork
import Testing

@Suite struct AuthChallengeTests {
    @Test func dockerHubBearer() throws {
        let challenges = try AuthChallenge.parse(
            #"Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/alpine:pull""#
        )
        #expect(challenges.count == 1)
        #expect(challenges[0].scheme == "bearer")
        #expect(challenges[0].realm == "https://auth.docker.io/token")
        #expect(challenges[0].parameters["service"] == "registry.docker.io")
        #expect(challenges[0].parameters["scope"] == "repository:library/alpine:pull")
    }

    @Test func basicAndEscapesAndSeveralChallenges() throws {
        let challenges = try AuthChallenge.parse(
            #"Basic realm="my \"quoted\" realm", Bearer realm="https://t.example/token", service=reg, error="invalid_token""#
        )
        #expect(challenges.map(\.scheme) == ["basic", "bearer"])
        #expect(challenges[0].realm == #"my "quoted" realm"#)
        #expect(challenges[1].parameters["service"] == "reg")
        #expect(challenges[1].parameters["error"] == "invalid_token")
    }

    @Test func schemeOnlyAndCase() throws {
        let challenges = try AuthChallenge.parse("BASIC")
        #expect(challenges == [AuthChallenge(scheme: "basic")])
    }

    @Test(arguments: ["", "   ", #"Bearer realm="unterminated"#])
    func rejects(header: String) {
        #expect(throws: NetworkError.self) { try AuthChallenge.parse(header) }
    }
}
