import ChurnKit

/// The AXA rehearsal (`RetentionRehearsal`) for people: a table of every tier and arm against the
/// truth, and the sentences of the demo's summary.
struct RehearsalReport {
    let rehearsal: RetentionRehearsal

    /// Every cell, each tier with all arms together, and the overall result, beside the truth.
    var table: String {
        var table = TextTable(
            headers: ["tier", "arm", "treated", "control rate", "arm rate", "reduction [95% CI]", "true", "covered",
                      "value retained [95% CI]", "true value", "net value [95% CI]"],
            alignments: [.left, .left, .right, .right, .right, .left, .right, .left, .left, .right, .left])
        for cell in rehearsal.cells {
            let c = cell.measured.comparison, e = cell.measured.economics
            table.append([
                cell.measured.tier, cell.measured.arm, String(c.treatment.total), percent(c.controlRate), percent(c.treatmentRate),
                percentWithInterval(c.relativeReduction, c.relativeReductionInterval), percent(cell.truth.relativeReduction),
                covers(c.relativeReductionInterval, cell.truth.relativeReduction),
                e.map { withInterval($0.valueRetained, $0.valueRetainedInterval, digits: 6) } ?? "-", formatted(cell.truth.valueRetained, digits: 6),
                e.map { withInterval($0.netValue, $0.netValueInterval, digits: 6) } ?? "-",
            ])
        }
        for tier in rehearsal.tiers {
            let c = tier.comparison
            table.append([tier.name, "all arms", String(c.treatment.total), percent(c.controlRate), percent(c.treatmentRate),
                          percentWithInterval(c.relativeReduction, c.relativeReductionInterval), percent(tier.truth.relativeReduction),
                          covers(c.relativeReductionInterval, tier.truth.relativeReduction), "", formatted(tier.truth.valueRetained, digits: 6), ""])
        }
        let overall = rehearsal.report.overall
        table.append(["all (pooled)", "all arms", String(rehearsal.tiers.reduce(0) { $0 + $1.comparison.treatment.total }), "", "",
                      percentWithInterval(overall.relativeReduction, overall.relativeReductionInterval),
                      percent(rehearsal.overallTruth.relativeReduction), covers(overall.relativeReductionInterval, rehearsal.overallTruth.relativeReduction),
                      "", formatted(rehearsal.overallTruth.valueRetained, digits: 6), ""])
        return table.render()
    }

