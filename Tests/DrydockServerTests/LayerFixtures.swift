import DrydockCatalog
import DrydockImage
import DrydockModel
import Foundation
import Synchronization

/// The layer analyses a client would send for an image archive, made by the real cataloger.
enum LayerFixtures {
    final class Recorder: LayerAnalysisCache {
        let state = Mutex<(analyses: [LayerAnalysis], key: String)>(([], ""))
        func analyses(for diffIDs: [String], analyzerKey: String) -> [String: LayerAnalysis] {
            state.withLock { $0.key = analyzerKey }
            return [:]
        }
        func store(_ analyses: [LayerAnalysis], analyzerKey: String) {
            state.withLock { $0 = ($0.analyses + analyses, analyzerKey) }
        }
    }

    static func analyses(of archive: URL) throws -> (
        artifact: ArtifactMetadata, layers: [LayerAnalysis], key: String, inventory: Inventory
    ) {
        let image = try ImageArchive.open(archive.path)
        let recorder = Recorder()
        let result = try ImageCataloger(cache: recorder).catalog(image, artifactName: archive.path)
        let (layers, key) = recorder.state.withLock { ($0.analyses, $0.key) }
        let artifact = ArtifactMetadata(
            name: archive.path, type: "container_image", imageID: image.image.configDigest,
            diffIDs: image.image.config.diffIDs, repoTags: image.image.repoTags,
            layers: image.image.layers.map(\.reference))
        return (artifact, layers, key, result.inventory)
    }
}
