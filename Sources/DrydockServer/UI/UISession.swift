import Crypto
import Foundation
import HTTPTypes
import Hummingbird

/// Who is using the UI: the token from the `drydock_token` cookie (set by the login form; `HttpOnly`,
/// `SameSite=Strict`) or an `Authorization: Bearer` header, and the CSRF field its forms carry.
struct UISession: Sendable {
    static let cookieName = "drydock_token"

    let identity: AccessToken
    /// The token, when it came from the cookie: forms must then carry ``csrf``.
    let cookieToken: String?
    /// The token the request used (cookie or header), for the CSRF field.
    let token: String

    /// The session of `request`, or `nil` when it carries no token the server knows.
    static func of(_ request: Request, tokens: AccessTokenSet, required: Bool) -> UISession? {
        let cookie = request.cookies[cookieName].flatMap { $0.value.removingPercentEncoding }
        var header: String?
        if let value = request.headers[.authorization], value.lowercased().hasPrefix("bearer ") {
            header = value.dropFirst("bearer ".count).trimmingCharacters(in: .whitespaces)
        }
        guard required else {
            return UISession(
                identity: AccessToken(name: "anonymous", scope: .admin), cookieToken: header == nil ? cookie : nil,
                token: header ?? cookie ?? "")
        }
        if let header, let identity = tokens.identify(header) {
            return UISession(identity: identity, cookieToken: nil, token: header)
        }
        if let cookie, let identity = tokens.identify(cookie) {
            return UISession(identity: identity, cookieToken: cookie, token: cookie)
        }
        return nil
    }

    /// The value forms carry in their `csrf` field: a digest of the session's token, which a page of another
    /// site cannot know (and, with `SameSite=Strict`, its posts carry no cookie anyway).
    var csrf: String { Self.csrf(for: token) }

    static func csrf(for token: String) -> String {
        SHA256.hash(data: Array("drydock-ui-csrf:\(token)".utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// Whether a posted form may act: its `csrf` field matches when the session came from the cookie.
    func accepts(_ form: [String: String]) -> Bool {
        guard cookieToken != nil else { return true }
        guard let field = form["csrf"], field.utf8.count == csrf.utf8.count else { return false }
        var difference: UInt8 = 0
        for (lhs, rhs) in zip(field.utf8, csrf.utf8) { difference |= lhs ^ rhs }
        return difference == 0
    }

    /// The `Set-Cookie` value that logs in with `token` (`secure` on HTTPS).
    static func loginCookie(_ token: String, secure: Bool) -> String {
        let value =
            token.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-_.")))
            ?? ""
        return "\(cookieName)=\(value); Path=/ui; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "")
    }

    /// The `Set-Cookie` value that logs out.
    static let logoutCookie = "\(cookieName)=; Path=/ui; Max-Age=0; HttpOnly; SameSite=Strict"
}

/// Reading forms and writing pages.
enum UIHTTP {
    /// An `application/x-www-form-urlencoded` body as a dictionary (the last value of a repeated name wins).
    static func form(_ bytes: [UInt8]) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in String(decoding: bytes, as: UTF8.self).split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map {
                String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String($0)
            }
            guard let name = parts.first else { continue }
            fields[name] = parts.count > 1 ? parts[1] : ""
        }
        return fields
    }

    /// A 200 HTML page.
    static func page(_ html: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status,
            headers: [
                .contentType: "text/html; charset=utf-8", .cacheControl: "no-store",
                .contentSecurityPolicy:
                    "default-src 'self'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
                .xContentTypeOptions: "nosniff",
            ],
            body: ResponseBody(byteBuffer: ByteBuffer(string: html)))
    }

    /// A `303 See Other` to `location` (after a form post), with `cookie` set when given.
    static func redirect(_ location: String, cookie: String? = nil) -> Response {
        var response = Response(status: .seeOther, headers: [.location: location])
        if let cookie { response.headers[.setCookie] = cookie }
        return response
    }

    /// `text` for use in a path segment.
    static func pathSegment(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-_.:~")))
            ?? text
    }

    /// `text` for use in a query value.
    static func queryValue(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-_.~")))
            ?? text
    }
}