    /// The summary sentences: detectability, overall and per-tier reductions with the truth, why the
    /// tiers differ, and the economics.
    var sentences: [String] {
        let r = rehearsal, overall = r.report.overall
        var lines: [String] = []
        let truth = r.overallTruth.relativeReduction
        if r.overallMinimumDetectableRelativeReduction > truth {
            lines.append("AXA rehearsal on \(r.policyholders) policyholders: this size cannot detect the campaign's effect. With its control "
                + "groups the smallest relative reduction detectable (80% power, 5% level) is \(percent(r.overallMinimumDetectableRelativeReduction)) "
                + "overall, against a true \(percent(truth)); AXA had about 2,000,000 policies (`--policyholders 2000000`). The figures below are noise-dominated.")
        }
        lines.append("AXA rehearsal on \(r.policyholders) policyholders: across both tiers and all actions, cancellations among contacted "
            + "customers fell by \(percentAndInterval(overall.relativeReduction, overall.relativeReductionInterval)) against their tier's "
            + "no-action control group (pooled over tiers); the scenario's true reduction is \(percent(truth))"
            + "\(overall.relativeReductionInterval.map { $0.lower <= truth && truth <= $0.upper ? ", which the interval covers" : ", outside the interval" } ?? "").")
        let tierText = r.tiers.map { tier in
            let c = tier.comparison
            let detect = tier.minimumDetectableRelativeReduction > tier.truth.relativeReduction
                ? "; too few customers to detect it, smallest detectable \(percent(tier.minimumDetectableRelativeReduction))" : ""
            return "\(tier.name)-risk tier \(percentAndInterval(c.relativeReduction, c.relativeReductionInterval)) (true \(percent(tier.truth.relativeReduction))\(detect))"
        }.joined(separator: ", ")
        lines.append("By tier: \(tierText) (a negative reduction is an increase).")
        if r.tiers.count == 2 {
            let (high, low) = (r.tiers[0], r.tiers[1])
            let lessInHigh = high.truth.relativeReduction < low.truth.relativeReduction
            lines.append("Why the tiers differ: in the \(lessInHigh ? high.name : low.name)-risk tier the action works less, because "
                + "\(percent((lessInHigh ? high : low).truth.sleepingDogShare)) of its contacted customers are sleeping dogs (a contact makes them "
                + "more likely to cancel) and \(percent((lessInHigh ? high : low).truth.lostCauseShare)) lost causes, against "
                + "\(percent((lessInHigh ? low : high).truth.sleepingDogShare)) and \(percent((lessInHigh ? low : high).truth.lostCauseShare)) in the "
                + "\(lessInHigh ? low.name : high.name)-risk tier; a higher base rate (\(percent(high.truth.meanBaselineProbability)) against "
                + "\(percent(low.truth.meanBaselineProbability))) still makes each high-risk contact save more customers in absolute terms.")
        }
        let money = r.cells.compactMap { cell in cell.measured.economics.map { (cell, $0) } }
        if !money.isEmpty {
            let text = money.map { cell, e in
                "\(cell.measured.tier)/\(cell.measured.arm) \(formatted(e.netValue, digits: 6)) (95% interval "
                    + "\(e.netValueInterval.map { "\(formatted($0.lower, digits: 6)) to \(formatted($0.upper, digits: 6))" } ?? "undefined"); "
                    + "value retained \(formatted(e.valueRetained, digits: 6))\(valueInterval(e.valueRetainedInterval, truth: cell.truth.valueRetained)))"
            }.joined(separator: ", ")
            let paying = money.filter { ($0.1.netValueInterval?.lower ?? -1) > 0 }.map { "\($0.0.measured.tier)/\($0.0.measured.arm)" }
            let losing = money.filter { ($0.1.netValueInterval?.upper ?? 1) < 0 }.map { "\($0.0.measured.tier)/\($0.0.measured.arm)" }
            lines.append("Net value against one year's premium (15 per call, 40 per discount): \(text). "
                + (paying.isEmpty ? "No action pays for itself with confidence" : "Clearly paying: \(paying.joined(separator: ", "))")
                + (losing.isEmpty ? "." : "; clearly losing money: \(losing.joined(separator: ", ")) (target them more narrowly, by uplift, or make them cheaper)."))
        }
        lines.append(retentionSentence(r.retention))
        lines.append(qiniSentence(r.qini))
        let model = r.model
        lines.append(rankingSentence(auc: model.auc, lift: model.lift, subject: "The rehearsal's churn model, trained on last year's cancellations,"))
        return lines
    }

    /// The uplift check: each ranking's measured Qini beside its expectation, and how much of the
    /// true uplift ranking's Qini targeting by risk gets.
    private func qiniSentence(_ check: RetentionRehearsal.UpliftCheck) -> String {
        func agreement(_ q: ExpectedQini) -> String {
            let z = q.standardizedDifference
            return abs(z) <= 2 ? "within sampling error" : "\(formatted(abs(z), digits: 2)) standard deviations off"
        }
        let risk = check.byRisk, best = check.byTrueUplift
        return "Uplift check (contacted = either action, response = staying; Qini coefficient normalised as scikit-uplift): ranking by the "
            + "churn model's risk measures \(formatted(risk.measuredCoefficient, digits: 3)) against \(formatted(risk.expectedCoefficient, digits: 3)) "
            + "expected from the scenario's known effects (sd \(formatted(risk.coefficientStandardDeviation, digits: 2)), \(agreement(risk))); ranking by "
            + "the true uplift, the best possible, measures \(formatted(best.measuredCoefficient, digits: 3)) against a true Qini of "
            + "\(formatted(best.expectedCoefficient, digits: 3)) (sd \(formatted(best.coefficientStandardDeviation, digits: 2)), \(agreement(best))). "
            + (risk.expectedGain > 0
                ? "Targeting by risk gets \(percent(risk.expectedGain / best.expectedGain)) of the true ranking's gain over random"
                : "Targeting by risk does no better than contacting at random (its expected Qini is below zero)")
            + ": a churn score is not an uplift score (sleeping dogs are high-risk); an uplift model (`churn uplift train`) aims at the difference."
    }

