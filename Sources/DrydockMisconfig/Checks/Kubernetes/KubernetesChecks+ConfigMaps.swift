/// Built-in Kubernetes checks on what ConfigMaps hold.
extension KubernetesChecks {
    static let secretWords = [
        "password", "pass", "pword", "passphrase", "passwrd", "passwd", "secret", "secretkey", "appsecret",
        "clientsecret", "aws_access_key_id", "pswrd", "token", "pwd",
    ]

    /// `key: value` or `key=value` → `key`, when the value is set and not a placeholder (`${X}`, `{{ x }}`).
    static func assignedKey(_ line: String) -> String? {
        for delimiter in [":", "="] {
            let parts = line.split(separator: Character(delimiter), maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2 else { continue }
            var value = parts[1].trimmingWhitespace()
            if value.hasPrefix("\"") { value.removeFirst() }
            guard !value.isEmpty, !["${", "$(", "{{"].contains(where: { value.hasPrefix($0) }) else { continue }
            return String(parts[0]).trimmingWhitespace()
        }
        return nil
    }

    /// Whether `text` contains one of `words` followed (after blanks) by `=` or `:`, case-insensitively.
    static func assigns(_ text: String, _ words: [String]) -> Bool {
        let lowered = text.lowercased()
        return words.contains { word in
            var search = lowered[...]
            while let range = search.range(of: word) {
                let rest = search[range.upperBound...].drop { $0 == " " || $0 == "\t" }
                if rest.first == "=" || rest.first == ":" { return true }
                search = search[range.upperBound...]
            }
            return false
        }
    }

    static let configMapSecrets = Check.kubernetes(
        .kubernetes(
            "KSV-0109", names: ["configMap_with_secrets", "kubernetes-configMap-with-secrets"], legacy: "KSV0109",
            title: "ConfigMap with secrets", severity: .high,
            description:
                "ConfigMaps are not encrypted at rest by default and are readable by anyone with `get` on them; credentials belong in Secrets.",
            resolution: "Move passwords, tokens and keys to a Secret (or an external secret store).",
            kinds: ["configmap"]),
        examples: CheckExamples(
            failing: [
                "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: example}\ndata:\n  db_password: hunter2\n",
                "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: example}\ndata:\n  app.properties: |\n    url=jdbc:postgresql://db/app\n    password=hunter2\n",
            ],
            passing: [
                "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: example}\ndata:\n  app.properties: |\n    url=jdbc:postgresql://db/app\n    password=${DB_PASSWORD}\n"
            ])
    ) { object, _ in
        guard object.kind == "ConfigMap", let data = object.node["data"] else { return [] }
        var keys: Set<String> = []
        for entry in data.entries {
            if secretWords.contains(where: { entry.key.lowercased().contains($0) }) { keys.insert(entry.key) }
            guard let value = entry.value.text else { continue }
            for line in value.split(separator: "\n").map(String.init) where assigns(line, secretWords) {
                if let key = assignedKey(line) { keys.insert(key) }
            }
        }
        guard !keys.isEmpty else { return [] }
        return [
            CheckFailure(
                "\(object.kind) '\(object.name)' in '\(object.namespace)' namespace stores secrets in key(s) or value(s) '\(K8s.set(keys))'",
                at: data)
        ]
    }

    static let configMapSensitive = Check.kubernetes(
        .kubernetes(
            "KSV-01010", names: ["configMap_with_sensitive", "kubernetes-configMap-with-sensitive"],
            title: "ConfigMap with sensitive content", severity: .medium,
            description:
                "Personal data (user names, e-mail addresses, phone numbers, bank accounts) and key material in a ConfigMap is readable by anyone who can read the ConfigMap.",
            resolution: "Move sensitive values to a Secret.", kinds: ["configmap"]),
        examples: CheckExamples(
            failing: ["apiVersion: v1\nkind: ConfigMap\nmetadata: {name: example}\ndata:\n  admin: ops@example.com\n"],
            passing: ["apiVersion: v1\nkind: ConfigMap\nmetadata: {name: example}\ndata:\n  log_level: info\n"])
    ) { object, _ in
        guard object.kind == "ConfigMap", let data = object.node["data"] else { return [] }
        let words = ["username", "email", "key", "phone", "iban"]
        var keys: Set<String> = []
        for entry in data.entries {
            let lowered = entry.key.lowercased()
            if words.contains(where: { lowered.contains($0) }) || lowered.contains("sha1") || lowered.contains("md5")
                || Patterns.email.matches(entry.key)
            {
                keys.insert(entry.key)
            }
            guard let value = entry.value.text else { continue }
            for line in value.split(separator: "\n").map(String.init) {
                let lowerLine = line.lowercased()
                if assigns(line, words) || lowerLine.contains("sha1") || lowerLine.contains("md5") {
                    keys.insert(assignedKey(line) ?? entry.key)
                } else if Patterns.email.matches(line) || Patterns.iban.matches(line) {
                    keys.insert(entry.key)
                }
            }
        }
        guard !keys.isEmpty else { return [] }
        return [
            CheckFailure(
                "\(object.kind) '\(object.name)' in '\(object.namespace)' namespace stores sensitive contents in key(s) or value(s) '\(K8s.set(keys))'",
                at: data)
        ]
    }
}
