/// The containerd API messages Drydock uses, encoded by hand (`ProtobufWire`), with the field numbers of
/// `api/services/images/v1/images.proto`, `api/services/content/v1/content.proto` and
/// `api/types/descriptor.proto`.
///
/// Five small messages do not justify generated code and the protobuf runtime in every build; see
/// ARCHITECTURE.md ("containerd without generated code").
enum ContainerdMessages {
    /// `containerd.services.images.v1.ListImagesRequest`: `repeated string filters = 1`.
    static func listImagesRequest(filters: [String]) -> [UInt8] {
        var writer = ProtobufWriter()
        for filter in filters { writer.lengthDelimited(1, Array(filter.utf8)) }
        return writer.bytes
    }

    /// `ListImagesResponse`: `repeated Image images = 1`.
    static func listImagesResponse(_ bytes: ArraySlice<UInt8>) throws(ProtobufError) -> [ContainerdImageRecord] {
        var reader = ProtobufReader(bytes)
        var images: [ContainerdImageRecord] = []
        while let (field, value) = try reader.next() {
            if field == 1, let message = value.bytes { images.append(try image(message)) }
        }
        return images
    }

    /// `Image`: `string name = 1`, `map<string,string> labels = 2`, `Descriptor target = 3`.
    static func image(_ bytes: ArraySlice<UInt8>) throws(ProtobufError) -> ContainerdImageRecord {
        var reader = ProtobufReader(bytes)
        var record = ContainerdImageRecord(name: "", labels: [:], target: nil)
        while let (field, value) = try reader.next() {
            switch field {
            case 1: record.name = value.string ?? ""
            case 2:
                if let entry = value.bytes {
                    let (key, text) = try mapEntry(entry)
                    record.labels[key] = text
                }
            case 3: record.target = try value.bytes.map { (message) throws(ProtobufError) in try descriptor(message) }
            default: continue
            }
        }
        return record
    }

    /// `containerd.types.Descriptor`: `media_type = 1`, `digest = 2`, `size = 3`, `annotations = 5`.
    static func descriptor(_ bytes: ArraySlice<UInt8>) throws(ProtobufError) -> ContainerdDescriptor {
        var reader = ProtobufReader(bytes)
        var result = ContainerdDescriptor(mediaType: "", digest: "", size: 0)
        while let (field, value) = try reader.next() {
            switch field {
            case 1: result.mediaType = value.string ?? ""
            case 2: result.digest = value.string ?? ""
            case 3: result.size = value.int64 ?? 0
            default: continue
            }
        }
        return result
    }

    /// `ReadContentRequest`: `string digest = 1`, `int64 offset = 2`, `int64 size = 3` (0: to the end).
    static func readContentRequest(digest: String, offset: Int64) -> [UInt8] {
        var writer = ProtobufWriter()
        writer.string(1, digest)
        writer.int64(2, offset)
        return writer.bytes
    }

    /// `ReadContentResponse`: `int64 offset = 1`, `bytes data = 2`.
    static func readContentResponse(_ bytes: ArraySlice<UInt8>) throws(ProtobufError) -> (
        offset: Int64, data: ArraySlice<UInt8>
    ) {
        var reader = ProtobufReader(bytes)
        var offset: Int64 = 0
        var data: ArraySlice<UInt8> = []
        while let (field, value) = try reader.next() {
            switch field {
            case 1: offset = value.int64 ?? 0
            case 2: data = value.bytes ?? []
            default: continue
            }
        }
        return (offset, data)
    }

    /// A `map<string,string>` entry: `key = 1`, `value = 2`.
    private static func mapEntry(_ bytes: ArraySlice<UInt8>) throws(ProtobufError) -> (String, String) {
        var reader = ProtobufReader(bytes)
        var key = ""
        var value = ""
        while let (field, item) = try reader.next() {
            if field == 1 { key = item.string ?? "" }
            if field == 2 { value = item.string ?? "" }
        }
        return (key, value)
    }
}

/// An image record of containerd's metadata store: a name pointing at a manifest or index.
public struct ContainerdImageRecord: Sendable, Hashable {
    /// The image's name (`docker.io/library/alpine:3.19`).
    public var name: String
    /// Free-form labels.
    public var labels: [String: String]
    /// The manifest or index the name points at.
    public var target: ContainerdDescriptor?
}

/// A content descriptor: media type, digest and size of a blob in containerd's content store.
public struct ContainerdDescriptor: Sendable, Hashable {
    /// The blob's media type (`application/vnd.oci.image.index.v1+json`, …).
    public var mediaType: String
    /// `sha256:…`.
    public var digest: String
    /// The blob's size in bytes.
    public var size: Int64
}
