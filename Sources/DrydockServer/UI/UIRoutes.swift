import DrydockModel
import DrydockRepository
import Foundation
import Hummingbird

/// The triage web UI at `/ui` (`docs/ui.md`): server-rendered pages over the same store queries as the API, and
/// triage forms that record exceptions through ``TriageService``. Every page needs a token (cookie from the
/// login form, or `Authorization: Bearer`); forms that change anything need scope `write` and a CSRF field.
struct UIRoutes: Sendable {
    let server: DrydockServer

    func register(on router: Router<ServerRequestContext>) {
        let tokens = server.configuration.tokens
        let required = server.configuration.authenticationRequired
        let secure = server.configuration.tlsCertificate != nil
        let pages = UIPages(store: server.store, sla: server.configuration.sla)
        let triage = TriageService(store: server.store)

        router.get("/ui") { _, _ in UIHTTP.redirect("/ui/findings") }
        router.get("/ui/login") { request, _ in
            var context: [String: Any] = ["title": "Log in"]
            if request.uri.queryParameters.get("failed") != nil {
                context["error"] = "That token is not one of this server's."
            }
            return UIHTTP.page(UIPages.render("login", context))
        }
        router.post("/ui/login") { request, _ in
            let form = UIHTTP.form(try await request.collectBody(limit: 64 << 10))
            let token = form["token"]?.trimmingCharacters(in: .whitespaces) ?? ""
            guard !required || tokens.identify(token) != nil else { return UIHTTP.redirect("/ui/login?failed=1") }
            return UIHTTP.redirect("/ui/findings", cookie: UISession.loginCookie(token, secure: secure))
        }
        router.post("/ui/logout") { _, _ in UIHTTP.redirect("/ui/login", cookie: UISession.logoutCookie) }

        /// A page handler given the session; without one, the login page.
        func page(
            _ path: RouterPath,
            _ body: @escaping @Sendable (Request, ServerRequestContext, UISession) async throws -> Response
        ) {
            router.get(path) { request, context in
                guard let session = UISession.of(request, tokens: tokens, required: required) else {
                    return UIHTTP.redirect("/ui/login")
                }
                context.identity = session.identity
                do {
                    return try await body(request, context, session)
                } catch let error as RepositoryError {
                    return UIHTTP.page(
                        UIPages.render("findings", pages.base("Error", session, error: error.reason)),
                        status: error.code == .notFound ? .notFound : .badRequest)
                }
            }
        }
        page("/ui/findings") { request, _, session in
            UIHTTP.page(try await pages.findings(request.uri.queryParameters, image: nil, session: session))
        }
        page("/ui/images/:digest") { request, context, session in
            let digest = try context.parameters.require("digest")
            return UIHTTP.page(try await pages.findings(request.uri.queryParameters, image: digest, session: session))
        }
        page("/ui/sla") { _, _, session in UIHTTP.page(try await pages.sla(session: session)) }
        page("/ui/search") { request, _, session in
            UIHTTP.page(try await pages.search(request.uri.queryParameters, session: session))
        }
        page("/ui/exceptions") { _, _, session in UIHTTP.page(try await pages.exceptions(session: session)) }

        /// A form post that needs scope `write`: checks the session and CSRF field, then redirects.
        func action(
            _ path: RouterPath, _ body: @escaping @Sendable ([String: String], UISession) async throws -> String
        ) {
            router.post(path) { request, context in
                guard let session = UISession.of(request, tokens: tokens, required: required) else {
                    return UIHTTP.redirect("/ui/login")
                }
                context.identity = session.identity
                let form = UIHTTP.form(try await request.collectBody(limit: 64 << 10))
                guard session.accepts(form) else {
                    return UIHTTP.page(
                        UIPages.render(
                            "findings", pages.base("Refused", session, error: "The form's CSRF field is wrong.")),
                        status: .forbidden)
                }
                guard session.identity.scope >= .write else {
                    return UIHTTP.page(
                        UIPages.render(
                            "findings",
                            pages.base(
                                "Refused", session,
                                error: "Token '\(session.identity.name)' has scope \(session.identity.scope.rawValue); "
                                    + "triage needs write.")), status: .forbidden)
                }
                let back = UIPages.localPath(form["back"]) ?? "/ui/findings"
                do {
                    let message = try await body(form, session)
                    return UIHTTP.redirect(UIPages.appending(back, "flash", message))
                } catch let error as RepositoryError {
                    return UIHTTP.redirect(UIPages.appending(back, "error", error.reason))
                }
            }
        }
        action("/ui/triage") { form, session in
            guard let choice = TriageRequest.Choice(rawValue: form["choice"] ?? "") else {
                throw RepositoryError(.invalid, "choose fix-now, next-sprint, accept-risk or false-positive")
            }
            let request = TriageRequest(
                image: form["image"] ?? "", vulnerabilityID: form["vulnerabilityID"] ?? "",
                purl: form["purl"].flatMap { $0.isEmpty ? nil : $0 }, choice: choice, reason: form["reason"],
                expires: form["expires"], allImages: form["allImages"] == "yes")
            let outcome = try await triage.triage(request, by: session.identity.name)
            if let written = outcome.written {
                return "\(choice.label): recorded exception \(written.id) version \(written.version) for "
                    + "\(request.vulnerabilityID)"
            }
            return "Fix now: \(request.vulnerabilityID) — removed \(outcome.removed.count) exception(s)"
        }
        let store = server.store
        action("/ui/exceptions/remove") { form, session in
            let removed = try await store.removeException(id: form["id"] ?? "", by: session.identity.name)
            return "Removed exception \(removed.id) (version \(removed.version))"
        }
    }
}
