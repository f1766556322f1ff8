// Standardization: z = (x - mean) / scale, column by column.
//
// Goals: scikit-learn's StandardScaler semantics, so results can be checked against it. The mean
// and the population standard deviation (divisor n) are taken over the non-NaN values; NaN stays
// NaN through `transform`. Variance uses the corrected two-pass algorithm of Chan, Golub and
// LeVeque, "Algorithms for computing the sample variance" (Amer. Statist. 37, 1983):
// var = (sum (x - m)^2 - (sum (x - m))^2 / n) / n, accurate when the mean is large relative to
// the spread. A column is constant when var <= n eps var + (n |mean| eps)^2 (scikit-learn's
// `_is_constant_feature`): its scale is 1, so it maps to zeros instead of dividing by ~0.

import LinearAlgebra

/// The mean, scale and constancy of one column, from its non-NaN values.
struct _Standardization: Equatable {
    /// Mean of the observed values (0 when there are none).
    var mean: Double
    /// Population standard deviation, or 1 for a constant column.
    var scale: Double
    /// True when the column is constant (or has no observed value).
    var isConstant: Bool

    /// Measures `values`, skipping NaN; `nil` when a value is infinite.
    ///
    /// The sums run on the values divided by a power of two near the largest magnitude, which is
    /// exact, so the results are those of the plain formulas whenever these do not overflow, and a
    /// column with a value of 1e200 gets its true (finite) standard deviation instead of an
    /// overflowing variance.
    /// - Complexity: O(n), three passes.
    init?(_ values: some Collection<Double>) {
        var largest = 0.0, count = 0
        for x in values where !x.isNaN {
            largest = Swift.max(largest, abs(x))
            count += 1
        }
        guard count > 0 else {
            self.init(mean: 0, scale: 1, isConstant: true)
            return
        }
        guard largest.isFinite else { return nil }
        let unit = largest > 0 ? Double(sign: .plus, exponent: largest.exponent, significand: 1) : 1
        var sum = 0.0
        for x in values where !x.isNaN { sum += x / unit }
        let n = Double(count)
        let mean = sum / n
        var squares = 0.0, deviations = 0.0
        for x in values where !x.isNaN {
            let d = x / unit - mean
            squares += d * d
            deviations += d
        }
        let variance = Swift.max(0, (squares - deviations * deviations / n) / n)
        guard mean.isFinite, variance.isFinite else { return nil }
        let eps = Double.ulpOfOne
        let bound = n * eps * variance + (n * abs(mean) * eps) * (n * abs(mean) * eps)
        let constant = variance <= bound
        let scale = variance.squareRoot() * unit
        guard scale.isFinite else { return nil }
        self.init(mean: mean * unit, scale: constant ? 1 : scale, isConstant: constant)
    }

    /// Memberwise initializer.
    init(mean: Double, scale: Double, isConstant: Bool) {
        self.mean = mean
        self.scale = scale
        self.isConstant = isConstant
    }
}

/// Learns per-column means and standard deviations (a trainer; `fit` returns a
/// `FittedStandardScaler`).
public struct StandardScaler: Sendable, Codable, Equatable {
    /// Subtract the mean (default true).
    public var withMean: Bool
    /// Divide by the standard deviation (default true).
    public var withStd: Bool

    /// Creates a scaler.
    /// - Parameters:
    ///   - withMean: center each column on its mean.
    ///   - withStd: divide each column by its population standard deviation.
    public init(withMean: Bool = true, withStd: Bool = true) {
        self.withMean = withMean
        self.withStd = withStd
    }

