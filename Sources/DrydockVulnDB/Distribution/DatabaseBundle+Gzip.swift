import Foundation

extension DatabaseBundle {
    /// Writes the gzip-compressed bundle of the DB at `databasePath` (and its `metadata.json`) to
    /// `bundlePath`, reading the DB in 1 MiB chunks so it is never held whole in memory; refuses when
    /// `metadata.json` is missing or does not describe the DB file. Returns the metadata bundled.
    public static func writeCompressed(databasePath: String, to bundlePath: String) throws(VulnDBError)
        -> DatabaseMetadata
    {
        guard let metadata = try DatabaseMetadata.read(forDatabase: databasePath) else {
            throw VulnDBError(
                code: .notFound, reason: "no metadata.json beside the DB (rebuild it with this drydock)",
                location: databasePath)
        }
        guard try DatabaseMetadata.digest(ofFile: databasePath) == metadata.digest else {
            throw VulnDBError(
                code: .verificationFailed, reason: "metadata.json does not describe this DB file (digest differs)",
                location: databasePath)
        }
        guard let handle = FileHandle(forReadingAtPath: databasePath),
            let size = (try? FileManager.default.attributesOfItem(atPath: databasePath))?[.size] as? NSNumber
        else {
            throw VulnDBError(code: .ioFailure, reason: "cannot read the DB", location: databasePath)
        }
        defer { try? handle.close() }
        let file = try AtomicFile(destination: bundlePath)
        do throws(VulnDBError) {
            let gzip = try GzipFile.Writer(output: file)
            try gzip.write(TarArchive.header(name: databaseMember, size: size.intValue))
            var copied = 0
            while true {
                let chunk: Data?
                do {
                    chunk = try handle.read(upToCount: 1 << 20)
                } catch {
                    throw VulnDBError(
                        code: .ioFailure, reason: "cannot read the DB", location: databasePath, underlying: "\(error)")
                }
                guard let chunk, !chunk.isEmpty else { break }
                copied += chunk.count
                try gzip.write(chunk)
            }
            guard copied == size.intValue else {
                throw VulnDBError(code: .ioFailure, reason: "the DB changed while it was read", location: databasePath)
            }
            try gzip.write(TarArchive.padding(after: copied))
            var rest: [UInt8] = []
            TarArchive.append(name: metadataMember, contents: try metadata.encoded(), to: &rest)
            rest += [UInt8](repeating: 0, count: 1024)
            try gzip.write(rest)
            try gzip.finish()
            try file.commit()
        } catch {
            file.abandon()
            throw error
        }
        return metadata
    }
}
