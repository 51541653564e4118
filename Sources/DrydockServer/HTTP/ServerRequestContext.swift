import Hummingbird
import Logging
import Synchronization

/// The request context of `drydock server`: Hummingbird's core storage (the logger carries the request ID
/// as `hb.request.id`) and the caller's identity once the bearer token is checked.
public struct ServerRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Shared by every copy of this context: the route sets the identity on its copy after the middleware
    /// (which logs the request) took its own, and the middleware must see it.
    private let identityCell = IdentityCell()

    public init(source: Source) {
        coreContext = .init(source: source)
    }

    /// The token's identity; `nil` on the unauthenticated endpoints (`/healthz`, `/readyz`, `/metrics`) and
    /// until the route has checked the token.
    public var identity: AccessToken? {
        get { identityCell.value.withLock { $0 } }
        nonmutating set { identityCell.value.withLock { $0 = newValue } }
    }

    /// Who is asking, for the audit log and the request log.
    public var actor: String { identity?.name ?? "anonymous" }
}

/// The one place a request's identity is kept, whichever copy of the context sets or reads it.
private final class IdentityCell: Sendable {
    let value = Mutex<AccessToken?>(nil)
}
