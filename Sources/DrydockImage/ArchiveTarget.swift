#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// What the user named: a path and, optionally, the tag to pick inside it.
struct ArchiveTarget: Hashable {
    var path: String
    var tag: String?

    /// Splits `input` into path and tag. A path that exists as given wins; otherwise the input is split
    /// at a `:` (rightmost first) where the part before it exists, so `img.tar:alpine:3.10` selects
    /// `alpine:3.10` in `img.tar`.
    static func parse(_ input: String) throws(ImageError) -> ArchiveTarget {
        if exists(input) { return ArchiveTarget(path: input, tag: nil) }
        var end = input.endIndex
        while let colon = input[..<end].lastIndex(of: ":") {
            let path = String(input[..<colon])
            let tag = String(input[input.index(after: colon)...])
            if !path.isEmpty && !tag.isEmpty && exists(path) {
                return ArchiveTarget(path: path, tag: tag)
            }
            end = colon
        }
        throw ImageError(code: .notFound, reason: "no such file or directory", location: input)
    }

    static func exists(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0
    }

    static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }
}

/// Compares image names the way users write them: `alpine`, `alpine:3.10`, `docker.io/library/alpine:3.10`.
enum TagMatcher {
    /// `true` when `candidate` (recorded in the archive) names what `request` asks for.
    static func matches(candidate: String, request: String) -> Bool {
        if candidate == request { return true }
        if normalize(candidate) == normalize(request) { return true }
        // A bare tag (`3.10`) matches the tag part of a full name, and a full name matches a bare tag
        // recorded as an OCI `ref.name`.
        if !request.contains("/") && !request.contains(":") && tagPart(candidate) == request { return true }
        if !candidate.contains("/") && !candidate.contains(":") && tagPart(request) == candidate { return true }
        return false
    }

    /// Drops the Docker Hub prefixes and adds `:latest` when no tag or digest is given.
    static func normalize(_ reference: String) -> String {
        var name = reference
        for prefix in ["docker.io/library/", "index.docker.io/library/", "docker.io/", "index.docker.io/"]
        where name.hasPrefix(prefix) {
            name.removeFirst(prefix.count)
            break
        }
        if name.hasPrefix("library/") { name.removeFirst("library/".count) }
        let lastComponent = name.split(separator: "/").last ?? Substring(name)
        if !lastComponent.contains(":") && !name.contains("@") { name += ":latest" }
        return name
    }

    /// The tag of `name:tag` (after the last `:` of the last path component), or `nil`.
    static func tagPart(_ reference: String) -> String? {
        let lastComponent = reference.split(separator: "/").last ?? Substring(reference)
        guard let colon = lastComponent.lastIndex(of: ":") else { return nil }
        return String(lastComponent[lastComponent.index(after: colon)...])
    }
}
