// The checks every tree learner runs on its training data before binning it.

import LinearAlgebra

/// The validated inputs of a tree learner's fit (shared by the CART trainer and the ensembles).
package enum _TrainingInputs {
    /// Checks the shapes, labels, feature descriptions and weights of a fit.
    /// - Parameters:
    ///   - x: n x d features.
    ///   - y: n class labels.
    ///   - classCount: the number of classes k (default: the largest label + 1).
    ///   - features: names and levels of the d features (default `feature_0`... all numeric).
    ///   - sampleWeights: n non-negative weights (default all 1).
    ///   - classWeights: the class weights multiplied with the sample weights.
    /// - Returns: the feature descriptions, k and the n row weights.
    /// - Throws: `DecisionTreeError.emptyData` for no rows or no features, `.dimensionMismatch` for
    ///   inputs of different sizes, `.invalidLabel`, `.singleClass` when only one class occurs,
    ///   `.invalidParameter` and `.invalidSampleWeight` for bad weights.
    /// - Complexity: O(n).
    package static func checked(
        _ x: Matrix, classes y: [Int], classCount: Int?, features: [TreeFeature]?, sampleWeights: [Double]?,
        classWeights: ClassWeights
    ) throws(DecisionTreeError) -> (features: [TreeFeature], classCount: Int, weights: [Double]) {
        let n = x.rows, d = x.columns
        guard n > 0 else { throw .emptyData("cannot fit a tree on a matrix with no rows") }
        guard d > 0 else { throw .emptyData("cannot fit a tree on a matrix with no features (0 columns)") }
        guard n <= Int(Int32.max) else {
            throw .dimensionMismatch("\(n) rows are more than the \(Int32.max) a tree supports")
        }
        guard y.count == n else { throw .dimensionMismatch("x has \(n) rows, but y has \(y.count) labels") }
        let features = features ?? TreeFeature.numbered(d)
        guard features.count == d else {
            throw .dimensionMismatch("x has \(d) features, but \(features.count) feature descriptions were given")
        }
        let k = classCount ?? ((y.max() ?? 0) + 1)
        guard k >= 2 else {
            if let c = classCount { throw .invalidParameter(name: "classCount", value: "\(c)", requirement: "must be at least 2") }
            throw .singleClass(label: y.first ?? 0, rows: n)
        }
        var classSeen = [Int](repeating: 0, count: k)
        for (row, label) in y.enumerated() {
            guard label >= 0, label < k else { throw .invalidLabel(row: row, label: label, classCount: k) }
            classSeen[label] += 1
        }
        if let only = classSeen.firstIndex(of: n) { throw .singleClass(label: only, rows: n) }
        let weights = try classWeights._rowWeights(y: y, classCounts: classSeen, sampleWeights: sampleWeights)
        return (features, k, weights)
    }
}

extension ClassWeights {
    /// Per-row weights: sample weight times class weight.
    /// - Parameters:
    ///   - y: n class labels in `0..<classCounts.count`.
    ///   - classCounts: rows per class (for `.balanced`).
    ///   - sampleWeights: n non-negative weights, or `nil` for all 1.
    /// - Returns: n weights with a positive sum.
    /// - Throws: `DecisionTreeError.dimensionMismatch`, `.invalidParameter` (a bad class weight),
    ///   `.invalidSampleWeight`.
    /// - Complexity: O(n).
    package func _rowWeights(y: [Int], classCounts: [Int], sampleWeights: [Double]?) throws(DecisionTreeError) -> [Double] {
        let n = y.count, k = classCounts.count
        let perClass: [Double]
        switch self {
        case .uniform:
            perClass = [Double](repeating: 1, count: k)
        case .balanced:
            perClass = classCounts.map { $0 > 0 ? Double(n) / (Double(k) * Double($0)) : 0 }
        case .custom(let given):
            guard given.count == k else {
                throw .dimensionMismatch("\(given.count) class weights were given for \(k) classes")
            }
            for (c, weight) in given.enumerated() where !(weight.isFinite && weight >= 0) {
                throw .invalidParameter(name: "class weight \(c)", value: "\(weight)", requirement: "must be finite and >= 0")
            }
            perClass = given
        }
        var weights = y.map { perClass[$0] }
        if let sampleWeights {
            guard sampleWeights.count == n else {
                throw .dimensionMismatch("x has \(n) rows, but \(sampleWeights.count) sample weights were given")
            }
            for (row, weight) in sampleWeights.enumerated() {
                guard weight.isFinite, weight >= 0 else { throw .invalidSampleWeight(row: row, value: weight) }
                weights[row] *= weight
            }
        }
        let total = weights.reduce(0, +)
        guard total > 0 else { throw .invalidSampleWeight(row: nil, value: total) }
        return weights
    }
}
