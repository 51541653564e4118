import DrydockModel
import DrydockPolicy
import Foundation
import Mustache

/// Renders a report through a user's Mustache template (`--format template --template FILE`).
///
/// The template sees the JSON report under Trivy's field names (`ArtifactName`, `Results`, each result's
/// `Vulnerabilities`, `Misconfigurations`, …) plus helpers that a logic-less template cannot compute
/// (``TemplateContext``): `Findings` and `AllVulnerabilities` (every reported finding across targets, flat, so
/// `{{^first()}},{{/first()}}` separates them), `Now`, `DrydockVersion`, `Image`, `OperatingSystem` and `Env`.
/// `{{% CONTENT_TYPE: JSON}}` escapes values for JSON strings, `HTML` (the default) for HTML and XML, `TEXT`
/// not at all. The templates in `contrib/` rewrite Trivy's Go templates for the common formats.
public struct TemplateReport: Sendable {
    public var template: String
    /// Where the template was read from, for errors.
    public var templateName: String
    public var toolVersion: String
    public var environment: [String: String]

    public init(template: String, templateName: String, toolVersion: String, environment: [String: String] = [:]) {
        self.template = template
        self.templateName = templateName
        self.toolVersion = toolVersion
        self.environment = environment
    }

    /// The rendered text, or an error naming the template and what is wrong in it.
    public func render(_ report: ScanReport) throws(ReportError) -> [UInt8] {
        TemplateContentTypes.register()
        let parsed: MustacheTemplate
        do {
            parsed = try MustacheTemplate(string: template)
        } catch {
            throw ReportError(reason: "template \(templateName) cannot be parsed: \(error)")
        }
        let context = TemplateContext(report: report, toolVersion: toolVersion, environment: environment).value
        return Array(parsed.render(context).utf8)
    }
}

/// An error from a report writer (a template that does not parse, say), with what the user can do.
public struct ReportError: Error, Sendable, Hashable, CustomStringConvertible {
    public var reason: String

    public init(reason: String) {
        self.reason = reason
    }

    public var description: String { reason }
}

/// The `JSON` and `XML` content types templates may declare with `{{% CONTENT_TYPE: NAME}}`.
enum TemplateContentTypes {
    private static let registration: Void = {
        MustacheContentTypes.register(JSONStringContent(), named: "JSON")
        MustacheContentTypes.register(XMLContent(), named: "XML")
    }()

    static func register() { _ = registration }
}

/// Escapes a value for the inside of a JSON string (quotes, backslashes, control characters).
struct JSONStringContent: MustacheContentType {
    func escapeText(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case let control where control.value < 0x20:
                out += String(format: "\\u%04x", control.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

/// Escapes a value for XML text and attributes.
struct XMLContent: MustacheContentType {
    func escapeText(_ text: String) -> String { XMLText.escape(text) }
}
