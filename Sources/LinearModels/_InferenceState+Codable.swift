import _ChurnKitCore

/// Model files write the inference state as `{"standardErrors": [...]}`, `{"singular": [...]}` or
/// `{"notComputed": "reason"}`; the `{"standardErrors": {"_0": [...]}}` form of earlier files reads.
extension _InferenceState: Codable {
    private enum CodingKeys: String, CodingKey { case standardErrors, singular, notComputed }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        switch try EnumPayloadCoding.caseKey(in: container) {
        case .standardErrors:
            self = .standardErrors(try EnumPayloadCoding.decode([Double].self, from: container, forKey: .standardErrors))
        case .singular: self = .singular(try EnumPayloadCoding.decode([LogisticTerm].self, from: container, forKey: .singular))
        case .notComputed: self = .notComputed(try EnumPayloadCoding.decode(String.self, from: container, forKey: .notComputed))
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .standardErrors(let values): try container.encode(values, forKey: .standardErrors)
        case .singular(let terms): try container.encode(terms, forKey: .singular)
        case .notComputed(let reason): try container.encode(reason, forKey: .notComputed)
        }
    }
}