    /// Learns the mean and scale of each column of `x` (NaN values are ignored).
    /// - Parameter x: an n x d matrix.
    /// - Returns: the fitted scaler; constant columns get scale 1 and are listed in `constantColumns`.
    /// - Throws: `TabularError.invalidArgument` when `x` has no rows,
    ///   `.nonFiniteValue` (column named `"#j"`) for an infinite value or an overflowing variance.
    /// - Complexity: O(n d).
    public func fit(_ x: Matrix) throws(TabularError) -> FittedStandardScaler {
        guard x.rows > 0 else { throw .invalidArgument("cannot fit a standard scaler on a matrix with no rows") }
        var means: [Double] = [], scales: [Double] = [], constant: [Int] = []
        for j in 0..<x.columns {
            let values = x.column(j)
            if let row = values.firstIndex(where: { $0.isInfinite }) {
                throw .nonFiniteValue(column: "#\(j)", row: row, value: values[row])
            }
            guard let s = _Standardization(values) else {
                throw .nonFiniteValue(column: "#\(j)", row: 0, value: .infinity)
            }
            means.append(withMean ? s.mean : 0)
            scales.append(withStd ? s.scale : 1)
            if s.isConstant { constant.append(j) }
        }
        return FittedStandardScaler(unchecked: means, scales: scales, constantColumns: constant)
    }
}

/// A scaler's learned means and scales; `transform` standardizes new rows.
public struct FittedStandardScaler: Sendable, Codable, Equatable {
    /// Per-column values subtracted (0 when `withMean` was false).
    public let means: [Double]
    /// Per-column divisors (1 when `withStd` was false or the column is constant).
    public let scales: [Double]
    /// Indices of the columns that were constant at fit time.
    public let constantColumns: [Int]

    /// Creates a fitted scaler from known statistics.
    /// - Parameters:
    ///   - means: the values to subtract, one per column.
    ///   - scales: the divisors, one per column; each must be finite and positive.
    ///   - constantColumns: indices of columns known to be constant.
    /// - Throws: `TabularError.invalidArgument` when the counts differ or a scale is not positive.
    public init(means: [Double], scales: [Double], constantColumns: [Int] = []) throws(TabularError) {
        guard means.count == scales.count else {
            throw .invalidArgument("a standard scaler needs as many means (\(means.count)) as scales (\(scales.count))")
        }
        if let j = scales.firstIndex(where: { !($0.isFinite && $0 > 0) }) {
            throw .invalidArgument("scale \(j) of a standard scaler is \(scales[j]); it must be finite and positive")
        }
        if let j = means.firstIndex(where: { !$0.isFinite }) {
            throw .invalidArgument("mean \(j) of a standard scaler is \(means[j]); it must be finite")
        }
        self.means = means
        self.scales = scales
        self.constantColumns = constantColumns
    }

    /// Internal initializer for statistics already known to be valid.
    init(unchecked means: [Double], scales: [Double], constantColumns: [Int]) {
        self.means = means
        self.scales = scales
        self.constantColumns = constantColumns
    }

    /// Standardizes each column: (x - mean) / scale. NaN stays NaN, as in scikit-learn.
    /// - Parameter x: an n x d matrix with the fitted number of columns.
    /// - Returns: the standardized n x d matrix.
    /// - Throws: `TabularError.invalidArgument` when the column count differs,
    ///   `.nonFiniteValue` for an infinite input or result.
    /// - Complexity: O(n d).
    public func transform(_ x: Matrix) throws(TabularError) -> Matrix {
        let d = means.count
        guard x.columns == d else {
            throw .invalidArgument("X has \(x.columns) columns, but the scaler was fitted on \(d)")
        }
        var out = x
        for i in 0..<x.rows {
            for j in 0..<d {
                let value = x[i, j]
                let z = (value - means[j]) / scales[j]
                if z.isInfinite { throw .nonFiniteValue(column: "#\(j)", row: i, value: value) }
                out[i, j] = z
            }
        }
        return out
    }

    /// Maps standardized values back: x = z scale + mean.
    /// - Parameter z: an n x d matrix with the fitted number of columns.
    /// - Returns: the n x d matrix in original units.
    /// - Throws: `TabularError.invalidArgument` when the column count differs.
    /// - Complexity: O(n d).
    public func inverseTransform(_ z: Matrix) throws(TabularError) -> Matrix {
        let d = means.count
        guard z.columns == d else {
            throw .invalidArgument("Z has \(z.columns) columns, but the scaler was fitted on \(d)")
        }
        var out = z
        for i in 0..<z.rows {
            for j in 0..<d { out[i, j] = z[i, j] * scales[j] + means[j] }
        }
        return out
    }
}
