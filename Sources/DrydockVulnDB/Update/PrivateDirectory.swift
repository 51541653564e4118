import Foundation

/// Creates the directories Drydock keeps its caches, DBs and server store in, private to the user.
///
/// Every directory this creates is `0700`, so the files SQLite and `AtomicFile` write inside (which the
/// umask usually leaves `0644`) cannot be read by other local users: a layer cache lists what each scanned
/// image contains, a server store holds SBOMs and triage notes. A directory that already exists is left as
/// it is (the user chose its mode).
public enum PrivateDirectory {
    /// Creates `path` and any missing parent, each `0700`.
    public static func create(atPath path: String) throws {
        var missing: [String] = []
        var current = (path as NSString).standardizingPath
        var isDirectory: ObjCBool = false
        while !current.isEmpty, current != "/",
            !FileManager.default.fileExists(atPath: current, isDirectory: &isDirectory)
        {
            missing.append(current)
            current = (current as NSString).deletingLastPathComponent
        }
        for directory in missing.reversed() where mkdir(directory, 0o700) != 0 && errno != EEXIST {
            throw CocoaError(
                .fileWriteUnknown,
                userInfo: [
                    NSFilePathErrorKey: directory,
                    NSLocalizedDescriptionKey: "cannot create \(directory): \(String(cString: strerror(errno)))",
                ])
        }
    }
}
