/// Facts one cloud object needs from others, filled in after the adapters ran (the same for Terraform and
/// CloudFormation): the S3 bucket a CloudTrail trail writes to, and whether trails log a bucket's object-level
/// data events.
enum CloudLinks {
    static func link(_ objects: [CloudObject]) -> [CloudObject] {
        let buckets = objects.filter { $0.kind == "aws.s3.bucket" }
        let trails = objects.filter { $0.kind == "aws.cloudtrail.trail" }
        guard !buckets.isEmpty, !trails.isEmpty else { return objects }
        return objects.map { object in
            var object = object
            switch object.kind {
            case "aws.cloudtrail.trail":
                // `bucketRef` is the referenced bucket's address or logical ID, or the bucket name as written.
                guard let reference = object["bucketRef"]?.string,
                    let bucket = buckets.first(where: { $0.name == reference || $0["name"]?.string == reference })
                else { return object }
                object.setField("bucket", bucket.fields)
            case "aws.s3.bucket":
                let selectors = trails.flatMap { $0["eventSelectors"]?.items ?? [] }
                for (key, excluded) in [("objectReadLogging", "WriteOnly"), ("objectWriteLogging", "ReadOnly")] {
                    let logged = selectors.contains { selector in
                        selector["readWriteType"]?.text != excluded && logsObjects(of: object, selector)
                    }
                    object.setField(key, ConfigNode(.bool(logged), range: object.source.range))
                }
            default: break
            }
            return object
        }
    }

    /// Whether an event selector covers the bucket's objects: `arn:aws:s3` (or `arn:aws:s3:::`) for every
    /// bucket, or `arn:aws:s3:::name/`.
    static func logsObjects(of bucket: CloudObject, _ selector: ConfigNode) -> Bool {
        (selector["dataResources"]?.items ?? []).contains { resource in
            guard resource["type"]?.text == "AWS::S3::Object" else { return false }
            return (resource["values"]?.listItems ?? []).contains { value in
                let text = value.text ?? ""
                if text == "arn:aws:s3" || text == "arn:aws:s3:::" { return true }
                guard let name = bucket["name"]?.string else { return false }
                return text == "arn:aws:s3:::\(name)/" || text.hasPrefix("arn:aws:s3:::\(name)/")
            }
        }
    }
}

extension CloudObject {
    /// Sets (or replaces) a top-level field.
    mutating func setField(_ key: String, _ node: ConfigNode) {
        guard case .mapping(var entries) = fields.value else { return }
        entries.removeAll { $0.key == key }
        entries.append(ConfigEntry(key: key, keyLine: node.range.start, value: node))
        fields.value = .mapping(entries)
    }
}
