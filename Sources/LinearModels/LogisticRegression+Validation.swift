import LinearAlgebra

// Input checks of `LogisticRegression.fit`, run before any arithmetic so that every bad input
// gets a typed error that says what and where.
extension LogisticRegression {
    /// The per-row weights of a fit and the total weight of each class.
    struct _RowWeights {
        /// Sample weight times class weight per row; nil when every row weighs 1.
        var perRow: [Double]?
        /// Total weight of the positive rows.
        var positive: Double
        /// Total weight of the negative rows.
        var negative: Double
    }

    /// Throws unless every hyperparameter is in its range.
    func validateHyperparameters() throws(LinearModelsError) {
        guard l2.isFinite, l2 >= 0 else {
            throw .invalidHyperparameter(name: "l2", value: "\(l2)", requirement: "finite and >= 0")
        }
        guard maxIterations > 0 else {
            throw .invalidHyperparameter(name: "maxIterations", value: "\(maxIterations)", requirement: "> 0")
        }
        guard tolerance.isFinite, tolerance > 0 else {
            throw .invalidHyperparameter(name: "tolerance", value: "\(tolerance)", requirement: "finite and > 0")
        }
        if case .explicit(let negative, let positive) = classWeight {
            for (name, value) in [("negative", negative), ("positive", positive)]
            where !(value.isFinite && value > 0) {
                throw .invalidHyperparameter(
                    name: "classWeight.\(name)", value: "\(value)", requirement: "finite and > 0")
            }
        }
    }

    /// Checks X, y and the sample weights, and combines sample and class weights per row.
    /// - Complexity: O(n d) for the finiteness scan of X.
    func rowWeights(_ x: Matrix, _ y: [Bool], sampleWeights: [Double]?) throws(LinearModelsError) -> _RowWeights {
        let n = x.rows
        guard n > 0 else { throw .emptyInput("X has no rows: there is nothing to fit") }
        guard y.count == n else { throw .lengthMismatch(what: "y", rows: n, count: y.count) }
        let parameters = x.columns + (fitIntercept ? 1 : 0)
        guard parameters > 0 else {
            throw .emptyInput("X has no columns and fitIntercept is false: there is nothing to fit")
        }
        if let sampleWeights {
            guard sampleWeights.count == n else {
                throw .lengthMismatch(what: "sampleWeights", rows: n, count: sampleWeights.count)
            }
            if let index = sampleWeights.firstIndex(where: { !($0.isFinite && $0 >= 0) }) {
                throw .invalidSampleWeight(index: index, value: sampleWeights[index])
            }
        }
        try Self.requireFinite(x)
        guard l2 > 0 || parameters <= n else { throw .penaltyRequired(rows: n, coefficients: parameters) }

        let positives = y.reduce(0) { $0 + ($1 ? 1 : 0) }
        let (negativeWeight, positiveWeight): (Double, Double)
        switch classWeight {
        case .none:
            (negativeWeight, positiveWeight) = (1, 1)
        case .balanced:
            var classTotals = (positive: 0.0, negative: 0.0)
            for i in 0..<n {
                let weight = sampleWeights?[i] ?? 1
                if y[i] { classTotals.positive += weight } else { classTotals.negative += weight }
            }
            guard classTotals.positive > 0, classTotals.negative > 0 else {
                throw .singleClass(label: classTotals.positive > 0)
            }
            let all = classTotals.positive + classTotals.negative
            (negativeWeight, positiveWeight) = (all / (2 * classTotals.negative), all / (2 * classTotals.positive))
        case .explicit(let negative, let positive):
            (negativeWeight, positiveWeight) = (negative, positive)
        }
        var perRow: [Double]?
        var totals = (positive: 0.0, negative: 0.0)
        if sampleWeights != nil || classWeight != .none {
            var combined = [Double](repeating: 0, count: n)
            for i in 0..<n {
                let weight = (sampleWeights?[i] ?? 1) * (y[i] ? positiveWeight : negativeWeight)
                combined[i] = weight
                if y[i] { totals.positive += weight } else { totals.negative += weight }
            }
            perRow = combined
        } else {
            totals = (Double(positives), Double(n - positives))
        }
        guard totals.positive > 0, totals.negative > 0 else { throw .singleClass(label: totals.positive > 0) }
        return _RowWeights(perRow: perRow, positive: totals.positive, negative: totals.negative)
    }

    /// Throws `nonFiniteFeature` with the row and column of the first NaN or infinity in X.
    /// - Complexity: O(n d), one vectorizable pass (v * 0 is 0 for finite v and NaN otherwise).
    static func requireFinite(_ x: Matrix) throws(LinearModelsError) {
        let columns = x.columns
        let position: Int? = x.withUnsafeBufferPointer { values in
            // value * 0 is 0 for finite values and NaN otherwise; eight independent sums let the
            // loop run at memory speed instead of waiting on one chain of additions.
            var probes = SIMD8<Double>()
            let wide = values.count / 8
            values.withMemoryRebound(to: Double.self) { flat in
                guard let base = flat.baseAddress else { return }
                for k in 0..<wide {
                    probes += SIMD8<Double>(UnsafeBufferPointer(start: base + 8 * k, count: 8)) * 0
                }
            }
            var probe = probes.sum()
            for value in values[(8 * wide)...] { probe += value * 0 }
            return probe == 0 ? nil : values.firstIndex { !$0.isFinite }
        }
        if let position {
            throw .nonFiniteFeature(
                row: position / columns, column: position % columns, value: x.storage[position])
        }
    }
}
