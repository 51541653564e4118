import Foundation

/// Small Alpine-like images for the registry tests, and a multi-platform OCI layout built from them.
public enum RegistryFixtures {
    /// An Alpine 3.19 image whose only package is `musl` at `muslVersion`, for `architecture`.
    public static func alpine(muslVersion: String, architecture: String = "amd64", tag: String = "1.0")
        -> ImageFixtures.ImageSpec
    {
        let base: [String: FileSpec] = [
            "etc/alpine-release": .file("3.19.1\n"),
            "etc/os-release": .file(
                "NAME=\"Alpine Linux\"\nID=alpine\nVERSION_ID=3.19.1\nPRETTY_NAME=\"Alpine Linux v3.19\"\n"),
            "lib/apk/db/installed": .file("P:musl\nV:\(muslVersion)\nA:x86_64\no:musl\nL:MIT\n\n"),
        ]
        let extra: [String: FileSpec] = [
            "srv/app/readme.txt": .file(String(repeating: "drydock registry test\n", count: 4000))
        ]
        return ImageFixtures.ImageSpec(
            layers: [base, extra], config: ImageFixtures.ConfigSpec(architecture: architecture), tags: [tag])
    }

    /// An Alpine secdb file (`main.json`) saying musl is fixed in 1.2.4-r3 for CVE-2099-0001.
    public static func writeSecDB() throws -> URL {
        let directory = try PackagePaths.temporaryDirectory("registry-secdb")
        let text = """
            {"distroversion":"v3.19","reponame":"main","urlprefix":"https://dl-cdn.alpinelinux.org/alpine",\
            "apkurl":"{{urlprefix}}/{{distroversion}}/{{reponame}}/{{arch}}/{{pkg.name}}-{{pkg.ver}}.apk",\
            "packages":[{"pkg":{"name":"musl","secfixes":{"1.2.4-r3":["CVE-2099-0001"]}}}]}
            """
        let file = directory.appendingPathComponent("main.json")
        try Data(text.utf8).write(to: file)
        return file
    }

    /// An OCI layout whose tag `tag` names an image index of `images` (each with its config's
    /// platform), the shape `docker buildx` pushes; plus an attestation-like `unknown/unknown` entry.
    public static func multiPlatformLayout(_ images: [ImageFixtures.ImageSpec], tag: String) throws -> URL {
        try ImageFixtures.ociLayout(images: images) { root in
            let indexURL = root.appendingPathComponent("index.json")
            let index = try JSONSerialization.jsonObject(with: Data(contentsOf: indexURL)) as? [String: Any] ?? [:]
            var entries: [[String: Any]] = []
            for (position, entry) in (index["manifests"] as? [[String: Any]] ?? []).enumerated() {
                var copy = entry
                copy.removeValue(forKey: "annotations")
                let config = images[position].config
                copy["platform"] = ["architecture": config.architecture, "os": config.os]
                entries.append(copy)
            }
            if var attestation = entries.first {
                attestation["platform"] = ["architecture": "unknown", "os": "unknown"]
                entries.append(attestation)
            }
            let nested = try ImageFixtures.json([
                "schemaVersion": 2, "mediaType": "application/vnd.oci.image.index.v1+json", "manifests": entries,
            ])
            let digest = try ImageFixtures.writeBlob(nested, root: root)
            let top: [String: Any] = [
                "schemaVersion": 2, "mediaType": "application/vnd.oci.image.index.v1+json",
                "manifests": [
                    [
                        "mediaType": "application/vnd.oci.image.index.v1+json", "digest": digest, "size": nested.count,
                        "annotations": ["org.opencontainers.image.ref.name": tag],
                    ]
                ],
            ]
            try ImageFixtures.json(top).write(to: indexURL)
        }
    }
}
