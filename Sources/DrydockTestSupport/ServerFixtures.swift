import Foundation

extension ImageFixtures {
    /// An Alpine 3.10 `docker save` tarball in two layers — the OS files and an apk DB with musl, then an apk
    /// DB that adds openssl — tagged `test/alpine-app:1.0`: the packages `AdvisoryFeedFixtures` has
    /// advisories for. `openssl` sets the second layer's openssl version (another image, another diffID).
    public static func alpineArchive(openssl: String = "1.1.1c-r0") throws -> URL {
        func apk(_ packages: [(String, String)]) -> String {
            packages.map { "P:\($0.0)\nV:\($0.1)\nA:x86_64\no:\($0.0)\nL:MIT\n" }.joined(separator: "\n") + "\n"
        }
        let base: [String: FileSpec] = [
            "etc/alpine-release": .file("3.10.4\n"),
            "etc/os-release": .file(
                "NAME=\"Alpine Linux\"\nID=alpine\nVERSION_ID=3.10.4\nPRETTY_NAME=\"Alpine Linux v3.10\"\n"),
            "lib/apk/db/installed": .file(apk([("musl", "1.1.22-r2")])),
        ]
        let app: [String: FileSpec] = [
            "lib/apk/db/installed": .file(apk([("musl", "1.1.22-r2"), ("openssl", openssl)]))
        ]
        return try dockerArchive(layers: [base, app], repoTags: ["test/alpine-app:1.0"])
    }
}

/// Small SBOM documents in the shape CycloneDX tools write.
public enum SBOMFixtures {
    /// A CycloneDX 1.5 JSON SBOM of an image with `os` (name, version) and `packages` (purl type,
    /// namespace, name, version).
    public static func cycloneDX(os: (String, String), packages: [(String, String, String, String)]) -> String {
        let components = packages.enumerated().map { index, package in
            let purl = "pkg:\(package.0)/\(package.1)/\(package.2)@\(package.3)"
            return
                #"{"bom-ref": "pkg-\#(index)", "type": "library", "name": "\#(package.2)", "version": "\#(package.3)", "purl": "\#(purl)"}"#
        }
        let osComponent = #"{"bom-ref": "os", "type": "operating-system", "name": "\#(os.0)", "version": "\#(os.1)"}"#
        return #"""
            {"bomFormat": "CycloneDX", "specVersion": "1.5", "version": 1,
             "metadata": {"component": {"bom-ref": "image", "type": "container", "name": "test-image"}},
             "components": [\#(([osComponent] + components).joined(separator: ", "))]}
            """#
    }
}
