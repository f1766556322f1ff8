import LinearAlgebra

/// A fitted binary logistic regression: coefficients, fit diagnostics, scoring and inference.
///
/// Immutable, `Sendable` (score from many threads at once) and `Codable` (save as JSON).
/// Created by `LogisticRegression.fit`.
public struct LogisticRegressionModel: Sendable, Hashable, Codable {
    /// One coefficient per feature (column of X), in column order.
    public let coefficients: [Double]
    /// The intercept (0 when `fitsIntercept` is false).
    public let intercept: Double
    /// Whether an intercept was fitted.
    public let fitsIntercept: Bool
    /// The l2 penalty strength of the fit (1 / C of scikit-learn).
    public let l2: Double
    /// The solver that produced the coefficients (`.newton` or `.lbfgs`, never `.auto`).
    public let solver: LogisticRegression.Solver
    /// Solver iterations (Newton steps, plus L-BFGS iterations after a fallback).
    public let iterationCount: Int
    /// max_j |∂f/∂θ_j| / Σ s_i at the returned coefficients (the convergence measure).
    public let gradientNorm: Double
    /// Whether `gradientNorm` met the tolerance, or Newton's predicted decrease fell below the
    /// rounding error of the objective (the optimum reached to machine precision).
    public let converged: Bool
    /// The penalized objective Σ s_i ℓ_i + (l2 / 2) ‖w‖² at the returned coefficients.
    public let objective: Double
    /// Problems found while fitting (non-convergence, separation, collinearity); empty if none.
    public let warnings: [LogisticRegressionWarning]
    /// Standard errors or why there are none, for `inferenceTable()`.
    let inferenceState: _InferenceState

    /// The number of features the model expects (d).
    public var featureCount: Int { coefficients.count }

    /// The columns left out of an unpenalized fit as exact linear combinations of earlier ones
    /// (their coefficients are 0 and they have no row in the inference table), from `warnings`.
    public var aliasedTerms: [AliasedTerm] {
        warnings.compactMap { if case .aliased(let term) = $0 { term } else { nil } }
    }

    /// This model, fitted on `keptColumns` of a d-column design, as a model of all d columns:
    /// the left-out columns get coefficient 0 and no standard error, `warnings` come first.
    func expanded(to d: Int, keptColumns: [Int], warnings extra: [LogisticRegressionWarning]) -> LogisticRegressionModel {
        guard keptColumns.count != d || !extra.isEmpty else { return self }
        var full = [Double](repeating: 0, count: d)
        for (r, j) in keptColumns.enumerated() { full[j] = coefficients[r] }
        let offset = fitsIntercept ? 1 : 0
        let state: _InferenceState
        switch inferenceState {
        case .standardErrors(let errors):
            var expanded = [Double](repeating: .nan, count: offset + d)
            for r in 0..<offset { expanded[r] = errors[r] }
            for (r, j) in keptColumns.enumerated() { expanded[offset + j] = errors[offset + r] }
            state = .standardErrors(expanded)
        case .singular(let terms):
            state = .singular(terms.map { term in
                if case .feature(let r) = term, r < keptColumns.count { return .feature(keptColumns[r]) }
                return term
            })
        case .notComputed(let reason):
            state = .notComputed(reason)
        }
        return LogisticRegressionModel(
            coefficients: full, intercept: intercept, fitsIntercept: fitsIntercept, l2: l2, solver: solver,
            iterationCount: iterationCount, gradientNorm: gradientNorm, converged: converged, objective: objective,
            warnings: extra + warnings, inferenceState: state)
    }

    /// Creates a model from its parts (used by `LogisticRegression.fit` and by tests).
    init(
        coefficients: [Double], intercept: Double, fitsIntercept: Bool = true, l2: Double = 0,
        solver: LogisticRegression.Solver = .newton, iterationCount: Int = 0, gradientNorm: Double = 0,
        converged: Bool = true, objective: Double = 0, warnings: [LogisticRegressionWarning] = [],
        inferenceState: _InferenceState = .notComputed("model built from coefficients")
    ) {
        self.coefficients = coefficients
        self.intercept = intercept
        self.fitsIntercept = fitsIntercept
        self.l2 = l2
        self.solver = solver
        self.iterationCount = iterationCount
        self.gradientNorm = gradientNorm
        self.converged = converged
        self.objective = objective
        self.warnings = warnings
        self.inferenceState = inferenceState
    }

