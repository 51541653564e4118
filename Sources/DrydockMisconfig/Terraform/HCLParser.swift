/// Parses HCL's native syntax (Terraform `.tf` files, `.tfvars`) into bodies, blocks, attributes and
/// expressions, each with its lines. Pure: text in, syntax out; errors name the line.
public struct HCLParser {
    private var tokens: [HCLToken]
    private var position = 0
    /// Inside brackets and parentheses, newlines do not end anything.
    private var nesting = 0
    /// How deeply expressions and blocks are nested: hostile input fails cleanly instead of exhausting the
    /// stack.
    private var depth = 0
    static let maximumDepth = 200

    init(tokens: [HCLToken]) {
        self.tokens = tokens
    }

    /// Parses a whole file.
    public static func parse(_ text: String) throws(ConfigParseError) -> HCLBody {
        var lexer = HCLLexer(Substring(text))
        var parser = HCLParser(tokens: try lexer.tokens())
        let body = try parser.body(closing: false)
        return body
    }

    /// Parses one expression written in `text` starting on `line` (an interpolation).
    static func expression(_ text: Substring, line: Int) throws(ConfigParseError) -> HCLExpression {
        var lexer = HCLLexer(text, firstLine: line)
        var parser = HCLParser(tokens: try lexer.tokens())
        parser.nesting = 1
        let expression = try parser.expression()
        parser.skipNewlines()
        guard parser.current.kind == .end else {
            throw ConfigParseError(
                "unexpected \(parser.current.describe) in an interpolation", line: parser.current.line)
        }
        return expression
    }

    private var current: HCLToken { tokens[min(position, tokens.count - 1)] }
    private var previousLine: Int { tokens[max(0, min(position, tokens.count) - 1)].line }

    private mutating func advance() -> HCLToken {
        let token = current
        if position < tokens.count - 1 { position += 1 }
        return token
    }

    private mutating func skipNewlines() {
        while current.kind == .newline { position += 1 }
    }

    private func isSymbol(_ symbol: String) -> Bool { current.symbol == symbol }

    private mutating func expect(_ symbol: String, _ context: String) throws(ConfigParseError) -> HCLToken {
        if nesting > 0 { skipNewlines() }
        guard isSymbol(symbol) else {
            throw ConfigParseError("expected '\(symbol)' \(context), found \(current.describe)", line: current.line)
        }
        return advance()
    }

    // MARK: Bodies

    private mutating func body(closing: Bool) throws(ConfigParseError) -> HCLBody {
        var body = HCLBody()
        while true {
            skipNewlines()
            if closing, isSymbol("}") { return body }
            if current.kind == .end {
                if closing { throw ConfigParseError("a block is not closed: missing '}'", line: current.line) }
                return body
            }
            guard let name = current.identifier else {
                throw ConfigParseError(
                    "expected an attribute name or block type, found \(current.describe)", line: current.line)
            }
            let start = advance().line
            if isSymbol("=") {
                _ = advance()
                let value = try expression()
                body.attributes.append(
                    HCLAttribute(name: name, expression: value, range: LineRange(start, previousLine)))
                try endOfItem()
                continue
            }
            var labels: [String] = []
            while true {
                if case .template(let text, _) = current.kind {
                    labels.append(text)
                    _ = advance()
                } else if let label = current.identifier {
                    labels.append(label)
                    _ = advance()
                } else {
                    break
                }
            }
            guard isSymbol("{") else {
                throw ConfigParseError(
                    "expected '=' or '{' after '\(name)', found \(current.describe)", line: current.line)
            }
            _ = advance()
            depth += 1
            defer { depth -= 1 }
            guard depth <= Self.maximumDepth else {
                throw ConfigParseError("blocks nested deeper than \(Self.maximumDepth) levels", line: current.line)
            }
            let saved = nesting
            nesting = 0
            let inner = try self.body(closing: true)
            nesting = saved
            let end = advance().line
            body.blocks.append(HCLBlock(type: name, labels: labels, body: inner, range: LineRange(start, end)))
            try endOfItem()
        }
    }

    private mutating func endOfItem() throws(ConfigParseError) {
        switch current.kind {
        case .newline, .end: return
        case .symbol("}"): return
        default:
            throw ConfigParseError("expected a new line, found \(current.describe)", line: current.line)
        }
    }

    // MARK: Expressions

    mutating func expression() throws(ConfigParseError) -> HCLExpression {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maximumDepth else {
            throw ConfigParseError("expressions nested deeper than \(Self.maximumDepth) levels", line: current.line)
        }
        let condition = try binary(0)
        if nesting > 0 { skipNewlines() }
        guard isSymbol("?") else { return condition }
        _ = advance()
        if nesting > 0 { skipNewlines() }
        let yes = try expression()
        _ = try expect(":", "in a conditional expression")
        if nesting > 0 { skipNewlines() }
        let no = try expression()
        return .conditional(condition, yes, no, condition.range.union(no.range))
    }

