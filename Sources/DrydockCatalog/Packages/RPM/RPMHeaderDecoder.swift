/// Turns an RPM header blob into an `RPMPackage`.
public enum RPMHeaderDecoder {
    /// A decoded header: the package, and what was wrong with parts of it that were dropped.
    public struct Decoded: Sendable, Hashable {
        /// The package.
        public var package: RPMPackage
        /// Problems with optional parts (a file list whose arrays disagree), already dropped from `package`.
        public var problems: [String]
    }

    /// Decodes the package fields and the file list of a header blob (index count, data length, index, data; no
    /// magic).
    ///
    /// `NAME`, `VERSION` and `RELEASE` are required. Files come from `BASENAMES` + `DIRNAMES` through
    /// `DIRINDEXES`, or from `OLDFILENAMES` in headers that predate them; entries whose `FILEMODES` mark a
    /// directory are left out. A file list whose arrays disagree is dropped with a problem noted (the package is kept).
    ///
    /// Throws `CatalogError` (`malformed-database`) whose location is `location` and the byte offset inside the
    /// blob, when the index or data are out of bounds or a required field is unreadable.
    public static func decode(_ blob: [UInt8], headerNumber: UInt32? = nil, location: String = "RPM header")
        throws(CatalogError) -> Decoded
    {
        let header: RPMHeader
        do {
            header = try RPMHeader(blob)
        } catch {
            throw CatalogError.rpm(error.reason, path: location, offset: error.offset)
        }
        guard let name = header.string(RPMTag.name) else {
            throw CatalogError.rpm("header has no readable NAME", path: location, offset: 0)
        }
        guard let version = header.string(RPMTag.version), let release = header.string(RPMTag.release) else {
            throw CatalogError.rpm("header of \(name) has no readable VERSION or RELEASE", path: location, offset: 0)
        }
        var problems: [String] = []
        let installed = files(header, problems: &problems)
        let package = RPMPackage(
            name: name, epoch: header.int32s(RPMTag.epoch)?.first.map(Int.init), version: version, release: release,
            architecture: header.string(RPMTag.arch), sourceRPM: header.string(RPMTag.sourceRPM),
            modularityLabel: header.string(RPMTag.modularityLabel), vendor: header.string(RPMTag.vendor),
            license: header.string(RPMTag.license), installedFiles: installed, headerNumber: headerNumber)
        return Decoded(package: package, problems: problems.map { "\(name): \($0)" })
    }

    /// The installed files, relative to the root, directories left out.
    static func files(_ header: RPMHeader, problems: inout [String]) -> [String] {
        var paths: [String]
        if let baseNames = header.strings(RPMTag.baseNames) {
            guard let dirNames = header.strings(RPMTag.dirNames), let indexes = header.int32s(RPMTag.dirIndexes),
                indexes.count == baseNames.count
            else {
                problems.append("BASENAMES, DIRNAMES and DIRINDEXES are missing or disagree; file list dropped")
                return []
            }
            // Directories are made relative once; each path is then one concatenation.
            let relativeDirectories = dirNames.map(relative)
            paths = []
            paths.reserveCapacity(baseNames.count)
            for (base, index) in zip(baseNames, indexes) {
                guard index >= 0, Int(index) < relativeDirectories.count else {
                    problems.append("DIRINDEXES entry \(index) names no DIRNAMES entry; file list dropped")
                    return []
                }
                paths.append(relativeDirectories[Int(index)] + base)
            }
        } else if header.has(RPMTag.baseNames) {
            problems.append("BASENAMES is unreadable; file list dropped")
            return []
        } else if let old = header.strings(RPMTag.oldFileNames) {
            paths = old.map(relative)
        } else {
            return []
        }
        if let modes = header.int16s(RPMTag.fileModes), modes.count == paths.count {
            var kept: [String] = []
            kept.reserveCapacity(paths.count)
            for (path, mode) in zip(paths, modes) where mode & 0o170000 != 0o040000 { kept.append(path) }
            return kept
        }
        return paths
    }

    /// `path` without its leading `/`s.
    static func relative(_ path: String) -> String {
        path.utf8.first == UInt8(ascii: "/") ? String(path.drop(while: { $0 == "/" })) : path
    }
}
