extension ImageArchive: LayeredImage {
    /// Streams every layer's uncompressed tar to `body`, one layer at a time (in archive order, which
    /// may differ from layer order; use `ImageLayer.index`).
    ///
    /// Layers are decompressed (gzip, zstd, or none) and bounded by the size and ratio limits as they stream. After `body` returns, the rest of the
    /// layer is read so its SHA-256 can be checked against the config's diffID (unless
    /// `Options.verifyDiffIDs` is off); a mismatch throws `ImageError` `malformedArchive`. Errors thrown by
    /// `body` propagate unchanged.
    public func forEachLayer(_ body: (ImageLayer, TarReader) throws -> Void) throws {
        try forEachLayer(where: { _ in true }, body)
    }

    /// Whether `Options.verifyDiffIDs` is on.
    public var verifiesDiffIDs: Bool { options.verifyDiffIDs }

    /// `forEachLayer(_:)` for the layers `include` accepts only; the others are not opened, and a compressed
    /// archive is not read a second time when none of its members is wanted.
    public func forEachLayer(where include: (ImageLayer) -> Bool, _ body: (ImageLayer, TarReader) throws -> Void)
        throws
    {
        var pending: [Int: [Int]] = [:]  // entry ordinal → layer indexes
        var archiveFile: FileByteSource?
        for layer in image.layers where include(layer) {
            switch locations[layer.index] {
            case .file(let path):
                try stream(layer, from: try FileByteSource(path: path), body)
            case .slice(let offset, let length):
                let file = try archiveFile ?? FileByteSource(path: path)
                archiveFile = file
                try stream(layer, from: FileSliceByteSource(file: file, offset: offset, length: length), body)
            case .member(_, let ordinal):
                pending[ordinal, default: []].append(layer.index)
            }
        }
        // Members of a compressed archive: one more pass in archive order (another for each repeated blob).
        while !pending.isEmpty {
            let file = try FileByteSource(path: path)
            let (source, _) = try Compression.decompressing(file, location: path)
            let outer = TarReader(source: source, location: path)
            var delivered = false
            while !pending.isEmpty, let entry = try outer.next() {
                guard var indexes = pending[outer.entryCount], !indexes.isEmpty, entry.kind == .file else { continue }
                let index = indexes.removeFirst()
                pending[outer.entryCount] = indexes.isEmpty ? nil : indexes
                try stream(image.layers[index], from: outer.contentSource(), body)
                delivered = true
            }
            if !delivered {
                throw ImageError(
                    code: .malformedManifest,
                    reason:
                        "layers \(pending.values.joined().sorted().map(String.init).joined(separator: ", ")) were not found on the second pass (did the file change?)",
                    location: path)
            }
        }
    }

    /// Decompresses one layer blob, hands its tar to `body`, then checks the diffID.
    private func stream(_ layer: ImageLayer, from raw: any ByteSource, _ body: (ImageLayer, TarReader) throws -> Void)
        throws
    {
        let location = "\(image.reference): layer \(layer.index) (\(layer.reference.digest ?? layer.path))"
        let layerStream = try LayerStream(layer: layer, raw: raw, options: options, location: location)
        try body(layer, layerStream.reader)
        try layerStream.verify()
    }
}
