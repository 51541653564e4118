import DrydockCatalog
import Foundation
import Synchronization

/// Every fuzz target, and the seeds and replays built on them.
public enum FuzzTargets {
    /// Every target, by name.
    public static let all: [FuzzTarget] =
        ImageTargets.all + CatalogTargets.all + LanguageTargets.all + AdvisoryTargets.all + DocumentTargets.all
        + ConfigTargets.all

    /// The target called `name`.
    public static func named(_ name: String) -> FuzzTarget? { all.first { $0.name == name } }

    /// The seed inputs of `target`: its inline seeds, files matching its globs below `shared` (the `../shared`
    /// folder of real fixtures and advisories; at most `maximumShared` of them, taken evenly from the sorted
    /// matches), and every file in `committedSeeds/NAME`. Files larger than `maximumSize` are left out
    /// (libFuzzer mutates small inputs best; whole images are scanned by other tests).
    public static func seeds(
        of target: FuzzTarget, shared: String?, committedSeeds: String, maximumShared: Int = 200,
        maximumSize: Int = 4 << 20
    ) -> [(name: String, bytes: [UInt8])] {
        var found: [(name: String, bytes: [UInt8])] = target.inlineSeeds()
        if let shared {
            let globs = target.seeds.compactMap(PathGlob.init)
            let matching = sharedFiles(shared).filter { path in globs.contains { $0.matches(path) } }
            let stride = max(1, (matching.count + maximumShared - 1) / maximumShared)
            for (index, path) in matching.enumerated() where index % stride == 0 {
                if let bytes = read(shared + "/" + path, maximumSize: maximumSize) { found.append((path, bytes)) }
            }
        }
        let own = committedSeeds + "/" + target.name
        for path in files(below: own) {
            if let bytes = read(own + "/" + path, maximumSize: maximumSize) { found.append((path, bytes)) }
        }
        return found
    }

    /// The files below `shared`, listed once per process.
    static func sharedFiles(_ shared: String) -> [String] {
        sharedListing.withLock { listings in
            if let listed = listings[shared] { return listed }
            let listed = files(below: shared)
            listings[shared] = listed
            return listed
        }
    }

    private static let sharedListing = Mutex<[String: [String]]>([:])

    /// The regular files below `root`, as paths relative to it, sorted; empty when `root` is absent. Links are
    /// not followed. (Listed folder by folder: swift-corelibs-foundation's enumerator lists nothing below some
    /// mount points.)
    public static func files(below root: String) -> [String] {
        var paths: [String] = []
        var folders = [""]
        while let folder = folders.popLast() {
            let absolute = folder.isEmpty ? root : root + "/" + folder
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: absolute) else { continue }
            for name in names {
                let relative = folder.isEmpty ? name : folder + "/" + name
                let type = (try? FileManager.default.attributesOfItem(atPath: root + "/" + relative))?[.type]
                if let type = type as? FileAttributeType {
                    if type == .typeDirectory {
                        folders.append(relative)
                    } else if type == .typeRegular {
                        paths.append(relative)
                    }
                }
            }
        }
        return paths.sorted()
    }

    /// The bytes of `path` when it is at most `maximumSize` bytes.
    static func read(_ path: String, maximumSize: Int) -> [UInt8]? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
            let size = attributes[.size] as? Int, size <= maximumSize,
            let data = FileManager.default.contents(atPath: path)
        else { return nil }
        return Array(data)
    }
}
