import Foundation

extension ImageFixtures {
    /// The image config written into a test image.
    public struct ConfigSpec: Sendable {
        /// `architecture` field.
        public var architecture: String
        /// `os` field.
        public var os: String
        /// `created_by` per layer; `nil` writes no history.
        public var createdBy: [String]?
        /// Replaces the computed `rootfs.diff_ids` (to build mismatching images).
        public var diffIDs: [String]?
        /// `config.Labels` (Dockerfile `LABEL`s).
        public var labels: [String: String]

        /// A linux/amd64 config; history and diffIDs default to the layers' own.
        public init(
            architecture: String = "amd64", os: String = "linux", createdBy: [String]? = nil, diffIDs: [String]? = nil,
            labels: [String: String] = [:]
        ) {
            self.architecture = architecture
            self.os = os
            self.createdBy = createdBy
            self.diffIDs = diffIDs
            self.labels = labels
        }
    }

    /// One image of a test archive or layout.
    public struct ImageSpec: Sendable {
        /// Layers, base first: path → content.
        public var layers: [[String: FileSpec]]
        /// The config to write.
        public var config: ConfigSpec
        /// Tags (`RepoTags` in a docker-archive, the `ref.name` annotation in an OCI layout).
        public var tags: [String]

        /// An image of `layers` with `config` and `tags`.
        public init(layers: [[String: FileSpec]], config: ConfigSpec = ConfigSpec(), tags: [String] = []) {
            self.layers = layers
            self.config = config
            self.tags = tags
        }
    }

    /// How a docker-archive names its members.
    public enum DockerLayout: Sendable {
        /// `<id>/layer.tar` and `<hex>.json` (Docker before 25).
        case legacy
        /// `blobs/sha256/<hex>` for layers and config, plus `index.json` and `oci-layout` (Docker 25+, Podman).
        case blobs
    }

    /// A built layer: the tar (or compressed) blob with its digests.
    struct BuiltLayer {
        var blob: URL
        var diffID: String
        var digest: String
    }

    static func buildLayer(_ files: [String: FileSpec], gzip compress: Bool) throws -> BuiltLayer {
        let tarURL = try layerTar(files)
        let diffID = try sha256(tarURL)
        let blob = compress ? try gzip(tarURL) : tarURL
        return BuiltLayer(blob: blob, diffID: diffID, digest: try sha256(blob))
    }

    static func configJSON(_ spec: ConfigSpec, diffIDs: [String]) throws -> Data {
        var inner: [String: Any] = ["Env": ["PATH=/usr/sbin:/usr/bin:/sbin:/bin"]]
        if !spec.labels.isEmpty { inner["Labels"] = spec.labels }
        var config: [String: Any] = [
            "architecture": spec.architecture, "os": spec.os, "created": "2024-01-01T00:00:00Z",
            "config": inner,
            "rootfs": ["type": "layers", "diff_ids": spec.diffIDs ?? diffIDs],
        ]
        if let createdBy = spec.createdBy {
            var history: [[String: Any]] = createdBy.map { ["created_by": $0] }
            history.append(["created_by": "/bin/sh -c #(nop)  CMD [\"/bin/sh\"]", "empty_layer": true])
            config["history"] = history
        }
        return try json(config)
    }

    static func json(_ object: Any) throws -> Data {
        try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
    }

    /// Writes `data` as a content-addressed blob under `root/blobs/sha256/`; returns its digest.
    @discardableResult
    static func writeBlob(_ data: Data, root: URL) throws -> String {
        let temp = root.appendingPathComponent("blob.tmp")
        try data.write(to: temp)
        return try moveBlob(temp, root: root)
    }

    static func moveBlob(_ file: URL, root: URL) throws -> String {
        let digest = try sha256(file)
        let dir = root.appendingPathComponent("blobs/sha256", isDirectory: true)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let target = dir.appendingPathComponent(String(digest.dropFirst("sha256:".count)))
        if FileManager.default.fileExists(atPath: target.path) {
            try FileManager.default.removeItem(at: file)
        } else {
            try FileManager.default.moveItem(at: file, to: target)
        }
        return digest
    }

