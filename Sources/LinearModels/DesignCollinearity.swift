#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import LinearAlgebra

// Exact and near linear dependence among the columns of a design matrix.
//
// Goals: find aliased columns (an exact linear combination of earlier columns and the intercept,
// such as the six Telco "No internet service" dummies, each equal to InternetService=No) and drop
// the *later* one, as R's glm does, naming the earlier terms it is aliased with; then the
// variance inflation factor of every kept column, naming its nearest partner.
//
// Method: Cholesky factorization of the correlation matrix of the columns (centred when an
// intercept is fitted, so the intercept takes part without a column of ones), with the pivots
// taken in column order and a column skipped when its pivot is below `aliasTolerance`. The pivot
// of column j is 1 - R²_j, the unexplained fraction of its variance after regressing it on the
// kept earlier columns (Golub & Van Loan, "Matrix Computations", 4th ed., §4.2 and §5.4: the
// Cholesky factor of XᵀX is the R of a QR of X). This is the behaviour of R's LINPACK dqrdc2
// ("limited column pivoting": a column whose residual norm falls below the tolerance is moved
// out, the others keep their order). LAPACK's pivoted QR (dgeqp3) was not used: it reorders
// columns by their remaining norm, so which member of an aliased set it drops depends on the
// scaling rather than on the column order, and it would need a copy of the n x d design; here
// X is read once in row blocks (BLAS dsyrk on centred blocks, O(n d²)) and the rest is O(d³).
// The relation of an aliased column to the kept ones follows from the same factor (a triangular
// solve), which names the terms it is aliased with.
//
// Tolerance: 1 - R²_j <= 1e-10, i.e. a variance inflation of 1e10 with respect to the earlier
// columns, the limit the inference table uses (`_InferenceState.inflationLimit`). An exact alias
// in data of a few million rows gives 1 - R² of order n·ε ≈ 1e-10 at worst (usually far below:
// sums of 0/1 products are exact), a genuine column rarely comes near it.
// Near collinearity: a kept column whose variance inflation factor VIF_j = (R⁻¹)_jj exceeds
// `varianceInflationThreshold` (10, the rule of thumb of Kutner, Nachtsheim, Neter & Li,
// "Applied Linear Statistical Models", 5th ed., §10.5) is reported with the partner of largest
// absolute partial correlation -(R⁻¹)_jk / √((R⁻¹)_jj (R⁻¹)_kk).

/// A column left out of an unpenalized fit because it is an exact linear combination of earlier
/// columns (and the intercept).
public struct AliasedTerm: Sendable, Hashable, Codable {
    /// The aliased column of X (zero-based).
    public let column: Int
    /// The earlier terms whose combination it equals (nonzero weights), intercept first; empty
    /// for a column that is zero everywhere in a fit without intercept.
    public let aliasedWith: [LogisticTerm]

    /// Creates an aliased term.
    /// - Parameters:
    ///   - column: the aliased column.
    ///   - aliasedWith: the terms it is a combination of.
    public init(column: Int, aliasedWith: [LogisticTerm]) {
        self.column = column
        self.aliasedWith = aliasedWith
    }
}

/// A kept column whose variance is largely explained by the other kept columns.
public struct NearCollinearTerm: Sendable, Hashable, Codable {
    /// The column of X (zero-based).
    public let column: Int
    /// Its variance inflation factor 1 / (1 - R²) against all other kept columns.
    public let varianceInflation: Double
    /// The kept column with the largest absolute partial correlation with it.
    public let partner: Int
    /// That partial correlation, in [-1, 1].
    public let partialCorrelation: Double
}

/// Aliased and near-collinear columns of a design matrix (see the file header for the method).
public struct DesignCollinearity: Sendable, Hashable {
    /// A column is aliased when 1 - R² against the earlier kept columns is at most this.
    public static let aliasTolerance = 1e-10
    /// A kept column is reported as near-collinear when its variance inflation factor exceeds this.
    public static let varianceInflationThreshold = 10.0

    /// The aliased columns, in column order.
    public let aliased: [AliasedTerm]
    /// The columns kept, in column order.
    public let keptColumns: [Int]
    /// Variance inflation factor of each column of X (NaN for an aliased column).
    public let varianceInflation: [Double]
    /// Kept columns whose variance inflation exceeds `varianceInflationThreshold`, in column order.
    public let nearCollinear: [NearCollinearTerm]

