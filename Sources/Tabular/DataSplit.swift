// Seeded train/test splits and k-fold cross-validation folds.
//
// Goals: reproducible on every machine (only `SeededRandom` and the core's Fisher-Yates shuffle, whose
// algorithms are fixed), and stratified splits that keep each class's share in every part. Classes are taken
// in order of first appearance in `labels`, so the result depends only on the labels and the seed.
//
// Stratified train/test: a class of n_c rows puts round(testFraction * n_c) of them (rounded half
// away from zero) in the test part, clamped to 1 ... n_c - 1 so both parts hold every class; a
// class with a single row makes the split impossible and throws (scikit-learn raises too). The
// total test size can therefore differ from round(testFraction * n) by up to half the number
// of classes.
//
// Stratified k-fold follows scikit-learn's StratifiedKFold allocation: each class's rows are
// shuffled, the classes are laid end to end, and position p goes to fold p mod k. Every fold
// then holds floor(n_c / k) or ceil(n_c / k) rows of each class, and fold sizes differ by at most
// one. Unlike scikit-learn, which only warns, a class with fewer than k rows throws, because some
// test fold would lack it. Plain k-fold shuffles the rows and cuts them into k consecutive parts,
// the first n mod k of them one row larger (scikit-learn's KFold sizes).

import _ChurnKitCore

/// A partition of row indices into a training part and a test part, each sorted.
public struct DataSplit: Sendable, Codable, Equatable {
    /// Row indices for training, ascending.
    public let train: [Int]
    /// Row indices for testing (or validation), ascending.
    public let test: [Int]

    /// Creates a split from two index lists (sorted on creation).
    /// - Parameters:
    ///   - train: the training rows.
    ///   - test: the test rows.
    public init(train: [Int], test: [Int]) {
        self.train = train.sorted()
        self.test = test.sorted()
    }

    /// A shuffled (not stratified) train/test split of `count` rows.
    /// - Parameters:
    ///   - count: number of rows (n >= 2).
    ///   - testFraction: share of rows in the test part, in (0, 1); the test part has
    ///     round(testFraction * n) rows, clamped to 1 ... n - 1.
    ///   - generator: the random source.
    /// - Returns: the split.
    /// - Throws: `TabularError.invalidArgument` for a fraction outside (0, 1) or fewer than 2 rows.
    /// - Complexity: O(n log n).
    public static func shuffled(
        count: Int, testFraction: Double, using generator: inout some RandomNumberGenerator
    ) throws(TabularError) -> DataSplit {
        try _checkFraction(testFraction)
        guard count >= 2 else { throw .invalidArgument("a train/test split needs at least 2 rows, got \(count)") }
        var order = Array(0..<count)
        SeededDraws.shuffle(&order, using: &generator)
        let testCount = _testCount(of: count, fraction: testFraction)
        return DataSplit(train: Array(order[testCount...]), test: Array(order[..<testCount]))
    }

    /// A shuffled train/test split of `count` rows, seeded.
    /// - Parameters:
    ///   - count: number of rows (n >= 2).
    ///   - testFraction: share of rows in the test part, in (0, 1).
    ///   - seed: the seed of a `SeededRandom`.
    /// - Returns: the split.
    /// - Throws: as `shuffled(count:testFraction:using:)`.
    /// - Complexity: O(n log n).
    public static func shuffled(count: Int, testFraction: Double, seed: UInt64) throws(TabularError) -> DataSplit {
        var generator = SeededRandom(seed: seed)
        return try shuffled(count: count, testFraction: testFraction, using: &generator)
    }

    /// A stratified train/test split: every class keeps about `testFraction` of its rows in the test part.
    /// - Parameters:
    ///   - labels: the class of each row (for churn, the target).
    ///   - testFraction: share of each class in the test part, in (0, 1); per-class rounding as
    ///     described in the file header.
    ///   - generator: the random source.
    /// - Returns: the split; both parts hold every class.
    /// - Throws: `TabularError.invalidArgument` for a fraction outside (0, 1) or a class with a single row.
    /// - Complexity: O(n log n).
    public static func stratified<Label: Hashable>(
        labels: [Label], testFraction: Double, using generator: inout some RandomNumberGenerator
    ) throws(TabularError) -> DataSplit {
        try _checkFraction(testFraction)
        var train: [Int] = [], test: [Int] = []
        for (label, var rows) in _classes(of: labels) {
            guard rows.count >= 2 else {
                throw .invalidArgument(
                    "class \"\(label)\" has only 1 row; a stratified split needs at least 2 rows in every class")
            }
            SeededDraws.shuffle(&rows, using: &generator)
            let testCount = _testCount(of: rows.count, fraction: testFraction)
            test.append(contentsOf: rows[..<testCount])
            train.append(contentsOf: rows[testCount...])
        }
        return DataSplit(train: train, test: test)
    }

    /// A stratified train/test split, seeded.
    /// - Parameters:
    ///   - labels: the class of each row.
    ///   - testFraction: share of each class in the test part, in (0, 1).
    ///   - seed: the seed of a `SeededRandom`.
    /// - Returns: the split.
    /// - Throws: as `stratified(labels:testFraction:using:)`.
    /// - Complexity: O(n log n).
    public static func stratified<Label: Hashable>(
        labels: [Label], testFraction: Double, seed: UInt64
    ) throws(TabularError) -> DataSplit {
        var generator = SeededRandom(seed: seed)
        return try stratified(labels: labels, testFraction: testFraction, using: &generator)
    }

