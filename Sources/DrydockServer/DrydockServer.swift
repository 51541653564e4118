import DrydockRepository
import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import NIOCore
import NIOSSL
import ServiceLifecycle

/// `drydock server`: the scan API, the SBOM repository and its queries, continuous rescans and webhooks,
/// on Hummingbird. Stateless apart from its store: several replicas may share one PostgreSQL store.
public struct DrydockServer: Sendable {
    public let configuration: ServerConfiguration
    public let store: any RepositoryStore
    public let database: DatabaseHolder
    public let metrics: ServerMetrics
    public let logger: Logger
    public let toolVersion: String
    /// Admission decisions waiting to be written to the store: flushed at shutdown, before the store closes.
    public let admissionAudit: AdmissionAuditLog

    /// Prepares a server over an opened store; the DB is opened now if it exists.
    public init(
        configuration: ServerConfiguration, store: any RepositoryStore, toolVersion: String,
        logger: Logger = Logger(label: "drydock.server")
    ) {
        self.configuration = configuration
        self.store = store
        self.database = DatabaseHolder(path: configuration.databasePath)
        self.metrics = ServerMetrics()
        self.logger = logger
        self.toolVersion = toolVersion
        self.admissionAudit = AdmissionAuditLog(store: store, logger: logger)
        if FileManager.default.fileExists(atPath: configuration.databasePath) { database.reload() }
    }

    /// The router with every endpoint and middleware.
    public func router() -> Router<ServerRequestContext> {
        let router = Router(context: ServerRequestContext.self)
        router.add(middleware: RequestObservationMiddleware(metrics: metrics))
        var registrar = RouteRegistrar(
            router: router, tokens: configuration.tokens,
            authenticationRequired: configuration.authenticationRequired)
        ServerRoutes(server: self).register(&registrar)
        UIRoutes(server: self).register(on: router)
        return router
    }

    /// The endpoints this server serves (for the OpenAPI test and `docs/server.md`).
    public func routeSpecs() -> [RouteSpec] {
        var registrar = RouteRegistrar(
            router: Router(context: ServerRequestContext.self), tokens: configuration.tokens,
            authenticationRequired: configuration.authenticationRequired)
        ServerRoutes(server: self).register(&registrar)
        return registrar.specs
    }

    /// The Hummingbird application: HTTP, or HTTPS when a certificate and key are configured.
    public func application(
        services: [any Service] = [], onServerRunning: @escaping @Sendable (any Channel) async -> Void = { _ in }
    ) throws -> some ApplicationProtocol {
        let server: HTTPServerBuilder
        if let certificate = configuration.tlsCertificate, let key = configuration.tlsKey {
            do {
                let chain = try NIOSSLCertificate.fromPEMFile(certificate).map {
                    NIOSSLCertificateSource.certificate($0)
                }
                let privateKey = try NIOSSLPrivateKey(file: key, format: .pem)
                let tls = TLSConfiguration.makeServerConfiguration(
                    certificateChain: chain, privateKey: .privateKey(privateKey))
                server = try .tls(.http1(), tlsConfiguration: tls)
            } catch {
                throw ServerConfigurationError("cannot use --tls-cert \(certificate) / --tls-key \(key): \(error)")
            }
        } else {
            server = .http1()
        }
        return Application(
            router: router(), server: server,
            configuration: ApplicationConfiguration(
                address: .hostname(configuration.host, port: configuration.port), serverName: "drydock"),
            services: services, onServerRunning: onServerRunning, logger: logger)
    }
}
