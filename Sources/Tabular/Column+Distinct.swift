// Distinct values of a column, counted on the rows it holds (never on stale levels), and the
// shape of whole-number columns: what column-role rules need to tell an identifier from a feature.

extension Column {
    /// Number of distinct present values (missing values are not counted).
    ///
    /// A categorical column counts the levels its codes use, not `levels.count`, so a column built
    /// with extra levels is still counted on its rows.
    /// - Complexity: O(n + levels) for categorical columns, O(n) expected otherwise.
    public var distinctCount: Int {
        switch values {
        case .numeric(let v):
            var seen = Set<Double>(minimumCapacity: min(v.count, 1 << 20))
            for x in v where !x.isNaN { seen.insert(x) }
            return seen.count
        case .categorical(let codes, let levels):
            var used = [Bool](repeating: false, count: levels.count)
            var count = 0
            for code in codes where code >= 0 && !used[Int(code)] {
                used[Int(code)] = true
                count += 1
            }
            return count
        case .boolean(let v, _, _):
            return (v.contains(true) ? 1 : 0) + (v.contains(false) ? 1 : 0)
        }
    }

    /// True for a numeric column with a value in every row, each a whole number of magnitude below
    /// 2^53 (so that it is an exact integer): the shape of a numeric customer id or row number.
    /// - Complexity: O(n).
    public var holdsWholeNumbers: Bool {
        guard case .numeric(let v) = values, !v.isEmpty else { return false }
        return v.allSatisfy { $0.isFinite && $0 == $0.rounded() && abs($0) < 9_007_199_254_740_992 }
    }

    /// True when the values are exactly the integers `a, a+1, ..., a+n-1` in some order, each once,
    /// with `a` 0 or 1: a row number (1..n, or 0..n-1).
    /// - Complexity: O(n).
    public var isRowNumberRun: Bool {
        guard holdsWholeNumbers, case .numeric(let v) = values, let low = v.min(), low == 0 || low == 1 else { return false }
        var seen = [Bool](repeating: false, count: v.count)
        for x in v {
            let offset = x - low
            guard offset < Double(v.count) else { return false }
            let index = Int(offset)
            guard !seen[index] else { return false }
            seen[index] = true
        }
        return true
    }
}
