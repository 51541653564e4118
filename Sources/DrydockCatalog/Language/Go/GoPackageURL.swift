import DrydockModel

/// Builds Go packages and their purls: `pkg:golang/github.com/foo/bar@v1.2.3`.
public enum GoPackageURL {
    /// A Go package for module `name` at `version`, read from `filePath`.
    public static func package(name: String, version: String, filePath: String) -> Package {
        Package(
            name: name, version: version, ecosystem: .go, purl: purl(name: name, version: version), filePath: filePath)
    }

    /// The purl of module `name` at `version`: the path's last element is the purl name, the rest its
    /// namespace; each segment is percent-encoded. Without a version the purl has none.
    public static func purl(name: String, version: String) -> String {
        let segments = name.split(separator: "/").map { PackageURLEncoding.encode(String($0)) }
        let base = "pkg:golang/" + segments.joined(separator: "/")
        return version.isEmpty ? base : base + "@" + PackageURLEncoding.encode(version)
    }
}

/// Percent-encoding of purl components: only `A-Z a-z 0-9 . - _ ~` stay literal.
enum PackageURLEncoding {
    static func encode(_ text: String) -> String {
        var result = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                result.append(Character(Unicode.Scalar(byte)))
            default:
                let hex = Array("0123456789ABCDEF")
                result += "%" + String(hex[Int(byte >> 4)]) + String(hex[Int(byte & 15)])
            }
        }
        return result
    }
}
