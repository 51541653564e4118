import DrydockNetwork

extension ImageSupplyChainFetcher {
    /// What the referrers of one digest hold.
    struct Referred {
        var signatures: [ImageSupplyChainMaterial.Layer] = []
        var attestations: [ImageSupplyChainMaterial.Layer] = []
        var notes: [ImageSupplyChainMaterial.Note] = []
    }

    /// The signatures (and, when `attestations`, the attestations) attached to `digest` as OCI 1.1 referrers at
    /// `location`: the list comes from the referrers API or, on a registry without it, the referrers tag; each
    /// Sigstore referrer's manifest is fetched by digest and must name `digest` as its subject.
    func referrers(of digest: String, at location: RegistryLocation, attestations: Bool) async -> Referred {
        var referred = Referred()
        let list: ReferrersList
        do {
            list = try await client.referrers(of: digest, at: location)
        } catch {
            referred.notes = [
                .init("cannot list the referrers of \(digest): \(error)", topic: .referrers, isFailure: true)
            ]
            return referred
        }
        let place = "\(location.registry)/\(location.repository)"
        if case .noTag(let tag) = list.source {
            referred.notes = [
                .init(
                    "no referrers of \(digest) in \(place) (the registry has no referrers API and no tag \(tag))",
                    topic: .referrers)
            ]
            return referred
        }
        for descriptor in list.descriptors {
            guard let kind = SigstoreReferrer.kind(artifactType: descriptor.artifactType) else { continue }
            // Attestations that no rule needs are not fetched, when the list says what they are.
            let stated = descriptor.annotations?[SigstoreReferrer.predicateTypeAnnotation]
            if !attestations,
                descriptor.artifactType == SigstoreReferrer.inTotoArtifactType
                    || (stated != nil && stated != SigstoreReferrer.cosignSignPredicateType)
            {
                continue
            }
            let origin = ImageSupplyChainMaterial.Origin.referrer(
                manifest: descriptor.digest, listedBy: "\(list.source)")
            await referrer(
                descriptor.digest, kind: kind, subject: digest, origin: origin, at: location, into: &referred)
        }
        if !attestations { referred.attestations = [] }
        let listed = "listed by \(list.source) of \(place)"
        if referred.signatures.isEmpty {
            referred.notes.append(
                .init("no signature among the referrers of \(digest) (\(listed))", topic: .signatures))
        }
        if attestations, referred.attestations.isEmpty {
            referred.notes.append(
                .init("no attestation among the referrers of \(digest) (\(listed))", topic: .attestations))
        }
        return referred
    }

    /// Fetches one referrer manifest and its Sigstore layers into `referred`; what goes wrong is a note.
    private func referrer(
        _ manifestDigest: String, kind: SigstoreReferrer.Kind, subject: String,
        origin: ImageSupplyChainMaterial.Origin, at location: RegistryLocation, into referred: inout Referred
    ) async {
        let name = "referrer \(manifestDigest)"
        let manifest: RegistryManifest
        let parsed: SigstoreReferrer.Manifest
        do {
            manifest = try await client.manifest(manifestDigest, at: location)
            parsed = try SigstoreReferrer.manifest(manifest.bytes, source: name)
        } catch {
            referred.notes.append(.init("\(name) cannot be read: \(error)", topic: .referrers, isFailure: true))
            return
        }
        guard parsed.subject == subject else {
            referred.notes.append(
                .init(
                    "\(name) refers to \(parsed.subject ?? "no subject"), not \(subject); it is ignored",
                    topic: .referrers))
            return
        }
        switch kind {
        case .cosignLayers:
            let layers: [CosignSignatureLayer]
            do {
                layers = try CosignSignatureManifest.layers(manifest.bytes, source: name)
            } catch {
                referred.notes.append(.init("\(name): \(error)", topic: .referrers))
                return
            }
            let (fetched, notes) = await payloads(layers, origin: origin, at: manifest.location, topic: .referrers)
            referred.signatures += fetched.filter { !$0.isEnvelope }
            referred.attestations += fetched.filter(\.isEnvelope)
            referred.notes += notes
        case .bundle:
            for layer in parsed.bundleLayers {
                let label = "\(name) layer \(layer)"
                do {
                    let bytes = try await client.blobBytes(layer, at: manifest.location, limit: layerLimit)
                    let (found, isSignature) = try SigstoreReferrer.bundleLayer(bytes, digest: layer, origin: origin)
                    if isSignature { referred.signatures.append(found) } else { referred.attestations.append(found) }
                } catch {
                    referred.notes.append(
                        .init("\(label): \(error)", topic: .referrers, isFailure: error is NetworkError))
                }
            }
        }
    }
}

extension ImageSupplyChainMaterial.Layer {
    /// Whether it is an attestation's DSSE envelope in cosign's layer format.
    var isEnvelope: Bool {
        if case .cosign(let layer) = format { return layer.isEnvelope }
        return false
    }

    /// Whether it is a bundle holding a message signature (over the image manifest's bytes).
    var isMessageSignatureBundle: Bool {
        guard case .bundle(let bundle) = format, case .messageSignature = bundle.content else { return false }
        return true
    }
}
