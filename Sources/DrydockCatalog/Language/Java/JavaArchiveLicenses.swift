import DrydockLicenses
import DrydockModel

/// The licenses a Java archive declares, in Trivy's order of preference: the `<licenses>` of the embedded
/// `META-INF/maven/GROUP/ARTIFACT/pom.xml` (for that artifact), then `MANIFEST.MF`'s OSGi `Bundle-License` and
/// Jenkins `Plugin-License-Name` (for the archive's own artifact), then a packed `LICENSE` file at the root or
/// in `META-INF` (when it is the only one, recognised from its text). The manifest and the license file
/// apply only when exactly one artifact belongs to the archive and it has no license yet.
struct JavaArchiveLicenses {
    /// Licenses of embedded POMs, by `group:artifact`.
    var pomLicenses: [String: [String]] = [:]
    /// Licenses `MANIFEST.MF` names.
    var manifestLicenses: [String] = []
    /// The license files packed at the root or in `META-INF`.
    var licenseFiles: [[UInt8]] = []

    /// Whether `name` (an entry of the archive) is an embedded POM: `META-INF/maven/GROUP/ARTIFACT/pom.xml`.
    static func embeddedPom(_ name: String) -> String? {
        let parts = name.split(separator: "/")
        guard parts.count == 5, parts[0] == "META-INF", parts[1] == "maven", parts[4] == "pom.xml" else { return nil }
        return "\(parts[2]):\(parts[3])"
    }

    /// Whether `name` is a license file Trivy classifies: `LICENSE`, `LICENCE` or `COPYRIGHT` (any case, any
    /// extension but an archive's) at the root or directly in `META-INF`.
    static func isLicenseFile(_ name: String) -> Bool {
        let parts = name.split(separator: "/")
        guard parts.count == 1 || (parts.count == 2 && parts[0] == "META-INF"), let base = parts.last else {
            return false
        }
        guard !JavaArchiveParser.isArchive(String(base)) else { return false }
        let stem = base.split(separator: ".", maxSplits: 1).first.map { $0.lowercased() } ?? ""
        return ["license", "licence", "copyright"].contains(stem)
    }

    /// Records the embedded POM `content` of `key` (`group:artifact`).
    mutating func addPom(_ content: [UInt8], key: String, path: String) {
        guard let pom = try? PomParser.parse(content, path: path), !pom.licenses.isEmpty else { return }
        pomLicenses[key] = pom.licenses
    }

    /// Records the licenses `MANIFEST.MF` names.
    mutating func addManifest(_ content: [UInt8]) {
        let attributes = MavenArtifact.manifestAttributes(content)
        var names = Self.bundleLicenses(attributes["Bundle-License"] ?? "")
        for key in attributes.keys.sorted() where key == "Plugin-License-Name" || key.hasPrefix("Plugin-License-Name-")
        {
            if let name = attributes[key], !name.isEmpty { names.append(name) }
        }
        manifestLicenses = names
    }

    /// The licenses of an OSGi `Bundle-License` header: entries separated by commas outside quotes, each a
    /// name (an SPDX expression or a URL) with optional `;link=URL` and `;description=…` attributes; the
    /// link is used when the name is not a license Drydock knows. `<<EXTERNAL>>` names none.
    static func bundleLicenses(_ header: String) -> [String] {
        splitUnquoted(header, ",").compactMap { entry in
            let fields = splitUnquoted(entry, ";")
            let name = fields.first.map(unquote) ?? ""
            var link: String?
            for attribute in fields.dropFirst() {
                let pair = attribute.split(separator: "=", maxSplits: 1)
                if pair.count == 2, pair[0].trimmingWhitespace() == "link" { link = unquote(String(pair[1])) }
            }
            if !name.isEmpty, name != "<<EXTERNAL>>", LicenseNames.known(name) != nil { return name }
            if let link, LicenseNames.known(link) != nil { return link }
            return name.isEmpty || name == "<<EXTERNAL>>" ? nil : name
        }
    }

    /// Gives `packages` (those of the archive at `path`) the licenses found, never replacing one.
    func attach(to packages: inout [Package], path: String) {
        for index in packages.indices where packages[index].licenses.isEmpty {
            if let licenses = pomLicenses[packages[index].name] { packages[index].licenses = licenses }
        }
        let own = packages.indices.filter { packages[$0].filePath == path }
        guard own.count == 1, let index = own.first, packages[index].licenses.isEmpty else { return }
        if !manifestLicenses.isEmpty {
            packages[index].licenses = manifestLicenses
        } else if licenseFiles.count == 1, let text = licenseFiles.first {
            packages[index].licenses = LicenseTextClassifier.classify(String(decoding: text, as: UTF8.self))
                .map(\.name)
        }
    }

    private static func splitUnquoted(_ text: String, _ separator: Character) -> [String] {
        var parts: [String] = []
        var current = ""
        var quoted = false
        for character in text {
            if character == "\"" { quoted.toggle() }
            if character == separator, !quoted {
                parts.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        parts.append(current)
        return parts.map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
    }

    private static func unquote(_ text: String) -> String {
        var text = Substring(text.trimmingWhitespace())
        while text.first == "\"" { text = text.dropFirst() }
        while text.last == "\"" { text = text.dropLast() }
        return String(text)
    }
}
