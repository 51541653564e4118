import Foundation

/// Builds the files a distribution's image is recognised and read from: os-release text, RPM package
/// databases of known content (headers by `RPMHeaderBuilder`; SQLite written by Python's `sqlite3`, the real
/// SQLite library, in rpm's schema).
public enum DistroFixtures {
    /// One RPM to put into a test database.
    public struct RPM: Sendable, Hashable {
        /// `NAME`.
        public var name: String
        /// `EPOCH`, when set.
        public var epoch: Int32?
        /// `VERSION`.
        public var version: String
        /// `RELEASE`.
        public var release: String
        /// `ARCH`.
        public var arch: String
        /// `SOURCERPM`'s name part; the file name is formed from it with the binary's version and release.
        public var source: String?
        /// `MODULARITYLABEL`, for module builds.
        public var modularityLabel: String?

        /// Creates a package description.
        public init(
            _ name: String, epoch: Int32? = nil, version: String, release: String, arch: String = "x86_64",
            source: String? = nil, modularityLabel: String? = nil
        ) {
            self.name = name
            self.epoch = epoch
            self.version = version
            self.release = release
            self.arch = arch
            self.source = source
            self.modularityLabel = modularityLabel
        }

        /// `[EPOCH:]VERSION-RELEASE` as rpm and Drydock print it (epoch 0 left out).
        public var fullVersion: String {
            if let epoch, epoch != 0 { return "\(epoch):\(version)-\(release)" }
            return "\(version)-\(release)"
        }

        /// The header blob rpm would store.
        public var header: [UInt8] {
            var builder = RPMHeaderBuilder.package(
                name: name, epoch: epoch, version: version, release: release, arch: arch,
                sourceRPM: "\(source ?? name)-\(version)-\(release).src.rpm", license: "MIT",
                files: ["/usr/share/doc/\(name)/", "/usr/share/doc/\(name)/README"])
            builder.add(1011, .string("AlmaLinux"))
            if let modularityLabel { builder.add(5096, .string(modularityLabel)) }
            return builder.build()
        }
    }

    /// An os-release file.
    public static func osRelease(id: String, versionID: String, prettyName: String? = nil) -> String {
        var text = "ID=\"\(id)\"\nVERSION_ID=\"\(versionID)\"\n"
        if let prettyName { text += "PRETTY_NAME=\"\(prettyName)\"\n" }
        return text
    }

    /// An `rpmdb.sqlite` holding `packages` (header numbers 1, 2, …), written by Python's `sqlite3`.
    ///
    /// Throws when `python3` or its `sqlite3` module is missing.
    public static func rpmSQLite(_ packages: [RPM]) throws -> [UInt8] {
        let folder = try CatalogFixtures.scratchDirectory(prefix: "drydock-distro-rpmdb")
        defer { try? FileManager.default.removeItem(at: folder) }
        for (index, package) in packages.enumerated() {
            try Data(package.header).write(to: folder.appendingPathComponent("\(index + 1).bin"))
        }
        let script = """
            import os, sqlite3, sys
            folder, count = sys.argv[1], int(sys.argv[2])
            db = sqlite3.connect(os.path.join(folder, "rpmdb.sqlite"))
            db.execute("CREATE TABLE 'Packages' (hnum INTEGER PRIMARY KEY AUTOINCREMENT,blob BLOB NOT NULL)")
            # rpm opens every index table (read-only), so they must exist; only Name is filled.
            for index in ("Name Basenames Group Requirename Providename Conflictname Obsoletename Triggername "
                          "Dirnames Installtid Sigmd5 Sha1header Filetriggername Transfiletriggername "
                          "Recommendname Suggestname Supplementname Enhancename").split():
                db.execute(f"CREATE TABLE '{index}' (key 'TEXT' NOT NULL, hnum INTEGER NOT NULL, "
                           "idx INTEGER NOT NULL, FOREIGN KEY (hnum) REFERENCES 'Packages'(hnum))")
            names = sys.argv[3].split(",")
            for number in range(1, count + 1):
                blob = open(os.path.join(folder, f"{number}.bin"), "rb").read()
                db.execute("INSERT INTO Packages VALUES (?, ?)", (number, blob))
                db.execute("INSERT INTO Name VALUES (?, ?, 0)", (names[number - 1], number))
            db.commit()
            db.close()
            """
        _ = try CatalogFixtures.run(
            "python3", ["-c", script, folder.path, String(packages.count), packages.map(\.name).joined(separator: ",")])
        return [UInt8](try Data(contentsOf: folder.appendingPathComponent("rpmdb.sqlite")))
    }
}
