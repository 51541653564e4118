import DrydockModel
import DrydockPolicy
import Foundation

extension OpenVEXReport {
    /// Stored exceptions (a drydock server's, `drydock query --export-vex`) as an OpenVEX 0.2.0 document, one
    /// statement per live exception that names a product:
    /// - action `ignore` (a false positive, a finding set aside): `not_affected`, the reason as impact statement;
    /// - action `warn` (a risk accepted or deferred, still reported): `affected`, the reason and expiry as
    ///   action statement.
    ///
    /// The products are the exception's images, with its purls as subcomponents, else its purls. Exceptions
    /// without a purl or image (broad ones) name no product and are left out, as are expired ones; `skipped`
    /// counts them. The statement's `status_notes` names the exception's location (its stored version), owner
    /// and expiry; its timestamp is the version's.
    public func document(
        exceptions: [(exception: PolicyException, changedAt: Date)], createdAt: Date
    ) -> (document: JSONValue, skipped: Int) {
        var statements: [JSONValue] = []
        var skipped = 0
        for (exception, changedAt) in exceptions {
            guard !exception.isExpired(at: createdAt), let first = exception.ids.first else {
                skipped += 1
                continue
            }
            let purls = exception.purls.map(\.description)
            let products: [JSONValue] =
                exception.images.isEmpty
                ? purls.map { .object([("@id", .string($0))]) }
                : exception.images.map { image in
                    var product = JSONObjectBuilder()
                    product.add("@id", .string(image.text))
                    product.add("subcomponents", nonEmpty: .array(purls.map { .object([("@id", .string($0))]) }))
                    return product.value
                }
            guard !products.isEmpty else {
                skipped += 1
                continue
            }
            var vulnerability = JSONObjectBuilder()
            vulnerability.add("name", .string(first))
            vulnerability.add("aliases", strings: Array(exception.ids.dropFirst()))
            var object = JSONObjectBuilder()
            object.add("vulnerability", vulnerability.value)
            object.add("timestamp", .string(TrivyJSONReport.timestamp(changedAt, fractional: false)))
            object.add("products", .array(products))
            let expiry = exception.expires.map(PolicyDate.expiryString) ?? "?"
            let reason = exception.reason ?? "exception"
            if exception.action == .ignore {
                object.add("status", .string(VEXStatus.notAffected.rawValue))
                object.add("impact_statement", .string(reason))
            } else {
                object.add("status", .string(VEXStatus.affected.rawValue))
                object.add("action_statement", .string("Risk accepted until \(expiry): \(reason)"))
            }
            object.add(
                "status_notes",
                .string(
                    "Drydock exception \(exception.location.description), owner \(exception.owner ?? "?"), "
                        + "expires \(expiry)"))
            statements.append(object.value)
        }
        return (envelope(statements, createdAt: createdAt), skipped)
    }
}
