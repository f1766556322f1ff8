/// How uncalibrated scores are mapped to probabilities.
public enum CalibrationMethod: String, Codable, Sendable, CaseIterable {
    /// Isotonic regression: any non-decreasing map (needs a few thousand rows to be stable).
    case isotonic
    /// Platt's sigmoid: two parameters, robust on small samples, assumes a logistic shape.
    case sigmoid
}

/// A fitted calibration map, isotonic or sigmoid, from a model's score to a probability.
///
/// It is fitted on out-of-fold scores (scores of rows the model did not see), as scikit-learn's
/// `CalibratedClassifierCV(ensemble=False)`. In a file it reads `{"method": ..., "parameters": ...}`.
public enum ProbabilityCalibrator: Codable, Sendable, Equatable {
    /// An isotonic step-and-ramp map.
    case isotonic(IsotonicRegressionModel)
    /// A sigmoid of the score.
    case sigmoid(SigmoidCalibrationModel)

    /// Fits a calibrator of `method` on scores and labels.
    /// - Parameters:
    ///   - method: isotonic or sigmoid.
    ///   - scores: uncalibrated scores of rows the model did not train on (logits or probabilities).
    ///   - labels: true for churned.
    ///   - sampleWeights: optional non-negative weights.
    /// - Returns: the fitted calibrator.
    /// - Throws: `MetricsError` as the method's `fit`.
    /// - Complexity: O(n log n) for isotonic, O(n) per Newton iteration for sigmoid.
    public static func fit(
        _ method: CalibrationMethod, scores: [Double], labels: [Bool], sampleWeights: [Double]? = nil
    ) throws(MetricsError) -> ProbabilityCalibrator {
        switch method {
        case .isotonic:
            return .isotonic(try IsotonicRegression().fit(scores: scores, labels: labels, sampleWeights: sampleWeights))
        case .sigmoid:
            return .sigmoid(try SigmoidCalibration().fit(scores: scores, labels: labels, sampleWeights: sampleWeights))
        }
    }

    /// The method this calibrator was fitted with.
    public var method: CalibrationMethod {
        switch self {
        case .isotonic: return .isotonic
        case .sigmoid: return .sigmoid
        }
    }

    /// The calibrated probability of `score`, in [0, 1] (NaN gives NaN).
    /// - Complexity: O(log t) for isotonic with t thresholds, O(1) for sigmoid.
    public func callAsFunction(_ score: Double) -> Double {
        switch self {
        case .isotonic(let model): return min(max(model(score), 0), 1)
        case .sigmoid(let model): return model(score)
        }
    }

    private enum CodingKeys: String, CodingKey { case method, parameters }

    /// Decodes `{"method": "isotonic" | "sigmoid", "parameters": {...}}`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        switch try container.decode(CalibrationMethod.self, forKey: .method) {
        case .isotonic: self = .isotonic(try container.decode(IsotonicRegressionModel.self, forKey: .parameters))
        case .sigmoid: self = .sigmoid(try container.decode(SigmoidCalibrationModel.self, forKey: .parameters))
        }
    }

    /// Encodes `{"method": ..., "parameters": ...}`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(method, forKey: .method)
        switch self {
        case .isotonic(let model): try container.encode(model, forKey: .parameters)
        case .sigmoid(let model): try container.encode(model, forKey: .parameters)
        }
    }
}
