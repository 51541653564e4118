/// Objects that combine facts of several resources, added after the adapters ran (the same for Terraform and
/// CloudFormation):
///
/// - `aws.cloudtrail.bucket`: a trail (its name and lines) with the fields of the S3 bucket it writes to, when
///   that bucket is declared too (`bucketRange`: the trail's `s3_bucket_name`).
/// - `aws.s3.dataevents`: a bucket (its name and lines) with `objectReadLogging`/`objectWriteLogging`, whether a
///   trail's event selectors log its object-level data events.
///
/// Separate kinds keep the checks on plain trails and buckets (and the resource types `docs/checks.md` lists
/// for them) apart from the few checks that need both resources.
enum CloudLinks {
    static func link(_ objects: [CloudObject]) -> [CloudObject] {
        let buckets = objects.filter { $0.kind == "aws.s3.bucket" }
        let trails = objects.filter { $0.kind == "aws.cloudtrail.trail" }
        var linked = objects
        for trail in trails {
            // `bucketRef` is the referenced bucket's address or logical ID, or the bucket name as written.
            guard let reference = trail["bucketRef"]?.string,
                let bucket = buckets.first(where: { $0.name == reference || $0["name"]?.string == reference })
            else { continue }
            var object = CloudObject(
                kind: "aws.cloudtrail.bucket", name: trail.name, source: trail.source, fields: bucket.fields)
            object.setField(
                "bucketRange", ConfigNode(.bool(true), range: trail["bucketRef"]?.range ?? trail.source.range))
            linked.append(object)
        }
        let selectors = trails.flatMap { $0["eventSelectors"]?.items ?? [] }
        for bucket in buckets {
            var fields = CloudFields(range: bucket.source.range)
            fields.set("name", bucket["name"])
            for (key, excluded) in [("objectReadLogging", "WriteOnly"), ("objectWriteLogging", "ReadOnly")] {
                let logged = selectors.contains { selector in
                    selector["readWriteType"]?.text != excluded && logsObjects(of: bucket, selector)
                }
                fields.set(key, value: .bool(logged), range: bucket.source.range)
            }
            linked.append(
                CloudObject(kind: "aws.s3.dataevents", name: bucket.name, source: bucket.source, fields: fields.node))
        }
        return linked
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
                return text.hasPrefix("arn:aws:s3:::\(name)/")
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
