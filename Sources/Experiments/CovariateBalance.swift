import Tabular

/// Balance of one covariate between one arm and its tier's control group.
public struct CovariateBalanceRow: Sendable, Codable, Equatable {
    /// Tier name.
    public var tier: String
    /// Arm name.
    public var arm: String
    /// Covariate (column) name.
    public var covariate: String
    /// Mean in the arm (missing values skipped).
    public var treatmentMean: Double
    /// Mean in the control group.
    public var controlMean: Double
    /// (treatment mean − control mean) / √((s²_treatment + s²_control)/2); |SMD| < 0.1 is the
    /// usual threshold for good balance (Austin, Statistics in Medicine 28, 2009).
    public var standardizedMeanDifference: Double
}

/// Covariate balance checks for a randomized assignment (standardized mean differences).
public enum CovariateBalance {
    /// The standardized mean difference of two samples (unbiased variances, NaN skipped).
    /// - Parameters:
    ///   - treatment: Values in the treatment group.
    ///   - control: Values in the control group.
    /// - Returns: The SMD; 0 when both groups are constant and equal, NaN when a group has < 2 values.
    /// - Complexity: O(n).
    public static func standardizedMeanDifference(treatment: [Double], control: [Double]) -> Double {
        let t = SampleSummary(treatment.lazy.filter { !$0.isNaN })
        let c = SampleSummary(control.lazy.filter { !$0.isNaN })
        guard t.count >= 2, c.count >= 2 else { return .nan }
        let pooled = ((t.variance + c.variance) / 2).squareRoot()
        if pooled == 0 { return t.mean == c.mean ? 0 : (t.mean > c.mean ? .infinity : -.infinity) }
        return (t.mean - c.mean) / pooled
    }

    /// SMDs of every numeric and boolean column of `covariates`, per tier × arm against control.
    /// - Parameters:
    ///   - assignment: The assignment.
    ///   - covariates: One row per assigned customer, in the assignment's order; categorical
    ///     columns are skipped, booleans count as 0/1.
    /// - Returns: One row per tier × arm × covariate.
    /// - Throws: `ExperimentsError.lengthMismatch` when the row counts differ.
    /// - Complexity: O(n · d).
    public static func table(assignment: Assignment, covariates: Table) throws(ExperimentsError) -> [CovariateBalanceRow] {
        guard covariates.rowCount == assignment.count else {
            throw .lengthMismatch(argument: "covariate rows", count: covariates.rowCount, expected: assignment.count)
        }
        var rows: [CovariateBalanceRow] = []
        for column in covariates.columns {
            let values: [Double]
            switch column.values {
            case .numeric(let v): values = v
            case .boolean(let v, _, _): values = v.map { $0.map { $0 ? 1 : 0 } ?? .nan }
            case .categorical: continue
            }
            var buckets = assignment.design.tiers.map { [[Double]](repeating: [], count: $0.arms.count + 1) }
            for row in 0..<assignment.count { buckets[assignment.tiers[row]][assignment.groups[row]].append(values[row]) }
            for (t, tier) in assignment.design.tiers.enumerated() {
                let control = buckets[t][0]
                for (a, arm) in tier.arms.enumerated() {
                    let treated = buckets[t][a + 1]
                    rows.append(CovariateBalanceRow(
                        tier: tier.name, arm: arm.name, covariate: column.name,
                        treatmentMean: SampleSummary(treated.lazy.filter { !$0.isNaN }).mean,
                        controlMean: SampleSummary(control.lazy.filter { !$0.isNaN }).mean,
                        standardizedMeanDifference: standardizedMeanDifference(treatment: treated, control: control)))
                }
            }
        }
        return rows
    }
}
