/// Readable JSON for enums with one unlabeled payload, as model files write them: `{"number": 6}`
/// rather than Swift's synthesized `{"number": {"_0": 6}}`. Reading accepts both, so files written
/// before the change still load.
package enum EnumPayloadCoding {
    /// The key Swift's synthesized coding gives an unlabeled payload.
    private struct SynthesizedPayloadKey: CodingKey {
        var stringValue: String { "_0" }
        var intValue: Int? { nil }
        init() {}
        init?(stringValue: String) { guard stringValue == "_0" else { return nil } }
        init?(intValue: Int) { nil }
    }

    /// Decodes the payload at `key`: the bare value, or the `{"_0": value}` object of older files.
    /// - Parameters:
    ///   - type: The payload's type.
    ///   - container: The enum's keyed container.
    ///   - key: The case's key.
    /// - Returns: The payload.
    /// - Throws: The decoder's error when neither form is there.
    /// - Complexity: O(size of the payload).
    package static func decode<T: Decodable, Key: CodingKey>(
        _ type: T.Type, from container: KeyedDecodingContainer<Key>, forKey key: Key
    ) throws -> T {
        if let nested = try? container.nestedContainer(keyedBy: SynthesizedPayloadKey.self, forKey: key),
           nested.contains(SynthesizedPayloadKey()) {
            return try nested.decode(T.self, forKey: SynthesizedPayloadKey())
        }
        return try container.decode(T.self, forKey: key)
    }

    /// The one case key present in an enum's container.
    /// - Parameter container: The enum's keyed container.
    /// - Returns: The key.
    /// - Throws: `DecodingError.dataCorrupted` naming the keys when there is not exactly one.
    /// - Complexity: O(keys).
    package static func caseKey<Key: CodingKey>(in container: KeyedDecodingContainer<Key>) throws -> Key {
        guard container.allKeys.count == 1, let key = container.allKeys.first else {
            throw DecodingError.dataCorrupted(.init(
                codingPath: container.codingPath,
                debugDescription: "expected exactly one case key, found \(container.allKeys.map(\.stringValue))"))
        }
        return key
    }
}