    /// The retention curves of the campaign year: each group's share still a customer after 3, 6
    /// and 12 months (Kaplan-Meier, with the 95% interval at 12) and the log-rank test.
    private func retentionSentence(_ retention: RetentionRehearsal.RetentionCurves) -> String {
        let text = zip(retention.groups, retention.curves).map { name, curve in
            let last = curve.survival(at: 12), index = curve.times.lastIndex { $0 <= 12 }
            let interval = index.map { " [\(percent(curve.lower[$0])), \(percent(curve.upper[$0]))]" } ?? ""
            return "\(name) \(percent(curve.survival(at: 3))), \(percent(curve.survival(at: 6))), \(percent(last))\(interval)"
        }.joined(separator: "; ")
        let test = retention.logRank
        return "Retention over the campaign year (Kaplan-Meier of the months to cancellation, both tiers together; still customers after "
            + "3, 6 and 12 months): \(text). Log-rank test of one curve for all groups: chi-square \(formatted(test.statistic, digits: 4)) "
            + "on \(test.degreesOfFreedom) degrees of freedom, p = \(formattedPValue(test.pValue))"
            + (test.pValue < 0.05 ? ": the groups' retention differs." : ": no difference detected at the 5% level.")
    }

    /// ", 95% interval a to b, which covers the true value v" (or "does not cover").
    private func valueInterval(_ interval: ConfidenceInterval?, truth: Double) -> String {
        guard let interval else { return ", interval undefined, true \(formatted(truth, digits: 6))" }
        let covered = interval.lower <= truth && truth <= interval.upper
        return ", 95% interval \(formatted(interval.lower, digits: 6)) to \(formatted(interval.upper, digits: 6)), which "
            + "\(covered ? "covers" : "does not cover") the true \(formatted(truth, digits: 6))"
    }

    private func covers(_ interval: ConfidenceInterval?, _ truth: Double) -> String {
        guard let interval else { return "-" }
        return interval.lower <= truth && truth <= interval.upper ? "yes" : "no"
    }
}

/// "8.5% (95% interval 7.3% to 9.6%)".
func percentAndInterval(_ value: Double, _ interval: ConfidenceInterval?) -> String {
    guard let interval else { return "\(percent(value)) (interval undefined)" }
    return "\(percent(value)) (95% interval \(percent(interval.lower)) to \(percent(interval.upper)))"
}

/// A sentence judging a churn model from its hold-out AUC and top-decile lift, worded by grade.
/// - Parameters:
///   - auc: Hold-out AUC.
///   - lift: Lift table by decile (riskiest first).
///   - subject: The sentence's subject ("The model").
func rankingSentence(auc: Double, lift: [LiftRow], subject: String) -> String {
    let grade = RankingQuality(auc: auc)
    let verdict = switch grade {
    case .none: "does not rank customers better than chance"
    case .poor: "ranks customers poorly"
    case .acceptable: "ranks customers acceptably"
    case .excellent: "ranks customers well"
    case .outstanding: "ranks customers very well"
    }
    var text = "\(subject) \(verdict) (AUC \(formatted(auc, digits: 3)) on customers it did not see; 0.7-0.8 is acceptable, above 0.8 excellent)"
    if let top = lift.first, lift.count > 1 {
        let topTwo = lift[1]
        text += ": the riskiest 10% hold \(percent(top.cumulativeGain)) of the churners (\(formatted(top.lift, digits: 2))x the average rate), "
            + "the riskiest 20% hold \(percent(topTwo.cumulativeGain))"
        text += top.lift >= 2 ? "" : "; the top decile is not even twice the average, so risk tiers mix many stayers with the leavers"
    }
    return text + (grade < .acceptable ? ". Treat its tiers as rough: better features would make targeting sharper." : ".")
}