    static let precedence: [[String]] = [
        ["||"], ["&&"], ["==", "!="], ["<", ">", "<=", ">="], ["+", "-"], ["*", "/", "%"],
    ]

    private mutating func binary(_ level: Int) throws(ConfigParseError) -> HCLExpression {
        guard level < Self.precedence.count else { return try unary() }
        var left = try binary(level + 1)
        while true {
            if nesting > 0 {
                let saved = position
                skipNewlines()
                if !(current.symbol.map { Self.precedence[level].contains($0) } ?? false) {
                    position = saved
                    return left
                }
            }
            guard let op = current.symbol, Self.precedence[level].contains(op) else { return left }
            _ = advance()
            if nesting > 0 { skipNewlines() }
            let right = try binary(level + 1)
            left = .binary(op, left, right, left.range.union(right.range))
        }
    }

    private mutating func unary() throws(ConfigParseError) -> HCLExpression {
        if isSymbol("!") || isSymbol("-") {
            depth += 1
            defer { depth -= 1 }
            guard depth <= Self.maximumDepth else {
                throw ConfigParseError("expressions nested deeper than \(Self.maximumDepth) levels", line: current.line)
            }
            let token = advance()
            let operand = try unary()
            return .unary(token.symbol ?? "", operand, LineRange(token.line, operand.range.end))
        }
        return try postfix(try primary())
    }

    private mutating func postfix(_ base: HCLExpression) throws(ConfigParseError) -> HCLExpression {
        var result = base
        while true {
            if isSymbol(".") {
                _ = advance()
                if isSymbol("*") {
                    let star = advance()
                    let each = try splatTail(
                        .variable(HCLExpression.splatItem, LineRange(line: star.line)), attributesOnly: true)
                    result = .splat(result, each: each, result.range.union(each.range))
                    continue
                }
                switch current.kind {
                case .identifier(let name):
                    let token = advance()
                    result = .attribute(result, name, result.range.union(LineRange(line: token.line)))
                case .number(let number):
                    let token = advance()
                    result = .index(
                        result, .literal(.int(Int(number)), LineRange(line: token.line)),
                        result.range.union(LineRange(line: token.line)))
                default:
                    throw ConfigParseError("expected an attribute name after '.'", line: current.line)
                }
            } else if isSymbol("[") {
                _ = advance()
                nesting += 1
                skipNewlines()
                if isSymbol("*") {
                    _ = advance()
                    let close = try expect("]", "after '[*'")
                    nesting -= 1
                    let each = try splatTail(
                        .variable(HCLExpression.splatItem, LineRange(line: close.line)), attributesOnly: false)
                    result = .splat(result, each: each, result.range.union(LineRange(line: close.line)))
                    continue
                }
                let key = try expression()
                let close = try expect("]", "after an index")
                nesting -= 1
                result = .index(result, key, result.range.union(LineRange(line: close.line)))
            } else {
                return result
            }
        }
    }

    /// The traversal after a splat, applied to each item: `.a.b` (and `[0]` for full splats).
    private mutating func splatTail(_ item: HCLExpression, attributesOnly: Bool) throws(ConfigParseError)
        -> HCLExpression
    {
        var result = item
        while true {
            if isSymbol("."), case .identifier(let name) = tokens[min(position + 1, tokens.count - 1)].kind {
                _ = advance()
                let token = advance()
                result = .attribute(result, name, result.range.union(LineRange(line: token.line)))
            } else if !attributesOnly, isSymbol("[") {
                _ = advance()
                nesting += 1
                let key = try expression()
                let close = try expect("]", "after an index")
                nesting -= 1
                result = .index(result, key, result.range.union(LineRange(line: close.line)))
            } else {
                return result
            }
        }
    }

    private mutating func primary() throws(ConfigParseError) -> HCLExpression {
        let token = current
        let range = LineRange(line: token.line)
        switch token.kind {
        case .number(let number):
            _ = advance()
            let value: ConfigNode.Value =
                number.rounded() == number && abs(number) < 1e15 ? .int(Int(number)) : .float(number)
            return .literal(value, range)
        case .template(let text, let heredoc):
            _ = advance()
            let parts = try HCLTemplateParser.parse(text, line: heredoc ? token.line + 1 : token.line)
            let lines = text.reduce(0) { $1 == "\n" ? $0 + 1 : $0 }
            return .template(parts, LineRange(token.line, token.line + lines + (heredoc ? 1 : 0)))
        case .identifier(let name):
            _ = advance()
            switch name {
            case "true": return .literal(.bool(true), range)
            case "false": return .literal(.bool(false), range)
            case "null": return .literal(.null, range)
            default: break
            }
            if isSymbol("(") { return try call(name, line: token.line) }
            return .variable(name, range)
        case .symbol("("):
            _ = advance()
            nesting += 1
            skipNewlines()
            let inner = try expression()
            _ = try expect(")", "to close '('")
            nesting -= 1
            return inner
        case .symbol("["):
            return try tuple()
        case .symbol("{"):
            return try object()
        default:
            throw ConfigParseError("expected an expression, found \(token.describe)", line: token.line)
        }
    }

