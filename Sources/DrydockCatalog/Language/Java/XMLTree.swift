/// A minimal XML element tree, enough for Maven POMs: elements (namespace prefixes dropped), their text,
/// comments, CDATA, processing instructions and a DOCTYPE (skipped), and the five named and numeric
/// character references. Attributes are skipped. Not a validating parser.
struct XMLElement: Sendable, Hashable {
    /// Local name (`dependency`).
    var name: String
    /// Child elements in order.
    var children: [XMLElement]
    /// Text directly inside the element, entities decoded, trimmed.
    var text: String

    /// The first child named `name`.
    func child(_ name: String) -> XMLElement? { children.first { $0.name == name } }

    /// Every child named `name`.
    func children(_ name: String) -> [XMLElement] { children.filter { $0.name == name } }

    /// The text of the first child named `name`, when present and not empty.
    func value(_ name: String) -> String? {
        guard let text = child(name)?.text, !text.isEmpty else { return nil }
        return text
    }

    /// Parses a document and returns its root element. Throws `XMLError` for unbalanced or unterminated
    /// markup, or nesting deeper than `maximumDepth`.
    static func parse(_ bytes: [UInt8], maximumDepth: Int = 200) throws(XMLError) -> XMLElement {
        var stack: [XMLElement] = [XMLElement(name: "", children: [], text: "")]
        var texts: [[UInt8]] = [[]]
        var index = 0
        let count = bytes.count
        func find(_ pattern: [UInt8], from start: Int) -> Int? {
            guard pattern.count <= count else { return nil }
            var at = start
            while at <= count - pattern.count {
                if bytes[at] == pattern[0], bytes[at..<(at + pattern.count)].elementsEqual(pattern) { return at }
                at += 1
            }
            return nil
        }
        while index < count {
            let byte = bytes[index]
            guard byte == UInt8(ascii: "<") else {
                texts[texts.count - 1].append(byte)
                index += 1
                continue
            }
            if bytes[index...].starts(with: Array("<!--".utf8)) {
                guard let end = find(Array("-->".utf8), from: index + 4) else {
                    throw XMLError(reason: "comment never ends")
                }
                index = end + 3
            } else if bytes[index...].starts(with: Array("<![CDATA[".utf8)) {
                guard let end = find(Array("]]>".utf8), from: index + 9) else {
                    throw XMLError(reason: "CDATA never ends")
                }
                // CDATA is literal: escape `&` so entity decoding leaves it alone.
                for character in bytes[(index + 9)..<end] {
                    if character == UInt8(ascii: "&") {
                        texts[texts.count - 1] += Array("&amp;".utf8)
                    } else {
                        texts[texts.count - 1].append(character)
                    }
                }
                index = end + 3
            } else if index + 1 < count, bytes[index + 1] == UInt8(ascii: "?") || bytes[index + 1] == UInt8(ascii: "!")
            {
                guard let end = find([UInt8(ascii: ">")], from: index + 2) else {
                    throw XMLError(reason: "declaration never ends")
                }
                index = end + 1
            } else {
                guard let end = find([UInt8(ascii: ">")], from: index + 1) else {
                    throw XMLError(reason: "tag never ends")
                }
                let tag = bytes[(index + 1)..<end]
                index = end + 1
                if tag.first == UInt8(ascii: "/") {
                    let name = localName(tag.dropFirst())
                    guard stack.count > 1, stack[stack.count - 1].name == name else {
                        throw XMLError(reason: "unexpected closing tag </\(name)>")
                    }
                    var element = stack.removeLast()
                    element.text = decode(texts.removeLast())
                    stack[stack.count - 1].children.append(element)
                } else {
                    let selfClosing = tag.last == UInt8(ascii: "/")
                    let name = localName(selfClosing ? tag.dropLast() : tag)
                    guard !name.isEmpty else { throw XMLError(reason: "empty tag name") }
                    if selfClosing {
                        stack[stack.count - 1].children.append(XMLElement(name: name, children: [], text: ""))
                    } else {
                        guard stack.count <= maximumDepth else {
                            throw XMLError(reason: "nesting deeper than \(maximumDepth)")
                        }
                        stack.append(XMLElement(name: name, children: [], text: ""))
                        texts.append([])
                    }
                }
            }
        }
        guard stack.count == 1, let root = stack[0].children.first else {
            throw XMLError(
                reason: stack.count > 1 ? "<\(stack[stack.count - 1].name)> is never closed" : "no root element")
        }
        return root
    }

    private static func localName(_ tag: ArraySlice<UInt8>) -> String {
        let end = tag.firstIndex { $0 == 0x20 || $0 == 0x09 || $0 == 0x0a || $0 == 0x0d } ?? tag.endIndex
        let qualified = tag[tag.startIndex..<end]
        let start = qualified.lastIndex(of: UInt8(ascii: ":")).map { $0 + 1 } ?? qualified.startIndex
        return String(decoding: qualified[start...], as: UTF8.self)
    }

    private static func decode(_ bytes: [UInt8]) -> String {
        let text = String(decoding: bytes, as: UTF8.self).trimmingWhitespace()
        guard text.contains("&") else { return text }
        var result = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            result += rest[..<amp]
            guard let semicolon = rest[amp...].firstIndex(of: ";"), rest.distance(from: amp, to: semicolon) <= 10 else {
                result += "&"
                rest = rest[rest.index(after: amp)...]
                continue
            }
            let entity = rest[rest.index(after: amp)..<semicolon]
            switch entity {
            case "lt": result += "<"
            case "gt": result += ">"
            case "amp": result += "&"
            case "quot": result += "\""
            case "apos": result += "'"
            default:
                let code =
                    entity.hasPrefix("#x")
                    ? UInt32(entity.dropFirst(2), radix: 16)
                    : entity.hasPrefix("#") ? UInt32(entity.dropFirst()) : nil
                if let code, let scalar = Unicode.Scalar(code) {
                    result.unicodeScalars.append(scalar)
                } else {
                    result += "&\(entity);"
                }
            }
            rest = rest[rest.index(after: semicolon)...]
        }
        return result + rest
    }
}

/// Why an XML document could not be parsed.
struct XMLError: Error, Sendable, Hashable {
    /// What is wrong.
    var reason: String
}
