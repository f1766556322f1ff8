import _ChurnKitCore

/// Model files write a fill value as `{"number": 6}`, `{"label": "text"}` or `{"flag": true}`;
/// files of pipeline version 2 and earlier (`{"number": {"_0": 6}}`) still read.
extension ImputedValue: Codable {
    private enum CodingKeys: String, CodingKey { case number, label, flag }

    /// Decodes either form.
    /// - Parameter decoder: The decoder.
    /// - Throws: `DecodingError` when the object has not exactly one of the three keys.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        switch try EnumPayloadCoding.caseKey(in: container) {
        case .number: self = .number(try EnumPayloadCoding.decode(Double.self, from: container, forKey: .number))
        case .label: self = .label(try EnumPayloadCoding.decode(String.self, from: container, forKey: .label))
        case .flag: self = .flag(try EnumPayloadCoding.decode(Bool.self, from: container, forKey: .flag))
        }
    }

    /// Encodes `{"number": x}`, `{"label": text}` or `{"flag": b}`.
    /// - Parameter encoder: The encoder.
    /// - Throws: The encoder's error.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .number(let value): try container.encode(value, forKey: .number)
        case .label(let value): try container.encode(value, forKey: .label)
        case .flag(let value): try container.encode(value, forKey: .flag)
        }
    }
}
