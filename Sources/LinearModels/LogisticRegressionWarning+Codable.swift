import _ChurnKitCore

/// Model files write a warning as one key naming the case: `{"notConverged": {"iterations": 100,
/// "gradientNorm": 0.01}}`, `{"quasiCompleteSeparation": {"rows": 12}}`, `{"singularHessian": {}}`,
/// `{"aliased": {"column": 6, "aliasedWith": [...]}}`, `{"nearCollinear": {...}}`,
/// `{"penaltyZeroedCoefficients": {"l2": 1e200, "largest": 0}}`; the
/// `{"aliased": {"_0": {...}}}` form of earlier files reads.
extension LogisticRegressionWarning: Codable {
    private enum CodingKeys: String, CodingKey { case notConverged, quasiCompleteSeparation, singularHessian, aliased, nearCollinear, penaltyZeroedCoefficients }
    private enum ConvergenceKeys: String, CodingKey { case iterations, gradientNorm }
    private enum SeparationKeys: String, CodingKey { case rows }
    private enum PenaltyKeys: String, CodingKey { case l2, largest }

    /// Decodes either form.
    /// - Parameter decoder: The decoder.
    /// - Throws: `DecodingError` when the object has not exactly one case key or a payload is malformed.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        switch try EnumPayloadCoding.caseKey(in: container) {
        case .notConverged:
            let payload = try container.nestedContainer(keyedBy: ConvergenceKeys.self, forKey: .notConverged)
            self = .notConverged(iterations: try payload.decode(Int.self, forKey: .iterations),
                                 gradientNorm: try payload.decode(Double.self, forKey: .gradientNorm))
        case .quasiCompleteSeparation:
            let payload = try container.nestedContainer(keyedBy: SeparationKeys.self, forKey: .quasiCompleteSeparation)
            self = .quasiCompleteSeparation(rows: try payload.decode(Int.self, forKey: .rows))
        case .singularHessian: self = .singularHessian
        case .penaltyZeroedCoefficients:
            let payload = try container.nestedContainer(keyedBy: PenaltyKeys.self, forKey: .penaltyZeroedCoefficients)
            self = .penaltyZeroedCoefficients(l2: try payload.decode(Double.self, forKey: .l2), largest: try payload.decode(Double.self, forKey: .largest))
        case .aliased: self = .aliased(try EnumPayloadCoding.decode(AliasedTerm.self, from: container, forKey: .aliased))
        case .nearCollinear:
            self = .nearCollinear(try EnumPayloadCoding.decode(NearCollinearTerm.self, from: container, forKey: .nearCollinear))
        }
    }

    /// Encodes one case key with its payload.
    /// - Parameter encoder: The encoder.
    /// - Throws: The encoder's error.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .notConverged(let iterations, let gradientNorm):
            var payload = container.nestedContainer(keyedBy: ConvergenceKeys.self, forKey: .notConverged)
            try payload.encode(iterations, forKey: .iterations)
            try payload.encode(gradientNorm, forKey: .gradientNorm)
        case .quasiCompleteSeparation(let rows):
            var payload = container.nestedContainer(keyedBy: SeparationKeys.self, forKey: .quasiCompleteSeparation)
            try payload.encode(rows, forKey: .rows)
        case .penaltyZeroedCoefficients(let l2, let largest):
            var payload = container.nestedContainer(keyedBy: PenaltyKeys.self, forKey: .penaltyZeroedCoefficients)
            try payload.encode(l2, forKey: .l2)
            try payload.encode(largest, forKey: .largest)
        case .singularHessian: _ = container.nestedContainer(keyedBy: CodingKeys.self, forKey: .singularHessian)
        case .aliased(let term): try container.encode(term, forKey: .aliased)
        case .nearCollinear(let term): try container.encode(term, forKey: .nearCollinear)
        }
    }
}