    /// Packs a staged directory as the final archive, gzip-compressed when asked.
    static func pack(_ stage: URL, compress: Bool) throws -> URL {
        let output = stage.deletingLastPathComponent().appendingPathComponent("image.tar")
        try tar(directory: stage, output: output)
        return compress ? try gzip(output) : output
    }

    /// Builds a `docker save` tarball of one image.
    ///
    /// `mutate` runs on the staged directory before packing (delete a layer, rewrite the manifest…).
    public static func dockerArchive(
        layers: [[String: FileSpec]], config: ConfigSpec = ConfigSpec(), repoTags: [String] = ["test/image:1.0"],
        gzipLayers: Bool = false, compressOuter: Bool = false, layout: DockerLayout = .legacy,
        mutate: ((URL) throws -> Void)? = nil
    ) throws -> URL {
        try dockerArchive(
            images: [ImageSpec(layers: layers, config: config, tags: repoTags)], gzipLayers: gzipLayers,
            compressOuter: compressOuter, layout: layout, mutate: mutate)
    }

    /// Builds a `docker save` tarball holding several images (`manifest.json` lists each).
    public static func dockerArchive(
        images: [ImageSpec], gzipLayers: Bool = false, compressOuter: Bool = false, layout: DockerLayout = .legacy,
        mutate: ((URL) throws -> Void)? = nil
    ) throws -> URL {
        let work = try temporaryDirectory(prefix: "drydock-docker")
        let stage = work.appendingPathComponent("stage", isDirectory: true)
        try FileManager.default.createDirectory(at: stage, withIntermediateDirectories: true)
        var manifest: [[String: Any]] = []
        var index: [[String: Any]] = []
        for image in images {
            var layerPaths: [String] = []
            var diffIDs: [String] = []
            var descriptors: [[String: Any]] = []
            for files in image.layers {
                let built = try buildLayer(files, gzip: gzipLayers)
                diffIDs.append(built.diffID)
                let size = try FileManager.default.attributesOfItem(atPath: built.blob.path)[.size] as? Int ?? 0
                descriptors.append([
                    "mediaType": gzipLayers
                        ? "application/vnd.oci.image.layer.v1.tar+gzip" : "application/vnd.oci.image.layer.v1.tar",
                    "digest": built.digest, "size": size,
                ])
                switch layout {
                case .legacy:
                    let id = String(built.diffID.dropFirst("sha256:".count))
                    let dir = stage.appendingPathComponent(id, isDirectory: true)
                    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
                    let target = dir.appendingPathComponent("layer.tar")
                    if !FileManager.default.fileExists(atPath: target.path) {
                        try FileManager.default.copyItem(at: built.blob, to: target)
                    }
                    try Data("1.0".utf8).write(to: dir.appendingPathComponent("VERSION"))
                    try Data("{\"id\":\"\(id)\"}".utf8).write(to: dir.appendingPathComponent("json"))
                    layerPaths.append("\(id)/layer.tar")
                case .blobs:
                    let copy = stage.appendingPathComponent("layer.tmp")
                    try FileManager.default.copyItem(at: built.blob, to: copy)
                    let digest = try moveBlob(copy, root: stage)
                    layerPaths.append("blobs/sha256/" + digest.dropFirst("sha256:".count))
                }
            }
            let configData = try configJSON(image.config, diffIDs: diffIDs)
            let configPath: String
            switch layout {
            case .legacy:
                let temp = work.appendingPathComponent("config.json")
                try configData.write(to: temp)
                configPath = try String(sha256(temp).dropFirst("sha256:".count)) + ".json"
                try configData.write(to: stage.appendingPathComponent(configPath))
            case .blobs:
                let configDigest = try writeBlob(configData, root: stage)
                configPath = "blobs/sha256/" + configDigest.dropFirst("sha256:".count)
                let manifestData = try json([
                    "schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
                    "config": [
                        "mediaType": "application/vnd.oci.image.config.v1+json", "digest": configDigest,
                        "size": configData.count,
                    ],
                    "layers": descriptors,
                ])
                var descriptor: [String: Any] = [
                    "mediaType": "application/vnd.oci.image.manifest.v1+json",
                    "digest": try writeBlob(manifestData, root: stage), "size": manifestData.count,
                ]
                if let tag = image.tags.first {
                    descriptor["annotations"] = [
                        "io.containerd.image.name": tag,
                        "org.opencontainers.image.ref.name": tag.split(separator: ":").last.map(String.init) ?? tag,
                    ]
                }
                index.append(descriptor)
            }
            manifest.append(["Config": configPath, "RepoTags": image.tags, "Layers": layerPaths])
        }
        try json(manifest).write(to: stage.appendingPathComponent("manifest.json"))
        if layout == .blobs {
            // Docker 25+ also writes an OCI index; Drydock must prefer manifest.json over it.
            try json(["schemaVersion": 2, "manifests": index]).write(to: stage.appendingPathComponent("index.json"))
            try Data("{\"imageLayoutVersion\":\"1.0.0\"}".utf8).write(to: stage.appendingPathComponent("oci-layout"))
        } else {
            try Data("{}".utf8).write(to: stage.appendingPathComponent("repositories"))
        }
        try mutate?(stage)
        return try pack(stage, compress: compressOuter)
    }

