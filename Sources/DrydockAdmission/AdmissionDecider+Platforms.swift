import DrydockNetwork

/// What the repository holds for one image reference: one scan record, or — for a multi-platform image whose
/// index the registry was asked for — one per configured platform the index lists.
struct ScanRecords: Sendable {
    /// One platform's (or the reference's) stored scan, `nil` when the repository does not hold it.
    struct Record: Sendable {
        /// `linux/arm64/v8`; `nil` when the reference was judged as a whole.
        var platform: String?
        var assessment: ImageAssessment?
    }

    var records: [Record]
    /// The index, when the reference names one.
    var index: ResolvedImage?

    /// The reference's own record (no platform resolution).
    static func single(_ assessment: ImageAssessment?) -> ScanRecords {
        ScanRecords(records: [Record(platform: nil, assessment: assessment)], index: nil)
    }

    /// What a platform's scan is stored under: the image ID (config digest) `drydock image --server` keys it by,
    /// else the platform manifest's digest (`push-sbom --digest`).
    static func references(_ platform: ResolvedImage.PlatformImage, of reference: ImageReference) -> [ImageReference] {
        [platform.configDigest, platform.manifestDigest].map {
            ImageReference(registry: reference.registry, repository: reference.repository, digest: $0)
        }
    }
}

extension AdmissionDecider {
    /// Looks every image up at once, within the time budget; images without an answer by then are missing. With a
    /// platform resolver, an index is resolved in its registry and each configured platform's image looked up.
    func lookUp(_ images: [String: ImageReference]) async -> [String: LookupAnswer] {
        let assessor = assessor
        guard let resolver = configuration.platformResolver else {
            return await askWithinBudget(images, remembered: { assessor.remembered($0).map { ScanRecords.single($0) } })
            {
                ScanRecords.single(try await assessor.assess($0))
            }
        }
        return await askWithinBudget(
            images, remembered: { Self.rememberedRecords($0, resolver: resolver, assessor: assessor) }
        ) { reference in
            let resolved: ResolvedImage
            do {
                resolved = try await resolver.resolve(reference)
            } catch {
                throw PlatformResolutionError(description: "the registry cannot tell the image's platforms: \(error)")
            }
            guard resolved.isIndex else { return ScanRecords.single(try await assessor.assess(reference)) }
            var records: [ScanRecords.Record] = []
            for platform in resolved.platforms {
                var assessment: ImageAssessment?
                for candidate in ScanRecords.references(platform, of: reference) where assessment == nil {
                    assessment = try await assessor.assess(candidate)
                }
                records.append(ScanRecords.Record(platform: platform.platform.description, assessment: assessment))
            }
            return ScanRecords(records: records, index: resolved)
        }
    }

    /// Every record from memory, or `nil` (an image not found is never remembered, so a fresh scan counts at once).
    static func rememberedRecords(
        _ reference: ImageReference, resolver: PlatformResolver, assessor: any ImageAssessor
    ) -> ScanRecords? {
        guard let resolved = resolver.remembered(reference) else { return nil }
        guard resolved.isIndex else { return assessor.remembered(reference).map { ScanRecords.single($0) } }
        var records: [ScanRecords.Record] = []
        for platform in resolved.platforms {
            let references = ScanRecords.references(platform, of: reference)
            guard let assessment = references.lazy.compactMap({ assessor.remembered($0) }).first else { return nil }
            records.append(ScanRecords.Record(platform: platform.platform.description, assessment: assessment))
        }
        return ScanRecords(records: records, index: resolved)
    }
}

/// Why an image's platforms are unknown (its registry did not answer); the failure policy applies.
struct PlatformResolutionError: Error, CustomStringConvertible {
    var description: String
}
