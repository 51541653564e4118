/// Evaluates a check against one example input: what tests, `drydock config test` and the documentation use.
public enum CheckExampleRunner {
    /// The failures `check` finds in `example`, read as a Dockerfile or a manifest according to the
    /// check's file types (a check for both tries the Dockerfile reading first when the text starts like one).
    public static func failures(of check: Check, in example: String, settings: CheckSettings? = nil)
        throws(ConfigParseError) -> [CheckFailure]
    {
        let settings = settings ?? check.examples.settings
        let types = check.metadata.fileTypes
        let readsDockerfile = types.contains(.dockerfile)
        let readsManifests = types.contains(.kubernetes) || types.contains(.helm)
        if readsDockerfile && (!readsManifests || ConfigFileClassifier.startsLikeDockerfile(Array(example.utf8))) {
            let file = try DockerfileParser.parse(example)
            return check.evaluate(.dockerfile(file), settings)
        }
        let manifest = try KubernetesManifest.parse(example)
        return manifest.objects.flatMap { object -> [CheckFailure] in
            let type: ConfigFileType = object.helmSource == nil ? .kubernetes : .helm
            guard check.metadata.applies(to: type, kind: object.kind) else { return [] }
            return check.evaluate(.kubernetes(object), settings)
        }
    }
}
