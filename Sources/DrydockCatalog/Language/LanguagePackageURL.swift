import DrydockModel

/// Forms package URLs (purl) for language packages, following the purl spec's per-type rules.
public enum LanguagePackageURL {
    /// The purl of `name`@`version` in `ecosystem`, or `nil` when the ecosystem has no purl type.
    public static func make(name: String, version: String, ecosystem: Ecosystem) -> String? {
        let version = encode(version)
        switch ecosystem {
        case .pypi:
            return "pkg:pypi/\(encode(PythonName.normalize(name)))@\(version)"
        case .npm:
            return "pkg:npm/\(namespaced(name))@\(version)"
        case .rubyGems:
            return "pkg:gem/\(encode(name))@\(version)"
        case .packagist:
            return "pkg:composer/\(namespaced(name))@\(version)"
        case .nuget:
            return "pkg:nuget/\(encode(name))@\(version)"
        case .pub:
            return "pkg:pub/\(encode(name))@\(version)"
        case .hex:
            return "pkg:hex/\(encode(name.lowercased()))@\(version)"
        case .conanCenter:
            return "pkg:conan/\(encode(name))@\(version)"
        case .cocoaPods:
            // A subspec (`AppCenter/Analytics`) is the pod's subpath: `pkg:cocoapods/AppCenter@4.2.0#Analytics`.
            guard let slash = name.firstIndex(of: "/") else { return "pkg:cocoapods/\(encode(name))@\(version)" }
            let subpath = name[name.index(after: slash)...].split(separator: "/").map { encode(String($0)) }
            return "pkg:cocoapods/\(encode(String(name[..<slash])))@\(version)#" + subpath.joined(separator: "/")
        case .conda:
            return "pkg:conda/\(encode(name))@\(version)"
        case .swiftURL:
            return "pkg:swift/\(namespaced(name))@\(version)"
        default:
            return nil
        }
    }

    /// A Julia package's purl, which carries its UUID: `pkg:julia/JSON@0.21.4?uuid=682c06a0-…`.
    public static func julia(name: String, version: String, uuid: String) -> String {
        "pkg:julia/\(encode(name))@\(encode(version))?uuid=\(encode(uuid))"
    }

    /// `@scope/name` → `%40scope/name`; other slashes separate namespace components.
    private static func namespaced(_ name: String) -> String {
        name.split(separator: "/", omittingEmptySubsequences: false).map { encode(String($0)) }.joined(
            separator: "/")
    }

    /// Percent-encodes everything but unreserved characters.
    static func encode(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"), UInt8(ascii: "+"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                out += byte < 16 ? "%0\(hex)" : "%\(hex)"
            }
        }
        return out
    }
}

/// Builds a language `Package` with its purl.
enum LanguagePackage {
    /// A package of `ecosystem` read from `path`.
    static func make(
        name: String, version: String, ecosystem: Ecosystem, path: String, licenses: [String] = [],
        relationship: PackageRelationship? = nil, isDevelopment: Bool = false
    ) -> Package {
        Package(
            name: name, version: version, ecosystem: ecosystem, licenses: licenses,
            purl: LanguagePackageURL.make(name: name, version: version, ecosystem: ecosystem), filePath: path,
            relationship: relationship, isDevelopment: isDevelopment)
    }
}
