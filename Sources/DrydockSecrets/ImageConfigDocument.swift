import Foundation

/// The image configuration as Trivy scans it for secrets: the target `config.json`, laid out the way Trivy
/// writes it before scanning (go-containerregistry's `ConfigFile` field order, Go's JSON escaping, every line
/// but the first indented by two spaces, no nesting indent) so that line numbers in reports agree with
/// Trivy's.
///
/// Environment variables, history commands (`created_by`), labels, the command, entrypoint and every other
/// configuration field are in it.
public enum ImageConfigDocument {
    /// The result's target name.
    public static let targetName = "config.json"

    /// The document for the image configuration JSON `bytes`; `nil` when they are not a JSON object.
    public static func render(_ bytes: [UInt8]) -> [UInt8]? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any] else {
            return nil
        }
        var writer = Writer()
        writer.object([
            ("architecture", .string(object["architecture"] as? String ?? "")),
            ("author", omitEmpty(object["author"])),
            ("container", omitEmpty(object["container"])),
            ("created", .string(time(object["created"]))),
            ("docker_version", omitEmpty(object["docker_version"])),
            ("history", history(object["history"])),
            ("os", .string(object["os"] as? String ?? "")),
            ("rootfs", rootfs(object["rootfs"])),
            ("config", config(object["config"])),
            ("container_config", config(object["container_config"])),
            ("osversion", omitEmpty(object["osversion"])),
        ])
        return Array(writer.text.utf8)
    }

    /// A JSON value to write, or nothing (Go's `omitempty`).
    indirect enum Value {
        case string(String)
        case int(Int)
        case bool(Bool)
        case null
        case array([Value])
        case object([(String, Value)])
        case omitted
    }

    static func omitEmpty(_ value: Any?) -> Value {
        guard let string = value as? String, !string.isEmpty else { return .omitted }
        return .string(string)
    }

    static func strings(_ value: Any?) -> Value {
        guard let items = value as? [Any], !items.isEmpty else { return .omitted }
        return .array(items.map { .string($0 as? String ?? "") })
    }

    static func flag(_ value: Any?) -> Value {
        (value as? Bool) == true ? .bool(true) : .omitted
    }

    /// RFC 3339 as Go writes a `time.Time`: the zero time when absent, no trailing zeros in fractions.
    static func time(_ value: Any?) -> String {
        guard var text = value as? String, !text.isEmpty else { return "0001-01-01T00:00:00Z" }
        if let dot = text.firstIndex(of: "."),
            let zone = text[dot...].firstIndex(where: { $0 == "Z" || $0 == "+" || $0 == "-" })
        {
            var fraction = String(text[text.index(after: dot)..<zone])
            while fraction.hasSuffix("0") { fraction.removeLast() }
            text = String(text[..<dot]) + (fraction.isEmpty ? "" : "." + fraction) + String(text[zone...])
        }
        return text
    }

    static func history(_ value: Any?) -> Value {
        guard let entries = value as? [[String: Any]], !entries.isEmpty else { return .omitted }
        return .array(
            entries.map { entry in
                .object([
                    ("author", omitEmpty(entry["author"])), ("created", .string(time(entry["created"]))),
                    ("created_by", omitEmpty(entry["created_by"])), ("comment", omitEmpty(entry["comment"])),
                    ("empty_layer", flag(entry["empty_layer"])),
                ])
            })
    }

    static func rootfs(_ value: Any?) -> Value {
        let object = value as? [String: Any] ?? [:]
        let diffIDs = (object["diff_ids"] as? [Any]).map { ids in Value.array(ids.map { .string($0 as? String ?? "") })
        }
        return .object([("type", .string(object["type"] as? String ?? "")), ("diff_ids", diffIDs ?? .null)])
    }

    /// Go's `v1.Config`, in its field order; maps sorted by key as Go writes them.
    static func config(_ value: Any?) -> Value {
        let object = value as? [String: Any] ?? [:]
        func map(_ key: String, set: Bool) -> Value {
            guard let entries = object[key] as? [String: Any], !entries.isEmpty else { return .omitted }
            return .object(
                entries.keys.sorted().map { key -> (String, Value) in
                    (key, set ? Value.object([]) : Value.string(entries[key] as? String ?? ""))
                })
        }
        var health: Value = .omitted
        if let check = object["Healthcheck"] as? [String: Any] {
            health = .object([
                ("Test", strings(check["Test"])), ("Interval", number(check["Interval"])),
                ("Timeout", number(check["Timeout"])), ("StartPeriod", number(check["StartPeriod"])),
                ("Retries", number(check["Retries"])),
            ])
        }
        return .object([
            ("AttachStderr", flag(object["AttachStderr"])), ("AttachStdin", flag(object["AttachStdin"])),
            ("AttachStdout", flag(object["AttachStdout"])), ("Cmd", strings(object["Cmd"])), ("Healthcheck", health),
            ("Domainname", omitEmpty(object["Domainname"])), ("Entrypoint", strings(object["Entrypoint"])),
            ("Env", strings(object["Env"])), ("Hostname", omitEmpty(object["Hostname"])),
            ("Image", omitEmpty(object["Image"])), ("Labels", map("Labels", set: false)),
            ("OnBuild", strings(object["OnBuild"])), ("OpenStdin", flag(object["OpenStdin"])),
            ("StdinOnce", flag(object["StdinOnce"])), ("Tty", flag(object["Tty"])), ("User", omitEmpty(object["User"])),
            ("Volumes", map("Volumes", set: true)), ("WorkingDir", omitEmpty(object["WorkingDir"])),
            ("ExposedPorts", map("ExposedPorts", set: true)), ("ArgsEscaped", flag(object["ArgsEscaped"])),
            ("NetworkDisabled", flag(object["NetworkDisabled"])), ("MacAddress", omitEmpty(object["MacAddress"])),
            ("StopSignal", omitEmpty(object["StopSignal"])), ("Shell", strings(object["Shell"])),
        ])
    }

    static func number(_ value: Any?) -> Value {
        guard let number = value as? NSNumber, number.int64Value != 0 else { return .omitted }
        return .int(number.intValue)
    }

    /// Go's `json.MarshalIndent(value, "  ", "")`.
    struct Writer {
        var text = ""

        mutating func object(_ members: [(String, Value)]) { write(.object(members)) }

        mutating func write(_ value: Value) {
            switch value {
            case .string(let string): text += Self.quoted(string)
            case .int(let number): text += String(number)
            case .bool(let flag): text += flag ? "true" : "false"
            case .null, .omitted: text += "null"
            case .array(let items):
                guard !items.isEmpty else { return text += "[]" }
                text += "["
                for (index, item) in items.enumerated() {
                    text += "\n  "
                    write(item)
                    if index < items.count - 1 { text += "," }
                }
                text += "\n  ]"
            case .object(let members):
                let kept = members.filter { if case .omitted = $0.1 { false } else { true } }
                guard !kept.isEmpty else { return text += "{}" }
                text += "{"
                for (index, (key, item)) in kept.enumerated() {
                    text += "\n  " + Self.quoted(key) + ": "
                    write(item)
                    if index < kept.count - 1 { text += "," }
                }
                text += "\n  }"
            }
        }

        /// A JSON string as Go writes it: `<`, `>`, `&`, U+2028 and U+2029 escaped too.
        static func quoted(_ string: String) -> String {
            var out = "\""
            for scalar in string.unicodeScalars {
                switch scalar {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                case "\r": out += "\\r"
                case "\t": out += "\\t"
                case "<", ">", "&", "\u{2028}", "\u{2029}":
                    out += String(format: "\\u%04x", scalar.value)
                case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
                default: out.unicodeScalars.append(scalar)
                }
            }
            return out + "\""
        }
    }
}
