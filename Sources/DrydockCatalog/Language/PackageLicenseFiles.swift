import DrydockLicenses
import DrydockModel

/// The files that declare the licenses of packages a lockfile or metadata file lists without them — NuGet's
/// `.nuspec` files in a global packages folder, the `Cargo.toml` of vendored or downloaded crates, the license
/// files of modules in a Go module cache and of installed Python distributions — as `LanguageFormat`s. Each leaves a `ProjectFile.packageLicenses` for
/// `ProjectResolver`, which gives those licenses to the lockfile's packages of the same name and version.
///
/// Unlike Trivy, which looks for `.nuspec` files and Go modules on the machine that runs the scan (its
/// `$HOME/.nuget/packages`, its `$GOPATH/pkg/mod`), Drydock reads them only from the scanned tree: licenses
/// are the target's, never the scanning machine's.
public enum PackageLicenseFiles {
    /// `*.nuspec`: `<license type="expression">` (an SPDX expression), else a `<licenseUrl>` that is a known
    /// license's page (`https://licenses.nuget.org/MIT`, `https://opensource.org/licenses/MIT`).
    public static let nuspec = LanguageFormat(
        type: .nuspec, rules: [NameRule(suffix: ".nuspec")],
        parse: { bytes, path throws(CatalogError) in
            let root: XMLElement
            do {
                root = try XMLElement.parse(bytes)
            } catch {
                throw CatalogError(code: .malformedLockfile, reason: "not well-formed XML: \(error)", location: path)
            }
            guard let metadata = root.child("metadata"), let id = metadata.value("id"),
                let version = metadata.value("version")
            else { return LanguageFile(type: .nuspec, packages: []) }
            var licenses: [String] = []
            if let license = metadata.value("license"), isSPDXExpression(license) {
                licenses = [license]
            } else if let url = metadata.value("licenseUrl") {
                let nuget = "https://licenses.nuget.org/"
                if url.hasPrefix(nuget), isSPDXExpression(String(url.dropFirst(nuget.count))) {
                    licenses = [String(url.dropFirst(nuget.count))]
                } else if LicenseNames.known(url) != nil {
                    licenses = [url]
                }
            }
            return LanguageFile(
                type: .nuspec, packages: [],
                project: .packageLicenses(
                    PackageLicenseKey(ecosystem: .nuget, name: id, version: version), licenses))
        })

    /// `Cargo.toml` of a crate in a `vendor` folder (`cargo vendor`) or in Cargo's registry sources
    /// (`~/.cargo/registry/src/…`): `[package]` `license`.
    public static let crateManifest = LanguageFormat(
        type: .cargoManifest,
        rules: [NameRule(name: "Cargo.toml", ancestor: "vendor"), NameRule(name: "Cargo.toml", ancestor: "registry")],
        parse: { bytes, path throws(CatalogError) in
            let document = try TOMLReader.parse(bytes, path: path)
            guard let package = document["package"], let name = package["name"]?.string,
                let version = package["version"]?.string, let license = package["license"]?.string, !license.isEmpty
            else { return LanguageFile(type: .cargoManifest, packages: []) }
            return LanguageFile(
                type: .cargoManifest, packages: [],
                project: .packageLicenses(
                    PackageLicenseKey(ecosystem: .cratesIO, name: name, version: version), [license]))
        })

    /// The license file at the root of a module in a Go module cache (`…/pkg/mod/MODULE@VERSION/LICENSE`),
    /// recognised from its text; the module path is unescaped (`!burnt!sushi` → `BurntSushi`).
    public static let goModuleLicense = LanguageFormat(
        type: .goModuleLicense,
        rules: ["LICENSE", "LICENSE.txt", "LICENSE.md", "LICENCE", "COPYING", "LICENSE-MIT", "LICENSE-APACHE"].map {
            NameRule(name: $0, ancestor: "mod")
        },
        parse: { bytes, path throws(CatalogError) in
            guard let (module, version) = goModule(ofLicense: path), LicenseFileAnalyzer.isText(bytes.prefix(300))
            else { return LanguageFile(type: .goModuleLicense, packages: []) }
            let licenses = LicenseTextClassifier.classify(String(decoding: bytes, as: UTF8.self)).map(\.name)
            return LanguageFile(
                type: .goModuleLicense, packages: [],
                project: .packageLicenses(
                    PackageLicenseKey(ecosystem: .go, name: module, version: version), licenses))
        })

    /// The license file of an installed Python distribution (`NAME-VERSION.dist-info/LICENSE`, or in its
    /// `licenses/` folder as PEP 639 places them), recognised from its text: Trivy's `License-File` fallback,
    /// used for packages whose metadata names no license.
    public static let pythonLicenseFile = LanguageFormat(
        type: .pythonLicense,
        rules: ["LICENSE", "LICENSE.txt", "LICENSE.md", "LICENSE.rst", "LICENCE", "COPYING", "COPYING.txt"].flatMap {
            [NameRule(name: $0, parentSuffix: ".dist-info"), NameRule(name: $0, parent: "licenses")]
        },
        parse: { bytes, path throws(CatalogError) in
            guard let (name, version) = pythonDistribution(ofLicense: path),
                LicenseFileAnalyzer.isText(bytes.prefix(300))
            else { return LanguageFile(type: .pythonLicense, packages: []) }
            let licenses = LicenseTextClassifier.classify(String(decoding: bytes, as: UTF8.self)).map(\.name)
            return LanguageFile(
                type: .pythonLicense, packages: [],
                project: .packageLicenses(PackageLicenseKey(ecosystem: .pypi, name: name, version: version), licenses))
        })

