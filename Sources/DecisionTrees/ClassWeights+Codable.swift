import _ChurnKitCore

/// Model files write class weights as `{"uniform": {}}`, `{"balanced": {}}` or `{"custom": [1, 3]}`;
/// the `{"custom": {"_0": [1, 3]}}` form of earlier files reads.
extension ClassWeights: Codable {
    private enum CodingKeys: String, CodingKey { case uniform, balanced, custom }

    /// Decodes either form.
    /// - Parameter decoder: The decoder.
    /// - Throws: `DecodingError` when the object has not exactly one of the three keys.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        switch try EnumPayloadCoding.caseKey(in: container) {
        case .uniform: self = .uniform
        case .balanced: self = .balanced
        case .custom: self = .custom(try EnumPayloadCoding.decode([Double].self, from: container, forKey: .custom))
        }
    }

    /// Encodes one case key with its payload.
    /// - Parameter encoder: The encoder.
    /// - Throws: The encoder's error.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .uniform: _ = container.nestedContainer(keyedBy: CodingKeys.self, forKey: .uniform)
        case .balanced: _ = container.nestedContainer(keyedBy: CodingKeys.self, forKey: .balanced)
        case .custom(let weights): try container.encode(weights, forKey: .custom)
        }
    }
}