    /// Shuffled k-fold cross-validation: k splits whose test parts partition the rows.
    /// - Parameters:
    ///   - count: number of rows n.
    ///   - folds: k, with 2 <= k <= n.
    ///   - generator: the random source.
    /// - Returns: k splits; fold i's test part has ceil or floor of n / k rows, its training part the rest.
    /// - Throws: `TabularError.invalidArgument` when k < 2 or k > n.
    /// - Complexity: O(k n).
    public static func kFold(
        count: Int, folds: Int, using generator: inout some RandomNumberGenerator
    ) throws(TabularError) -> [DataSplit] {
        try _checkFolds(folds, rows: count)
        var order = Array(0..<count)
        SeededDraws.shuffle(&order, using: &generator)
        var assignment = [Int](repeating: 0, count: count)
        var start = 0
        for fold in 0..<folds {
            let size = count / folds + (fold < count % folds ? 1 : 0)
            for row in order[start..<(start + size)] { assignment[row] = fold }
            start += size
        }
        return _splits(assignment: assignment, folds: folds)
    }

    /// Shuffled k-fold cross-validation, seeded.
    /// - Parameters:
    ///   - count: number of rows n.
    ///   - folds: k, with 2 <= k <= n.
    ///   - seed: the seed of a `SeededRandom`.
    /// - Returns: k splits.
    /// - Throws: as `kFold(count:folds:using:)`.
    /// - Complexity: O(k n).
    public static func kFold(count: Int, folds: Int, seed: UInt64) throws(TabularError) -> [DataSplit] {
        var generator = SeededRandom(seed: seed)
        return try kFold(count: count, folds: folds, using: &generator)
    }

    /// Stratified k-fold cross-validation: every test fold keeps each class's share within one row.
    /// - Parameters:
    ///   - labels: the class of each row.
    ///   - folds: k >= 2; every class needs at least k rows.
    ///   - generator: the random source.
    /// - Returns: k splits whose test parts partition the rows.
    /// - Throws: `TabularError.invalidArgument` when k < 2 or a class has fewer than k rows.
    /// - Complexity: O(k n).
    public static func stratifiedKFold<Label: Hashable>(
        labels: [Label], folds: Int, using generator: inout some RandomNumberGenerator
    ) throws(TabularError) -> [DataSplit] {
        try _checkFolds(folds, rows: labels.count)
        var assignment = [Int](repeating: 0, count: labels.count)
        var position = 0
        for (label, var rows) in _classes(of: labels) {
            guard rows.count >= folds else {
                throw .invalidArgument(
                    "class \"\(label)\" has \(rows.count) rows, fewer than the \(folds) folds; "
                        + "every class needs at least one row per fold")
            }
            SeededDraws.shuffle(&rows, using: &generator)
            for row in rows {
                assignment[row] = position % folds
                position += 1
            }
        }
        return _splits(assignment: assignment, folds: folds)
    }

    /// Stratified k-fold cross-validation, seeded.
    /// - Parameters:
    ///   - labels: the class of each row.
    ///   - folds: k >= 2; every class needs at least k rows.
    ///   - seed: the seed of a `SeededRandom`.
    /// - Returns: k splits.
    /// - Throws: as `stratifiedKFold(labels:folds:using:)`.
    /// - Complexity: O(k n).
    public static func stratifiedKFold<Label: Hashable>(
        labels: [Label], folds: Int, seed: UInt64
    ) throws(TabularError) -> [DataSplit] {
        var generator = SeededRandom(seed: seed)
        return try stratifiedKFold(labels: labels, folds: folds, using: &generator)
    }
}

/// The rows of each class, classes in order of first appearance, rows ascending.
func _classes<Label: Hashable>(of labels: [Label]) -> [(label: Label, rows: [Int])] {
    var slot: [Label: Int] = [:]
    var classes: [(label: Label, rows: [Int])] = []
    for (row, label) in labels.enumerated() {
        if let s = slot[label] {
            classes[s].rows.append(row)
        } else {
            slot[label] = classes.count
            classes.append((label, [row]))
        }
    }
    return classes
}

/// round(fraction * count), half away from zero, clamped to 1 ... count - 1 (count >= 2).
func _testCount(of count: Int, fraction: Double) -> Int {
    let rounded = Int((fraction * Double(count)).rounded(.toNearestOrAwayFromZero))
    return min(max(rounded, 1), count - 1)
}

/// Checks that a test fraction lies strictly between 0 and 1.
func _checkFraction(_ fraction: Double) throws(TabularError) {
    guard fraction > 0, fraction < 1 else {
        throw .invalidArgument("testFraction must be between 0 and 1 (exclusive), got \(fraction)")
    }
}

/// Checks that 2 <= folds <= rows.
func _checkFolds(_ folds: Int, rows: Int) throws(TabularError) {
    guard folds >= 2 else { throw .invalidArgument("k-fold cross-validation needs at least 2 folds, got \(folds)") }
    guard folds <= rows else {
        throw .invalidArgument("cannot make \(folds) folds from \(rows) rows; each fold needs at least one row")
    }
}

/// The k splits for a fold assignment (row -> fold), indices ascending.
func _splits(assignment: [Int], folds: Int) -> [DataSplit] {
    (0..<folds).map { fold in
        var train: [Int] = [], test: [Int] = []
        for (row, f) in assignment.enumerated() {
            if f == fold { test.append(row) } else { train.append(row) }
        }
        return DataSplit(ascending: train, test)
    }
}

extension DataSplit {
    /// Internal initializer for index lists already ascending.
    init(ascending train: [Int], _ test: [Int]) {
        self.train = train
        self.test = test
    }
}