    /// Scans the columns of `x`.
    /// - Parameters:
    ///   - x: the n x d design (finite values).
    ///   - fitIntercept: whether the model has an intercept (columns are then centred, and a
    ///     constant column is aliased with the intercept).
    /// - Throws: `LinearAlgebraError` from BLAS/LAPACK (shape limits), never for collinear data.
    /// - Complexity: O(n d²) for the correlation matrix, O(d³) for the factorization and inverse.
    public init(_ x: Matrix, fitIntercept: Bool) throws(LinearAlgebraError) {
        let d = x.columns
        let (correlation, scale, means) = try Self._correlation(x, centred: fitIntercept)
        // Cholesky in column order with skipped pivots: `factor` holds the rows of L for the kept columns.
        var kept: [Int] = []
        var factor: [[Double]] = []
        var aliased: [AliasedTerm] = []
        for j in 0..<d {
            guard scale[j] > 0 else {
                aliased.append(AliasedTerm(column: j, aliasedWith: fitIntercept ? [.intercept] : []))
                continue
            }
            var z = [Double](repeating: 0, count: kept.count)
            for (a, column) in kept.enumerated() {
                var sum = correlation[column, j]
                for b in 0..<a { sum -= factor[a][b] * z[b] }
                z[a] = sum / factor[a][a]
            }
            let pivot = 1 - z.reduce(0) { $0 + $1 * $1 }
            if pivot <= Self.aliasTolerance {
                aliased.append(AliasedTerm(
                    column: j, aliasedWith: Self._relation(
                        z: z, factor: factor, kept: kept, column: j, scale: scale, means: means,
                        fitIntercept: fitIntercept)))
            } else {
                factor.append(z + [pivot.squareRoot()])
                kept.append(j)
            }
        }
        self.aliased = aliased
        self.keptColumns = kept
        var inflation = [Double](repeating: .nan, count: d)
        var near: [NearCollinearTerm] = []
        if !kept.isEmpty {
            var reduced = try Matrix(rows: kept.count, columns: kept.count)
            for (a, i) in kept.enumerated() {
                for (b, j) in kept.enumerated() { reduced[a, b] = correlation[i, j] }
            }
            let inverse = try reduced.cholesky().inverse()
            for (a, column) in kept.enumerated() {
                inflation[column] = inverse[a, a]
                guard inverse[a, a] > Self.varianceInflationThreshold, kept.count > 1 else { continue }
                var partner = a == 0 ? 1 : 0
                var best = -Double.infinity
                for b in kept.indices where b != a {
                    let partial = -inverse[a, b] / (inverse[a, a] * inverse[b, b]).squareRoot()
                    if abs(partial) > best {
                        best = abs(partial)
                        partner = b
                    }
                }
                let partial = -inverse[a, partner] / (inverse[a, a] * inverse[partner, partner]).squareRoot()
                near.append(NearCollinearTerm(
                    column: column, varianceInflation: inverse[a, a], partner: kept[partner],
                    partialCorrelation: partial))
            }
        }
        self.varianceInflation = inflation
        self.nearCollinear = near
    }

    /// The terms an aliased column is a combination of: column j = c + Σ w_k x_k over kept k.
    /// In correlation units column j's standardized value is Σ β_a u_a with Lᵀ β = z.
    private static func _relation(
        z: [Double], factor: [[Double]], kept: [Int], column j: Int, scale: [Double], means: [Double],
        fitIntercept: Bool
    ) -> [LogisticTerm] {
        var beta = [Double](repeating: 0, count: kept.count)
        for a in stride(from: kept.count - 1, through: 0, by: -1) {
            var sum = z[a]
            for b in (a + 1)..<max(a + 1, kept.count) { sum -= factor[b][a] * beta[b] }
            beta[a] = sum / factor[a][a]
        }
        // Standardized weights of order 1 are the relation; rounding leaves others near 1e-8 at most.
        var terms: [LogisticTerm] = []
        var constant = means[j]
        var magnitude = abs(means[j])
        var features: [LogisticTerm] = []
        for (a, column) in kept.enumerated() where abs(beta[a]) > 1e-6 {
            features.append(.feature(column))
            let weight = beta[a] * scale[column] / scale[j]
            constant -= weight * means[column]
            magnitude += abs(weight * means[column])
        }
        if fitIntercept, abs(constant) > 1e-9 * max(magnitude, 1 / scale[j]) { terms.append(.intercept) }
        return terms + features
    }

    /// Rows per block when the correlation matrix is accumulated.
    static var blockRows: Int { 4096 }

    /// The correlation matrix (centred or not) of the columns, 1/√(Σ (x - m)²) per column (0 for
    /// a constant or zero column), and the column means (0 when not centred).
    static func _correlation(_ x: Matrix, centred: Bool) throws(LinearAlgebraError)
        -> (Matrix, [Double], [Double])
    {
        let n = x.rows, d = x.columns
        var means = [Double](repeating: 0, count: d)
        if centred, n > 0 {
            x.withUnsafeBufferPointer { values in
                for i in 0..<n {
                    for j in 0..<d { means[j] += values[i * d + j] }
                }
            }
            for j in 0..<d { means[j] /= Double(n) }
        }
        var upper = [Double](repeating: 0, count: d * d)
        var block = [Double](repeating: 0, count: min(n, Self.blockRows) * d)
        var start = 0
        var failure: LinearAlgebraError?
        while start < n, failure == nil {
            let rows = min(Self.blockRows, n - start)
            x.withUnsafeBufferPointer { values in
                for i in 0..<rows {
                    for j in 0..<d { block[i * d + j] = values[(start + i) * d + j] - means[j] }
                }
            }
            block.withUnsafeBufferPointer { a in
                upper.withUnsafeMutableBufferPointer { c in
                    guard let a = a.baseAddress, let c = c.baseAddress else { return }
                    do throws(LinearAlgebraError) {
                        try BLAS.syrk(triangle: .upper, transpose: true, n: d, k: rows, a: a, lda: d, beta: 1, c: c, ldc: d)
                    } catch {
                        failure = error
                    }
                }
            }
            start += rows
        }
        if let failure { throw failure }
        var gram = try Matrix(rows: d, columns: d, values: upper)
        try gram.symmetrize(copying: .upper)
        // A column is constant when its centred sum of squares is within rounding of its raw one.
        var scale = [Double](repeating: 0, count: d)
        for j in 0..<d {
            let spread = gram[j, j]
            let size = Double(n) * means[j] * means[j]
            if spread > 1e-24 * size, spread > 0, spread.isFinite { scale[j] = 1 / spread.squareRoot() }
        }
        for i in 0..<d {
            for j in 0..<d { gram[i, j] *= scale[i] * scale[j] }
        }
        return (gram, scale, means)
    }
}
