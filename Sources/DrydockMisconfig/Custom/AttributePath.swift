import Foundation

/// A dotted attribute path of a custom check (`spec.template.spec.containers.*.image`), as checkov writes
/// them: `*` matches every item of a list or every value of a mapping, a number an item of a list, and
/// `[0]` / `[*]` are accepted for the same.
public struct AttributePath: Sendable, Hashable, CustomStringConvertible {
    /// The components.
    public var components: [String]

    /// Parses `text`.
    public init(_ text: String) {
        let normalised = text.replacingOccurrences(of: "[", with: ".").replacingOccurrences(of: "]", with: "")
        components = normalised.split(separator: ".", omittingEmptySubsequences: true).map(String.init)
    }

    /// The path as written, normalised.
    public var description: String { components.joined(separator: ".") }

    /// Every node the path reaches in `node`.
    public func values(in node: ConfigNode) -> [ConfigNode] {
        var current = [node]
        for component in components {
            var next: [ConfigNode] = []
            for candidate in current {
                switch candidate.value {
                case .mapping(let entries):
                    if component == "*" {
                        next += entries.map(\.value)
                    } else if let entry = entries.first(where: { $0.key == component }) {
                        next.append(entry.value)
                    }
                case .sequence(let items):
                    if component == "*" {
                        next += items
                    } else if let index = Int(component), items.indices.contains(index) {
                        next.append(items[index])
                    }
                default:
                    break
                }
            }
            current = next
            if current.isEmpty { break }
        }
        return current
    }
}
