import Foundation

/// Turns `WWW-Authenticate` challenges into `Authorization` headers and caches them per endpoint host
/// and scope: Basic auth, and the bearer-token flow (ask the challenge's realm for a token, with the
/// user's credentials when there are any).
actor RegistryAuthenticator {
    /// Largest token-server answer read: 1 MiB (containers/image's limit too); a token is a few KB.
    static let maxTokenSize = 1 << 20
    private let transport: any HTTPTransport
    private let credentials: CredentialResolver
    private var headers: [String: String] = [:]
    private var basicHosts: [String: String] = [:]

    init(transport: any HTTPTransport, credentials: CredentialResolver) {
        self.transport = transport
        self.credentials = credentials
    }

    /// A header to send before any challenge: a cached one, or an explicit registry token.
    func cachedHeader(for location: RegistryLocation, scope: String) -> String? {
        if case .bearer(let token) = credentials.explicit { return "Bearer \(token)" }
        return headers[key(location, scope)] ?? basicHosts[location.endpoint.host]
    }

    /// Answers a 401's challenges; throws `unauthorized` when no challenge can be met.
    func authorize(
        challengeHeader: String?, location: RegistryLocation, scope: String, previous: String?
    ) async throws -> String {
        let resolved = try credentials.credential(for: location.credentialHost)
        var challenges: [AuthChallenge] = []
        if let challengeHeader { challenges = try AuthChallenge.parse(challengeHeader) }
        let target = location.endpoint.baseURL
        if previous != nil {
            throw refused(resolved, location: location)
        }
        if let bearer = challenges.first(where: { $0.scheme == "bearer" }) {
            if case .bearer = resolved?.credential { throw refused(resolved, location: location) }
            let header =
                "Bearer " + (try await token(for: bearer, credential: resolved, scope: scope, location: location))
            headers[key(location, scope)] = header
            return header
        }
        if challenges.contains(where: { $0.scheme == "basic" }) {
            guard case .basic(let username, let password) = resolved?.credential else {
                throw NetworkError(
                    code: .unauthorized,
                    reason:
                        "\(location.registry) requires a user name and password: run 'docker login \(location.registry)' or pass --username/--password",
                    location: target, status: 401)
            }
            let header = "Basic " + Data("\(username):\(password)".utf8).base64EncodedString()
            basicHosts[location.endpoint.host] = header
            return header
        }
        throw NetworkError(
            code: .unauthorized,
            reason:
                "the registry answered 401 without a Bearer or Basic challenge (WWW-Authenticate: \(challengeHeader ?? "absent"))",
            location: target, status: 401)
    }

    private func token(
        for challenge: AuthChallenge, credential: ResolvedCredential?, scope: String, location: RegistryLocation
    ) async throws -> String {
        guard let realm = challenge.realm, var components = URLComponents(string: realm), components.host != nil else {
            throw NetworkError(
                code: .malformedResponse, reason: "the Bearer challenge has no usable realm",
                location: location.endpoint.baseURL)
        }
        let service = challenge.parameters["service"]
        let wantedScope = challenge.parameters["scope"] ?? scope
        var request: HTTPRequest
        if case .identityToken(let refresh) = credential?.credential {
            var form = URLComponents()
            form.queryItems =
                [
                    URLQueryItem(name: "grant_type", value: "refresh_token"),
                    URLQueryItem(name: "refresh_token", value: refresh),
                    URLQueryItem(name: "client_id", value: "drydock"),
                    URLQueryItem(name: "scope", value: wantedScope),
                ] + (service.map { [URLQueryItem(name: "service", value: $0)] } ?? [])
            guard let url = components.url else { throw badRealm(realm) }
            request = HTTPRequest(
                url: url, method: "POST", headers: [HTTPHeader("Content-Type", "application/x-www-form-urlencoded")],
                body: Array((form.percentEncodedQuery ?? "").utf8))
        } else {
            var items = components.queryItems ?? []
            if let service { items.append(URLQueryItem(name: "service", value: service)) }
            items.append(URLQueryItem(name: "scope", value: wantedScope))
            components.queryItems = items
            guard let url = components.url else { throw badRealm(realm) }
            request = HTTPRequest(url: url)
            if case .basic(let username, let password) = credential?.credential {
                request.headers.append(
                    HTTPHeader("Authorization", "Basic " + Data("\(username):\(password)".utf8).base64EncodedString()))
            }
        }
        let head: HTTPResponseHead
        let body: [UInt8]
        do {
            (head, body) = try await transport.fetch(request, limit: Self.maxTokenSize)
        } catch let error as NetworkError where error.code == .tooLarge {
            // An endless or huge answer: stopped at the limit, named by the realm (the query may hold the scope).
            throw ByteCollector.tooLarge("the token server's answer", limit: Self.maxTokenSize, location: realm)
        }
        if head.status == 401 || head.status == 403 {
            throw refused(credential, location: location, tokenServer: realm)
        }
        guard (200..<300).contains(head.status) else {
            throw NetworkError(
                code: .httpStatus, reason: "the token server answered HTTP \(head.status)", location: realm,
                underlying: String(decoding: body.prefix(300), as: UTF8.self), status: head.status)
        }
        guard let object = (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any],
            let token = (object["token"] as? String) ?? (object["access_token"] as? String), !token.isEmpty
        else {
            throw NetworkError(
                code: .malformedResponse, reason: "the token server's answer has no \"token\"", location: realm)
        }
        return token
    }

    private func refused(_ credential: ResolvedCredential?, location: RegistryLocation, tokenServer: String? = nil)
        -> NetworkError
    {
        let place = tokenServer ?? location.endpoint.baseURL
        guard let credential else {
            return NetworkError(
                code: .unauthorized,
                reason:
                    "access to \(location.registry)/\(location.repository) was denied anonymously; the repository may be private or missing: run 'docker login \(location.registry)' or pass --username/--password or --registry-token",
                location: place, status: 401)
        }
        return NetworkError(
            code: .unauthorized,
            reason:
                "the registry refused the credentials from \(credential.source) for \(location.registry)/\(location.repository)",
            location: place, status: 401)
    }

    private func badRealm(_ realm: String) -> NetworkError {
        NetworkError(code: .malformedResponse, reason: "the Bearer realm is not a URL", location: realm)
    }

    private func key(_ location: RegistryLocation, _ scope: String) -> String {
        "\(location.endpoint.host)|\(scope)"
    }
}
