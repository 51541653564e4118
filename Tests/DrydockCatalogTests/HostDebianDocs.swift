import DrydockTestSupport
import Foundation

/// A scratch root holding this machine's dpkg `status`, `etc/os-release` and every
/// `usr/share/doc/PACKAGE/copyright` (links to other packages' folders kept as links): what license tests
/// need of a real Debian system, frozen so packages installed meanwhile do not change it.
enum HostDebianDocs {
    /// Whether this machine has a dpkg database; prints why a test is skipped when not.
    static var available: Bool {
        guard FileManager.default.fileExists(atPath: "/var/lib/dpkg/status"),
            FileManager.default.fileExists(atPath: "/usr/share/doc")
        else {
            print("skipped: this machine has no dpkg database")
            return false
        }
        return true
    }

    /// Copies them into a new scratch folder and returns it.
    static func copy(prefix: String) throws -> URL {
        let root = try CatalogFixtures.scratchDirectory(prefix: prefix)
        let manager = FileManager.default
        try manager.createDirectory(at: root.appendingPathComponent("var/lib/dpkg"), withIntermediateDirectories: true)
        try manager.copyItem(
            atPath: "/var/lib/dpkg/status", toPath: root.appendingPathComponent("var/lib/dpkg/status").path)
        if let release = manager.contents(atPath: "/etc/os-release") {
            try manager.createDirectory(at: root.appendingPathComponent("etc"), withIntermediateDirectories: true)
            try release.write(to: root.appendingPathComponent("etc/os-release"))
        }
        let doc = root.appendingPathComponent("usr/share/doc")
        try manager.createDirectory(at: doc, withIntermediateDirectories: true)
        for name in try manager.contentsOfDirectory(atPath: "/usr/share/doc") {
            let source = "/usr/share/doc/\(name)"
            if let target = try? manager.destinationOfSymbolicLink(atPath: source) {
                try manager.createSymbolicLink(
                    atPath: doc.appendingPathComponent(name).path, withDestinationPath: target)
                continue
            }
            guard let bytes = manager.contents(atPath: source + "/copyright") else { continue }
            try manager.createDirectory(at: doc.appendingPathComponent(name), withIntermediateDirectories: true)
            try bytes.write(to: doc.appendingPathComponent("\(name)/copyright"))
        }
        return root
    }
}
