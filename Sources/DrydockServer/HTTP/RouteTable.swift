import Hummingbird

/// One endpoint of the API: method, path (with `{name}` parameters, as the OpenAPI file writes them), the
/// scope a token needs (`nil`: no token), and a one-line summary. The table is what the router registers
/// and what the OpenAPI test compares with `docs/openapi.yaml`.
public struct RouteSpec: Sendable, Hashable {
    public var method: String
    public var path: String
    public var scope: TokenScope?
    public var summary: String

    /// The path in Hummingbird's syntax (`:name`).
    var routerPath: String {
        path.split(separator: "/", omittingEmptySubsequences: false).map { part in
            part.hasPrefix("{") && part.hasSuffix("}") ? ":" + part.dropFirst().dropLast() : part
        }.joined(separator: "/")
    }
}

/// Registers handlers with their scope check.
struct RouteRegistrar {
    let router: Router<ServerRequestContext>
    let tokens: AccessTokenSet
    let authenticationRequired: Bool
    private(set) var specs: [RouteSpec] = []

    init(router: Router<ServerRequestContext>, tokens: AccessTokenSet, authenticationRequired: Bool) {
        self.router = router
        self.tokens = tokens
        self.authenticationRequired = authenticationRequired
    }

    mutating func add(
        _ method: HTTPRequest.Method, _ path: String, scope: TokenScope?, _ summary: String,
        _ handler: @escaping @Sendable (Request, ServerRequestContext) async throws -> Response
    ) {
        let spec = RouteSpec(method: method.rawValue, path: path, scope: scope, summary: summary)
        specs.append(spec)
        let tokens = tokens
        let required = authenticationRequired
        router.on(RouterPath(spec.routerPath), method: method) { request, context in
            if let scope {
                // Shared with every copy of the context: the request log (middleware) sees it too.
                context.identity = try Self.authorize(request, scope: scope, tokens: tokens, required: required)
            }
            return try await handler(request, context)
        }
    }

    /// The caller's identity when its bearer token has `scope`; 401 without a valid token, 403 when the
    /// token's scope is lower.
    static func authorize(_ request: Request, scope: TokenScope, tokens: AccessTokenSet, required: Bool) throws
        -> AccessToken
    {
        guard required else { return AccessToken(name: "anonymous", scope: .admin) }
        guard let header = request.headers[.authorization], header.lowercased().hasPrefix("bearer ") else {
            throw APIError(
                .unauthorized, "unauthorized", "send 'Authorization: Bearer TOKEN' (scope \(scope.rawValue) or higher)")
        }
        guard let identity = tokens.identify(header.dropFirst("bearer ".count).trimmingCharacters(in: .whitespaces))
        else {
            throw APIError(.unauthorized, "unauthorized", "the bearer token is not one of the server's tokens")
        }
        guard identity.scope >= scope else {
            throw APIError(
                .forbidden, "forbidden",
                "token '\(identity.name)' has scope \(identity.scope.rawValue); this needs \(scope.rawValue)")
        }
        return identity
    }
}
