/// Finds the 1-based line where objects and arrays at given JSON paths (`statements[2]`,
/// `vulnerabilities[0].product_status.fixed`) start, so decisions and evidence can name "file and line".
///
/// One pass over the bytes with a stack of keys and indices; only containers up to the deepest requested
/// path are looked at. Malformed input simply leaves paths unfound (the document was already parsed).
enum JSONLineLocator {
    static func lines(of paths: Set<String>, in bytes: [UInt8]) -> [String: Int] {
        guard !paths.isEmpty else { return [:] }
        let maxDepth = paths.map { path in path.reduce(1) { $0 + ($1 == "." || $1 == "[" ? 1 : 0) } }.max() ?? 0
        var found: [String: Int] = [:]
        var line = 1
        // Per open container: its key within the parent object, or index within the parent array.
        var stack: [(isArray: Bool, component: String, count: Int)] = []
        var pendingKey: String?
        var index = 0
        let count = bytes.count

        func path() -> String {
            var text = ""
            for frame in stack.dropFirst() {
                text += frame.component.hasPrefix("[") || text.isEmpty ? frame.component : "." + frame.component
            }
            return text
        }
        /// The component naming the value starting now in the innermost container.
        func component() -> String {
            guard let top = stack.last else { return "" }
            return top.isArray ? "[\(top.count)]" : (pendingKey ?? "")
        }

        while index < count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\n"):
                line += 1
            case UInt8(ascii: "\""):
                var end = index + 1
                var text: [UInt8] = []
                while end < count, bytes[end] != UInt8(ascii: "\"") {
                    if bytes[end] == UInt8(ascii: "\\") { end += 1 }
                    if end < count { text.append(bytes[end]) }
                    end += 1
                }
                // A string directly in an object, before a colon, is a key.
                var next = end + 1
                while next < count, [9, 10, 13, 32].contains(bytes[next]) { next += 1 }
                if let top = stack.last, !top.isArray, pendingKey == nil, next < count, bytes[next] == UInt8(ascii: ":")
                {
                    pendingKey = String(decoding: text, as: UTF8.self)
                } else {
                    finishValue(&stack, &pendingKey)
                }
                index = end
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                let name = component()
                stack.append((byte == UInt8(ascii: "["), name, 0))
                pendingKey = nil
                if stack.count - 1 <= maxDepth, stack.count > 1 {
                    let here = path()
                    if paths.contains(here), found[here] == nil { found[here] = line }
                }
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                _ = stack.popLast()
                finishValue(&stack, &pendingKey)
            case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "-"),
                UInt8(ascii: "0")...UInt8(ascii: "9"):
                while index + 1 < count, !",]}\n\t\r ".utf8.contains(bytes[index + 1]) { index += 1 }
                finishValue(&stack, &pendingKey)
            default:
                break
            }
            index += 1
        }
        return found
    }

    /// A value ended: the innermost array counts it; the object's key is used up.
    private static func finishValue(
        _ stack: inout [(isArray: Bool, component: String, count: Int)], _ pendingKey: inout String?
    ) {
        guard !stack.isEmpty else { return }
        if stack[stack.count - 1].isArray { stack[stack.count - 1].count += 1 }
        pendingKey = nil
    }
}
