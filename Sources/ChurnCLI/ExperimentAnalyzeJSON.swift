import ChurnKit

/// A number in JSON output: `null` when absent or not finite (JSON has no NaN or infinity).
struct JSONNumber: Encodable, Equatable {
    /// The value, or nil.
    let value: Double?

    init(_ value: Double?) { self.value = value }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if let value, value.isFinite { try container.encode(value) } else { try container.encodeNil() }
    }
}

/// The JSON of `churn experiment analyze`: flat cells with the key names, the
/// sample-ratio check, the pooled arms, the join and the warnings.
struct ExperimentAnalyzeJSON: Encodable {
    /// One tier × arm against the tier's control; difference = arm rate − control rate.
    struct Cell: Encodable {
        let tier: String, arm: String
        let n: Int, events: Int, rate: JSONNumber
        let controlN: Int, controlEvents: Int, controlRate: JSONNumber
        let difference: JSONNumber, differenceLower: JSONNumber, differenceUpper: JSONNumber
        let ratio: JSONNumber, ratioLower: JSONNumber, ratioUpper: JSONNumber
        let relativeReduction: JSONNumber, relativeReductionLower: JSONNumber, relativeReductionUpper: JSONNumber
        let pValue: JSONNumber, adjustedPValue: JSONNumber, test: String
        let numeric: Numeric?
        let economics: Economics?
        let note: String
    }

    /// Welch comparison of the numeric outcome (arm mean − control mean).
    struct Numeric: Encodable {
        let difference: JSONNumber, lower: JSONNumber, upper: JSONNumber, pValue: JSONNumber
    }

    /// Customers and value retained by an arm, its cost and return.
    struct Economics: Encodable {
        let customersTreated: Int
        let customersRetained: JSONNumber, customersRetainedLower: JSONNumber, customersRetainedUpper: JSONNumber
        let valueRetained: JSONNumber, valueRetainedLower: JSONNumber, valueRetainedUpper: JSONNumber
        let actionCost: JSONNumber
        let netValue: JSONNumber, netValueLower: JSONNumber, netValueUpper: JSONNumber
        let returnOnInvestment: JSONNumber, returnOnInvestmentLower: JSONNumber, returnOnInvestmentUpper: JSONNumber
    }

    /// Chi-square of the group sizes against the designed shares, summed over tiers.
    struct SampleRatio: Encodable {
        let chiSquare: JSONNumber, degreesOfFreedom: Int, pValue: JSONNumber, passed: Bool
        let tiers: [Tier]

        init(_ tiers: [ExperimentReport.TierSampleRatio]) {
            let pooled = PooledSampleRatioCheck(tiers: tiers.map(\.check))
            chiSquare = JSONNumber(pooled.chiSquare)
            degreesOfFreedom = pooled.degreesOfFreedom
            pValue = JSONNumber(pooled.pValue)
            passed = pooled.passed
            self.tiers = tiers.map {
                Tier(tier: $0.tier, groups: $0.groups, observed: $0.check.observed, expected: $0.check.expected,
                     chiSquare: JSONNumber($0.check.chiSquare), pValue: JSONNumber($0.check.pValue), passed: $0.check.passed)
            }
        }
    }

    /// One tier's sample-ratio check.
    struct Tier: Encodable {
        let tier: String, groups: [String], observed: [Int], expected: [Double]
        let chiSquare: JSONNumber, pValue: JSONNumber, passed: Bool
    }

    /// An arm (or every arm together, `arm` = "all") pooled across tiers (Cochran-Mantel-Haenszel).
    struct Pooled: Encodable {
        let arm: String, ratio: JSONNumber, ratioLower: JSONNumber, ratioUpper: JSONNumber
        let relativeReduction: JSONNumber, relativeReductionLower: JSONNumber, relativeReductionUpper: JSONNumber
        let pValue: JSONNumber

        init(arm: String, _ result: MantelHaenszelResult) {
            self.arm = arm
            ratio = JSONNumber(result.riskRatio)
            ratioLower = JSONNumber(result.riskRatioInterval?.lower)
            ratioUpper = JSONNumber(result.riskRatioInterval?.upper)
            relativeReduction = JSONNumber(result.relativeReduction)
            relativeReductionLower = JSONNumber(result.relativeReductionInterval?.lower)
            relativeReductionUpper = JSONNumber(result.relativeReductionInterval?.upper)
            pValue = JSONNumber(result.pValue)
        }
    }

