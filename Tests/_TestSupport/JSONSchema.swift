// A validator of the subset of JSON Schema (draft 2020-12) that docs/model-file.schema.json uses,
// so that `swift test` checks every model file the tests write against the documented schema
// without a dependency. A schema keyword outside the subset is reported as an error, never
// ignored, so a schema cannot silently outgrow the validator.
//
// Supported: `type` (one name), `properties`, `required`, `additionalProperties` (false or a
// schema), `items`, `minItems`, `maxItems`, `enum`, `const`, `minimum`, `pattern`, `allOf`,
// `oneOf`, `$ref` to `#/$defs/NAME`, the boolean schemas `true` and `false`, and the annotations
// `$schema`, `$id`, `$defs`, `title`, `description`.

import Foundation

/// A JSON value, decoded strictly: a boolean is never a number.
package enum JSONValue: Decodable, Equatable, Sendable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// Decodes any JSON value.
    /// - Parameter decoder: the decoder.
    /// - Throws: `DecodingError` for what is not JSON.
    package init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }
}

/// A JSON Schema (the subset above) that validates JSON documents.
package struct JSONSchemaValidator: Sendable {
    /// The schema document.
    private let root: JSONValue

    /// Reads a schema.
    /// - Parameter data: the schema's JSON.
    /// - Throws: `DecodingError` when it is not JSON.
    package init(schema data: Data) throws {
        root = try JSONDecoder().decode(JSONValue.self, from: data)
    }

    /// The violations of the schema by a document, each as `path: what is wrong` (`$` is the
    /// document, `$.pipeline.model`), empty when it validates.
    /// - Parameter data: the document's JSON.
    /// - Returns: the violations.
    /// - Throws: `DecodingError` when the document is not JSON.
    package func errors(in data: Data) throws -> [String] {
        errors(of: try JSONDecoder().decode(JSONValue.self, from: data), against: root, at: "$")
    }

    private static let annotations: Set<String> = ["$schema", "$id", "$defs", "title", "description"]

    private func errors(of value: JSONValue, against schema: JSONValue, at path: String) -> [String] {
        if case .bool(let allowsAll) = schema { return allowsAll ? [] : ["\(path): not allowed"] }
        guard case .object(let keywords) = schema else { return ["\(path): the schema is neither an object nor a boolean"] }
        var found: [String] = []
        for (keyword, argument) in keywords.sorted(by: { $0.key < $1.key }) where !Self.annotations.contains(keyword) {
            found += errors(of: value, keyword: keyword, argument: argument, siblings: keywords, at: path)
        }
        return found
    }

    private func errors(
        of value: JSONValue, keyword: String, argument: JSONValue, siblings: [String: JSONValue], at path: String
    ) -> [String] {
        switch (keyword, argument) {
        case ("type", .string(let name)):
            return Self.has(type: name, value) ? [] : ["\(path): not of type \(name)"]
        case ("enum", .array(let allowed)):
            return allowed.contains(value) ? [] : ["\(path): not one of the allowed values"]
        case ("const", let allowed):
            return value == allowed ? [] : ["\(path): not the constant value"]
        case ("minimum", .number(let bound)):
            guard case .number(let x) = value else { return [] }
            return x >= bound ? [] : ["\(path): \(x) is below \(bound)"]
        case ("pattern", .string(let pattern)):
            guard case .string(let text) = value else { return [] }
            return text.range(of: pattern, options: .regularExpression) != nil ? [] : ["\(path): does not match \(pattern)"]
        case ("minItems", .number(let bound)), ("maxItems", .number(let bound)):
            guard case .array(let items) = value else { return [] }
            let ok = keyword == "minItems" ? Double(items.count) >= bound : Double(items.count) <= bound
            return ok ? [] : ["\(path): \(items.count) items, \(keyword) is \(Int(bound))"]
        case ("items", let itemSchema):
            guard case .array(let items) = value else { return [] }
            return items.indices.flatMap { errors(of: items[$0], against: itemSchema, at: "\(path)[\($0)]") }
        case ("required", .array(let names)):
            guard case .object(let object) = value else { return [] }
            return names.compactMap { name in
                guard case .string(let key) = name else { return "\(path): a required name is not a string" }
                return object[key] == nil ? "\(path): missing required key \"\(key)\"" : nil
            }
        case ("properties", .object(let properties)):
            guard case .object(let object) = value else { return [] }
            return properties.sorted { $0.key < $1.key }.flatMap { key, propertySchema in
                object[key].map { errors(of: $0, against: propertySchema, at: "\(path).\(key)") } ?? []
            }
        case ("additionalProperties", let extraSchema):
            guard case .object(let object) = value else { return [] }
            guard case .object(let properties) = siblings["properties"] ?? .object([:]) else { return [] }
            return object.keys.sorted().filter { properties[$0] == nil }.flatMap { key -> [String] in
                if case .bool(false) = extraSchema { return ["\(path): unexpected key \"\(key)\""] }
                return object[key].map { errors(of: $0, against: extraSchema, at: "\(path).\(key)") } ?? []
            }
        case ("allOf", .array(let schemas)):
            return schemas.flatMap { errors(of: value, against: $0, at: path) }
        case ("oneOf", .array(let schemas)):
            let outcomes = schemas.map { errors(of: value, against: $0, at: path) }
            let matches = outcomes.filter(\.isEmpty).count
            if matches == 1 { return [] }
            if matches > 1 { return ["\(path): matches \(matches) of the oneOf alternatives, not exactly one"] }
            // The alternative with the fewest violations is the most likely intent.
            let closest = outcomes.min { $0.count < $1.count } ?? []
            return ["\(path): matches none of the oneOf alternatives; closest: \(closest.prefix(3).joined(separator: "; "))"]
        case ("$ref", .string(let reference)):
            let prefix = "#/$defs/"
            guard reference.hasPrefix(prefix), case .object(let top) = root, case .object(let defs)? = top["$defs"],
                let target = defs[String(reference.dropFirst(prefix.count))]
            else { return ["\(path): unresolved $ref \(reference)"] }
            return errors(of: value, against: target, at: path)
        default:
            return ["\(path): the schema keyword \"\(keyword)\" (with this argument) is outside the validator's subset"]
        }
    }

    private static func has(type name: String, _ value: JSONValue) -> Bool {
        switch (name, value) {
        case ("null", .null), ("boolean", .bool), ("number", .number), ("string", .string), ("array", .array),
            ("object", .object):
            return true
        case ("integer", .number(let x)):
            return x.rounded() == x
        default:
            return false
        }
    }
}

/// docs/model-file.schema.json, the JSON Schema of every model file (pipeline and uplift).
package let modelFileSchema = Result {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    return try JSONSchemaValidator(schema: Data(contentsOf: root.appendingPathComponent("docs/model-file.schema.json")))
}
