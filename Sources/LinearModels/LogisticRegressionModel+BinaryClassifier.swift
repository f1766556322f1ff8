import LinearAlgebra
import ModelProtocols

extension LogisticRegressionModel: BinaryClassifier, PersistableModel {
    /// `"logistic"`.
    public static var kind: ModelKind { .logisticRegression }

    /// The logits (`logits(_:)`): the log-odds b + xᵀw, scikit-learn's `decision_function`.
    /// - Parameter x: n x d features.
    /// - Returns: n logits.
    /// - Throws: as `predictProbabilities(_:)`.
    /// - Complexity: O(n d).
    public func decisionFunction(_ x: Matrix) throws(LinearModelsError) -> [Double] {
        try logits(x)
    }
}