    let cells: [Cell]
    let sampleRatioMismatch: SampleRatio
    let pooled: [Pooled]
    let overall: Pooled
    let join: ExperimentReport.Join
    let warnings: [String]

    init(_ report: ExperimentReport) {
        cells = report.cells.map { cell in
            let c = cell.comparison
            return Cell(
                tier: cell.tier, arm: cell.arm, n: c.treatment.total, events: c.treatment.events, rate: JSONNumber(c.treatmentRate),
                controlN: c.control.total, controlEvents: c.control.events, controlRate: JSONNumber(c.controlRate),
                difference: JSONNumber(c.difference), differenceLower: JSONNumber(c.differenceInterval?.lower),
                differenceUpper: JSONNumber(c.differenceInterval?.upper),
                ratio: JSONNumber(c.riskRatio), ratioLower: JSONNumber(c.riskRatioInterval?.lower), ratioUpper: JSONNumber(c.riskRatioInterval?.upper),
                relativeReduction: JSONNumber(c.relativeReduction), relativeReductionLower: JSONNumber(c.relativeReductionInterval?.lower),
                relativeReductionUpper: JSONNumber(c.relativeReductionInterval?.upper),
                pValue: JSONNumber(c.pValue), adjustedPValue: JSONNumber(cell.adjustedPValue), test: c.testMethod == .fisherExact ? "fisher" : "z",
                numeric: cell.numericOutcome.map {
                    Numeric(difference: JSONNumber($0.difference), lower: JSONNumber($0.interval.lower), upper: JSONNumber($0.interval.upper),
                            pValue: JSONNumber($0.pValue))
                },
                economics: cell.economics.map {
                    Economics(
                        customersTreated: $0.customersTreated, customersRetained: JSONNumber($0.customersRetained),
                        customersRetainedLower: JSONNumber($0.customersRetainedInterval?.lower),
                        customersRetainedUpper: JSONNumber($0.customersRetainedInterval?.upper),
                        valueRetained: JSONNumber($0.valueRetained), valueRetainedLower: JSONNumber($0.valueRetainedInterval?.lower),
                        valueRetainedUpper: JSONNumber($0.valueRetainedInterval?.upper), actionCost: JSONNumber($0.actionCost),
                        netValue: JSONNumber($0.netValue), netValueLower: JSONNumber($0.netValueInterval?.lower),
                        netValueUpper: JSONNumber($0.netValueInterval?.upper), returnOnInvestment: JSONNumber($0.returnOnInvestment),
                        returnOnInvestmentLower: JSONNumber($0.returnOnInvestmentInterval?.lower),
                        returnOnInvestmentUpper: JSONNumber($0.returnOnInvestmentInterval?.upper))
                },
                note: c.note)
        }
        sampleRatioMismatch = SampleRatio(report.sampleRatio)
        pooled = report.pooled.map { Pooled(arm: $0.arm, $0.result) }
        overall = Pooled(arm: "all", report.overall)
        join = report.join
        warnings = report.warnings
    }
}

/// The JSON of `churn experiment analyze --numeric COL` without a binary outcome.
struct NumericAnalyzeJSON: Encodable {
    /// One tier × arm: means and the Welch difference arm − control.
    struct Cell: Encodable {
        let tier: String, arm: String
        let n: Int, mean: JSONNumber, controlN: Int, controlMean: JSONNumber
        let difference: JSONNumber, differenceLower: JSONNumber, differenceUpper: JSONNumber
        let pValue: JSONNumber, adjustedPValue: JSONNumber
    }

    let cells: [Cell]
    let sampleRatioMismatch: ExperimentAnalyzeJSON.SampleRatio
    let join: ExperimentReport.Join
    let warnings: [String]

    init(_ report: NumericExperimentReport) {
        cells = report.cells.map { cell in
            Cell(tier: cell.tier, arm: cell.arm, n: cell.treatment.count, mean: JSONNumber(cell.treatment.mean), controlN: cell.control.count,
                 controlMean: JSONNumber(cell.control.mean), difference: JSONNumber(cell.comparison?.difference),
                 differenceLower: JSONNumber(cell.comparison?.interval.lower), differenceUpper: JSONNumber(cell.comparison?.interval.upper),
                 pValue: JSONNumber(cell.comparison?.pValue), adjustedPValue: JSONNumber(cell.adjustedPValue))
        }
        sampleRatioMismatch = ExperimentAnalyzeJSON.SampleRatio(report.sampleRatio)
        join = report.join
        warnings = report.warnings
    }
}
