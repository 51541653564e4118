extension CheckSettings {
    /// Adds the check data of a YAML or JSON document in Trivy's shape: `ds031: {included_envs: […]}`,
    /// `ksv0125: {trusted_registries: […]}`.
    public mutating func read(data: [UInt8]) throws(ConfigParseError) {
        for document in try YAMLTree.parse(String(decoding: data, as: UTF8.self)) {
            guard let root = document.root else { continue }
            guard root.isMapping else { throw ConfigParseError("check data must be a mapping", line: root.range.start) }
            secretEnvironmentNames += root["ds031", "included_envs"]?.strings ?? []
            trustedRegistries += root["ksv0125", "trusted_registries"]?.strings ?? []
        }
    }
}
