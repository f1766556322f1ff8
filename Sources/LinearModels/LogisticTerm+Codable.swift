import _ChurnKitCore

/// Model files write a term as `{"intercept": {}}` or `{"feature": 3}`; the `{"feature": {"_0": 3}}`
/// form of earlier files reads.
extension LogisticTerm: Codable {
    private enum CodingKeys: String, CodingKey { case intercept, feature }

    /// Decodes either form.
    /// - Parameter decoder: The decoder.
    /// - Throws: `DecodingError` when the object has not exactly one of the two keys.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        switch try EnumPayloadCoding.caseKey(in: container) {
        case .intercept: self = .intercept
        case .feature: self = .feature(try EnumPayloadCoding.decode(Int.self, from: container, forKey: .feature))
        }
    }

    /// Encodes `{"intercept": {}}` or `{"feature": index}`.
    /// - Parameter encoder: The encoder.
    /// - Throws: The encoder's error.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .intercept: _ = container.nestedContainer(keyedBy: CodingKeys.self, forKey: .intercept)
        case .feature(let index): try container.encode(index, forKey: .feature)
        }
    }
}