    private mutating func call(_ name: String, line: Int) throws(ConfigParseError) -> HCLExpression {
        _ = advance()
        nesting += 1
        var arguments: [HCLExpression] = []
        var expands = false
        skipNewlines()
        while !isSymbol(")") {
            arguments.append(try expression())
            skipNewlines()
            if isSymbol("...") {
                _ = advance()
                expands = true
                skipNewlines()
            }
            if isSymbol(",") {
                _ = advance()
                skipNewlines()
            } else {
                break
            }
        }
        let close = try expect(")", "to close the arguments of \(name)()")
        nesting -= 1
        // `provider::name::function(…)` is not supported; it was lexed as separate tokens and fails above.
        return .call(name, arguments, expandsLast: expands, LineRange(line, close.line))
    }

    private mutating func tuple() throws(ConfigParseError) -> HCLExpression {
        let open = advance()
        nesting += 1
        skipNewlines()
        if current.identifier == "for" { return try forExpression(open: open, object: false) }
        var items: [HCLExpression] = []
        while !isSymbol("]") {
            items.append(try expression())
            skipNewlines()
            guard isSymbol(",") else { break }
            _ = advance()
            skipNewlines()
        }
        let close = try expect("]", "to close a list")
        nesting -= 1
        return .tuple(items, LineRange(open.line, close.line))
    }

    private mutating func object() throws(ConfigParseError) -> HCLExpression {
        let open = advance()
        nesting += 1
        skipNewlines()
        if current.identifier == "for" { return try forExpression(open: open, object: true) }
        var entries: [(key: HCLExpression, value: HCLExpression)] = []
        while !isSymbol("}") {
            let key = try expression()
            guard isSymbol("=") || isSymbol(":") else {
                throw ConfigParseError("expected '=' or ':' after an object key", line: current.line)
            }
            _ = advance()
            skipNewlines()
            let value = try expression()
            entries.append((key, value))
            skipNewlines()
            if isSymbol(",") {
                _ = advance()
                skipNewlines()
            }
        }
        let close = try expect("}", "to close an object")
        nesting -= 1
        return .object(entries, LineRange(open.line, close.line))
    }

    private mutating func forExpression(open: HCLToken, object: Bool) throws(ConfigParseError) -> HCLExpression {
        _ = advance()
        guard let first = advance().identifier else {
            throw ConfigParseError("expected a variable name after 'for'", line: open.line)
        }
        var keyName: String?
        var valueName = first
        if isSymbol(",") {
            _ = advance()
            guard let second = advance().identifier else {
                throw ConfigParseError("expected a second variable name in 'for'", line: current.line)
            }
            keyName = first
            valueName = second
        }
        guard current.identifier == "in" else {
            throw ConfigParseError("expected 'in' in a for expression", line: current.line)
        }
        _ = advance()
        let collection = try expression()
        _ = try expect(":", "in a for expression")
        skipNewlines()
        var key: HCLExpression?
        var value = try expression()
        if object {
            _ = try expect("=>", "in an object for expression")
            skipNewlines()
            key = value
            value = try expression()
        }
        skipNewlines()
        var grouping = false
        if isSymbol("...") {
            _ = advance()
            grouping = true
            skipNewlines()
        }
        var condition: HCLExpression?
        if current.identifier == "if" {
            _ = advance()
            condition = try expression()
            skipNewlines()
        }
        let close = try expect(object ? "}" : "]", "to close a for expression")
        nesting -= 1
        let parts = HCLForExpression(
            keyName: keyName, valueName: valueName, collection: collection, key: key, value: value,
            condition: condition, grouping: grouping)
        return .forExpression(parts, LineRange(open.line, close.line))
    }
}

extension HCLParser {
    /// Whether text without a telling name looks like Terraform: a line starting a `resource`, `data`,
    /// `module`, `variable`, `provider`, `terraform` or `locals` block.
    public static func looksLikeTerraform(_ content: some Collection<UInt8>) -> Bool {
        let text = String(decoding: content.prefix(64 << 10), as: UTF8.self)
        let starts = ["resource \"", "data \"", "module \"", "variable \"", "provider \"", "terraform {", "locals {"]
        return text.split(separator: "\n").contains { line in starts.contains { line.hasPrefix($0) } }
    }
}
