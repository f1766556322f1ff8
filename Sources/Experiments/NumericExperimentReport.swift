/// The analysis of an experiment whose outcome is a number only (for example spend, without a
/// binary outcome): every tier × arm against the same tier's control by Welch's t interval.
public struct NumericExperimentReport: Sendable, Codable, Equatable {
    /// One arm of one tier compared with that tier's control.
    public struct Cell: Sendable, Codable, Equatable {
        /// Tier name.
        public var tier: String
        /// Arm name.
        public var arm: String
        /// The arm's customers: count, mean, variance.
        public var treatment: SampleSummary
        /// The tier's control customers.
        public var control: SampleSummary
        /// Welch comparison (arm mean − control mean); `nil` when a group has fewer than two
        /// customers or neither group varies.
        public var comparison: WelchComparison?
        /// Holm-adjusted p-value across the cells with a comparison (NaN without one).
        public var adjustedPValue: Double
    }

    /// Per tier × arm results, tiers in design order.
    public var cells: [Cell]
    /// Per-tier sample-ratio checks on the analysed customers.
    public var sampleRatio: [ExperimentReport.TierSampleRatio]
    /// The join summary.
    public var join: ExperimentReport.Join
    /// Problems a reader must see first (sample-ratio mismatch, unmatched ids, undefined figures).
    public var warnings: [String]
}

extension ExperimentAnalysis {
    /// Joins a numeric outcome to the assignment by id and compares every tier × arm with its
    /// control by Welch's t interval (statsmodels' `ttest_ind(usevar="unequal")`).
    /// - Parameters:
    ///   - assignment: Who was assigned where.
    ///   - ids: Customer ids of the outcome rows, unique.
    ///   - values: The numeric outcome per id, finite.
    ///   - confidence: Confidence level of the intervals, default 0.95.
    ///   - sampleRatioThreshold: p-value below which a sample-ratio mismatch is declared, default 0.001.
    /// - Returns: The report.
    /// - Throws: `ExperimentsError` for mismatched lengths, a duplicate id, a non-finite value, or
    ///   no assigned customer with an outcome.
    /// - Complexity: O(n) expected.
    public static func analyzeNumeric(
        assignment: Assignment, ids: [String], values: [Double], confidence: Double = 0.95, sampleRatioThreshold: Double = 0.001
    ) throws(ExperimentsError) -> NumericExperimentReport {
        guard values.count == ids.count else { throw .lengthMismatch(argument: "values", count: values.count, expected: ids.count) }
        if let bad = values.firstIndex(where: { !$0.isFinite }) { throw .nonFiniteValue(argument: "values", index: bad, value: values[bad]) }
        try _checkUniqueIDs(ids)
        let (outcomeRow, join, joinWarnings) = try _join(assignment: assignment, outcomeIDs: ids)
        var warnings = joinWarnings
        let design = assignment.design
        var groups = design.tiers.map { [[Double]](repeating: [], count: $0.arms.count + 1) }
        for i in 0..<assignment.count where outcomeRow[i] >= 0 {
            groups[assignment.tiers[i]][assignment.groups[i]].append(values[outcomeRow[i]])
        }
        var cells: [NumericExperimentReport.Cell] = []
        var sampleRatio: [ExperimentReport.TierSampleRatio] = []
        for (t, tier) in design.tiers.enumerated() {
            let control = SampleSummary(groups[t][0])
            for (a, arm) in tier.arms.enumerated() {
                let treated = SampleSummary(groups[t][a + 1])
                let welch = try? WelchComparison(treated, control, confidence: confidence)
                if welch == nil {
                    warnings.append("tier \"\(tier.name)\", arm \"\(arm.name)\": no Welch interval (\(treated.count) arm and \(control.count) control customers; each group needs 2 and one must vary)")
                }
                cells.append(.init(tier: tier.name, arm: arm.name, treatment: treated, control: control, comparison: welch, adjustedPValue: .nan))
            }
            sampleRatio.append(try _sampleRatio(tier: tier, observed: groups[t].map(\.count), threshold: sampleRatioThreshold, warnings: &warnings))
        }
        let tested = cells.indices.filter { cells[$0].comparison != nil }
        let adjusted = MultipleTesting.holm(tested.map { cells[$0].comparison?.pValue ?? .nan })
        for (k, i) in tested.enumerated() { cells[i].adjustedPValue = adjusted[k] }
        return NumericExperimentReport(cells: cells, sampleRatio: sampleRatio, join: join, warnings: warnings)
    }
}