    /// The probability of the positive class for every row of X.
    /// - Parameter x: n x d features, encoded as for the fit.
    /// - Returns: n probabilities in [0, 1].
    /// - Throws: `LinearModelsError.featureCountMismatch` when X does not have d columns,
    ///   `.nonFiniteFeature` (row, column) when X holds NaN or an infinity.
    /// - Complexity: O(n d): a SIMD dot product per row, two threads from 16,384 rows on.
    public func predictProbabilities(_ x: Matrix) throws(LinearModelsError) -> [Double] {
        try _scoredArray(x, probabilities: true)
    }

    /// Writes the probability of the positive class for every row of X into a caller's buffer,
    /// for chunked scoring without allocation.
    /// - Parameters:
    ///   - x: n x d features.
    ///   - output: n elements, overwritten.
    /// - Throws: as `predictProbabilities(_:)`, and `.outputSizeMismatch` when `output` does not
    ///   have n elements. After a `nonFiniteFeature` error `output` is partly written.
    /// - Complexity: O(n d).
    public func predictProbabilities(_ x: Matrix, into output: UnsafeMutableBufferPointer<Double>)
        throws(LinearModelsError)
    {
        try _checkColumns(x.columns)
        try x.storage.withUnsafeBufferPointer { (values) throws(LinearModelsError) in
            try _score(values, rows: x.rows, into: output, probabilities: true)
        }
    }

    /// Writes probabilities for row-major features that are not in a `Matrix` (a chunk of a
    /// memory-mapped file, a reused buffer): `rowMajor.count / d` rows.
    /// - Parameters:
    ///   - rowMajor: features in row-major order, `output.count * d` values.
    ///   - output: one element per row, overwritten.
    /// - Throws: `.outputSizeMismatch` when `rowMajor.count != output.count * d`,
    ///   `.nonFiniteFeature` (row within the chunk, column) for NaN or an infinity.
    /// - Complexity: O(n d).
    public func predictProbabilities(
        rowMajor: UnsafeBufferPointer<Double>, into output: UnsafeMutableBufferPointer<Double>
    ) throws(LinearModelsError) {
        let d = featureCount
        let rows = d == 0 ? output.count : rowMajor.count / d
        guard rows * d == rowMajor.count, rows == output.count else {
            throw .outputSizeMismatch(got: output.count, expected: d == 0 ? output.count : rowMajor.count / d)
        }
        try _score(rowMajor, rows: rows, into: output, probabilities: true)
    }

    /// The logit (log-odds) b + xᵀw of every row of X, the scikit-learn `decision_function`.
    /// - Parameter x: n x d features.
    /// - Returns: n logits.
    /// - Throws: as `predictProbabilities(_:)`.
    /// - Complexity: O(n d).
    public func logits(_ x: Matrix) throws(LinearModelsError) -> [Double] {
        try _scoredArray(x, probabilities: false)
    }

    /// The predicted class of every row: probability >= `threshold`.
    /// - Parameters:
    ///   - x: n x d features.
    ///   - threshold: the probability from which a row is predicted positive (default 0.5).
    /// - Returns: n labels.
    /// - Throws: as `predictProbabilities(_:)`.
    /// - Complexity: O(n d).
    public func predict(_ x: Matrix, threshold: Double = 0.5) throws(LinearModelsError) -> [Bool] {
        try predictProbabilities(x).map { $0 >= threshold }
    }

    /// Scores X into a new array that the scoring threads write first: no zero-filling pass, huge
    /// pages advised for a large array, and its page faults taken by both threads.
    private func _scoredArray(_ x: Matrix, probabilities: Bool) throws(LinearModelsError) -> [Double] {
        try _checkColumns(x.columns)
        var failure: LinearModelsError?
        let output = [Double](unsafeUninitializedCapacity: x.rows) { buffer, count in
            _adviseHugePages(UnsafeMutableRawBufferPointer(buffer))
            do throws(LinearModelsError) {
                try x.storage.withUnsafeBufferPointer { (values) throws(LinearModelsError) in
                    try _score(values, rows: x.rows, into: buffer, probabilities: probabilities)
                }
                count = x.rows
            } catch {
                failure = error
                count = 0
            }
        }
        if let failure { throw failure }
        return output
    }

    /// Throws unless X has as many columns as the model has coefficients.
    private func _checkColumns(_ columns: Int) throws(LinearModelsError) {
        guard columns == featureCount else { throw .featureCountMismatch(got: columns, expected: featureCount) }
    }
}