    /// An installed Conda package's `conda-meta/*.json` in a project directory: its `license`, for the
    /// `environment.yml` packages of the same name and version. Trivy reads it from the `prefix` the
    /// `environment.yml` names, on the machine that runs the scan; Drydock from the scanned tree only (an
    /// environment made with `conda create -p ./env` inside the project), whatever its prefix.
    public static let condaMeta = LanguageFormat(
        type: .condaMetaLicense, rules: [NameRule(suffix: ".json", parent: "conda-meta")],
        parse: { bytes, path throws(CatalogError) in
            let installed = try CondaMetaParser.parse(bytes, path: path)
            guard let package = installed.packages.first, !package.licenses.isEmpty else {
                return LanguageFile(type: .condaMetaLicense, packages: [])
            }
            return LanguageFile(
                type: .condaMetaLicense, packages: [],
                project: .packageLicenses(
                    PackageLicenseKey(ecosystem: .conda, name: package.name, version: package.version),
                    package.licenses))
        })

    /// `…/six-1.16.0.dist-info/LICENSE` or `…/six-1.16.0.dist-info/licenses/LICENSE` → (`six`, `1.16.0`).
    static func pythonDistribution(ofLicense path: String) -> (String, String)? {
        var folders = path.split(separator: "/").dropLast()
        if folders.last == "licenses" { folders = folders.dropLast() }
        guard let folder = folders.last, folder.hasSuffix(".dist-info") else { return nil }
        let stem = folder.dropLast(".dist-info".count)
        guard let dash = stem.firstIndex(of: "-") else { return nil }
        return (String(stem[..<dash]), String(stem[stem.index(after: dash)...]))
    }

    /// `…/pkg/mod/github.com/!burnt!sushi/toml@v1.3.2/LICENSE` → (`github.com/BurntSushi/toml`, `v1.3.2`);
    /// `nil` unless the file is directly in a `MODULE@VERSION` folder of a module cache.
    static func goModule(ofLicense path: String) -> (String, String)? {
        let components = path.split(separator: "/")
        guard components.count >= 4, let cache = components.lastIndex(of: "mod"), cache > 0,
            components[cache - 1] == "pkg", cache + 2 < components.count,
            let folder = components.dropLast().last, let at = folder.lastIndex(of: "@")
        else { return nil }
        let escaped = (components[(cache + 1)..<(components.count - 2)] + [folder[..<at]]).joined(separator: "/")
        let version = String(folder[folder.index(after: at)...])
        guard !escaped.isEmpty, !version.isEmpty, components[cache + 1] != "cache" else { return nil }
        var module = ""
        var upper = false
        for character in escaped {
            if character == "!" {
                upper = true
            } else {
                module.append(upper ? Character(character.uppercased()) : character)
                upper = false
            }
        }
        return (module, version)
    }

    /// Whether `text` is an SPDX expression of known licenses (not a file name or prose).
    static func isSPDXExpression(_ text: String) -> Bool {
        guard let expression = LicenseExpressionParser.parse(text) else { return false }
        return expression.terms.allSatisfy { !$0.isReference }
    }

    /// Read in images, root filesystems and project directories alike.
    public static let all: [LanguageFormat] = [nuspec, crateManifest, goModuleLicense, pythonLicenseFile]
}

/// A package as a license-declaring file names it: ecosystem, name and version, compared as each ecosystem
/// compares them (NuGet IDs in any case, Go versions with or without their `v`).
public struct PackageLicenseKey: Sendable, Hashable, Codable {
    public var ecosystem: Ecosystem
    public var name: String
    public var version: String

    public init(ecosystem: Ecosystem, name: String, version: String) {
        self.ecosystem = ecosystem
        switch ecosystem {
        case .nuget: self.name = name.lowercased()
        // PEP 503: case, `-`, `_` and `.` do not distinguish Python names (`zope.interface`, `zope_interface`).
        case .pypi:
            self.name = String(name.lowercased().map { $0 == "_" || $0 == "." ? "-" : $0 })
        default: self.name = name
        }
        var version = version.hasPrefix("v") ? String(version.dropFirst()).lowercased() : version.lowercased()
        // A .nuspec may add build metadata (`5.7.0+b804bf4`) that lockfiles and folder names leave out.
        if ecosystem == .nuget, let plus = version.firstIndex(of: "+") { version = String(version[..<plus]) }
        self.version = version
    }

    /// The key of `package`.
    public init(_ package: Package) {
        self.init(ecosystem: package.ecosystem, name: package.name, version: package.version)
    }
}