    /// Builds an OCI image layout holding `images` (each tagged with its first tag), as a directory or,
    /// with `packAsTar`, as a tar (gzip-compressed with `compressOuter`). `nestedIndex` wraps each
    /// image's manifest in a multi-platform index, the way `docker buildx` and `skopeo` write them.
    public static func ociLayout(
        images: [ImageSpec], gzipLayers: Bool = true, nestedIndex: Bool = false, packAsTar: Bool = false,
        compressOuter: Bool = false, mutate: ((URL) throws -> Void)? = nil
    ) throws -> URL {
        let work = try temporaryDirectory(prefix: "drydock-oci")
        let root = work.appendingPathComponent("layout", isDirectory: true)
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let layerType =
            gzipLayers ? "application/vnd.oci.image.layer.v1.tar+gzip" : "application/vnd.oci.image.layer.v1.tar"
        var top: [[String: Any]] = []
        for image in images {
            var layers: [[String: Any]] = []
            var diffIDs: [String] = []
            for files in image.layers {
                let built = try buildLayer(files, gzip: gzipLayers)
                diffIDs.append(built.diffID)
                let copy = root.appendingPathComponent("layer.tmp")
                try FileManager.default.copyItem(at: built.blob, to: copy)
                let size = try FileManager.default.attributesOfItem(atPath: copy.path)[.size] as? Int ?? 0
                layers.append(["mediaType": layerType, "digest": try moveBlob(copy, root: root), "size": size])
            }
            let configData = try configJSON(image.config, diffIDs: diffIDs)
            let manifestData = try json([
                "schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
                "config": [
                    "mediaType": "application/vnd.oci.image.config.v1+json",
                    "digest": try writeBlob(configData, root: root), "size": configData.count,
                ],
                "layers": layers,
            ])
            var descriptor: [String: Any] = [
                "mediaType": "application/vnd.oci.image.manifest.v1+json",
                "digest": try writeBlob(manifestData, root: root), "size": manifestData.count,
            ]
            if nestedIndex {
                descriptor["platform"] = ["architecture": image.config.architecture, "os": image.config.os]
                let attestation: [String: Any] = [
                    "mediaType": "application/vnd.oci.image.manifest.v1+json",
                    "digest": descriptor["digest"] ?? "", "size": manifestData.count,
                    "platform": ["architecture": "unknown", "os": "unknown"],
                ]
                let indexData = try json([
                    "schemaVersion": 2, "mediaType": "application/vnd.oci.image.index.v1+json",
                    "manifests": [descriptor, attestation],
                ])
                descriptor = [
                    "mediaType": "application/vnd.oci.image.index.v1+json",
                    "digest": try writeBlob(indexData, root: root), "size": indexData.count,
                ]
            }
            if let tag = image.tags.first {
                descriptor["annotations"] = ["org.opencontainers.image.ref.name": tag]
            }
            top.append(descriptor)
        }
        try json(["schemaVersion": 2, "mediaType": "application/vnd.oci.image.index.v1+json", "manifests": top])
            .write(to: root.appendingPathComponent("index.json"))
        try Data("{\"imageLayoutVersion\":\"1.0.0\"}".utf8).write(to: root.appendingPathComponent("oci-layout"))
        try mutate?(root)
        return packAsTar ? try pack(root, compress: compressOuter) : root
    }
}
