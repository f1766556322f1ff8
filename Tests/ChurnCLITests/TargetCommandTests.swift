import ChurnKit
import Foundation
import Testing
@testable import ChurnCLI

@Suite struct TargetCommandTests {
    private struct Output: Decodable {
        let customers: Int
        let worthContacting: Int
        let budgetContacts: Int?
        let expected: TargetingPlan.Expectation
        let alternatives: [TargetingPlan.Alternative]
    }

    /// simulate → train → score → target with default column names: the list is the library's plan
    /// on the same scores and premiums, best first, and its figures are the plan's.
    @Test func scoreThenTargetChainsWithDefaults() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        func path(_ name: String) -> String { dir.appendingPathComponent(name).path }
        _ = try ExperimentSimulateCommand.parse(["--customers", "5000", "--out", path("portfolio.csv")]).makeOutput()
        _ = try TrainCommand.parse([path("portfolio.csv"), "--target", "churned_last_year", "--out", path("model.json")]).makeOutput()
        _ = try ScoreCommand.parse([path("model.json"), path("portfolio.csv"), "--out", path("scores.csv")]).makeOutput()
        let flags = [path("scores.csv"), path("portfolio.csv"), "--value", "premium", "--save-rate", "0.09", "--cost", "15", "--out", path("list.csv")]
        let output = try JSONDecoder().decode(Output.self, from: Data(try TargetCommand.parse(flags + ["--format", "json"]).makeOutput().utf8))

        let scores = try Table(csvAt: path("scores.csv")), portfolio = try Table(csvAt: path("portfolio.csv"))
        let risk = try ExperimentColumns.numbers(scores, "churn_probability", file: "scores.csv")
        let premium = try ExperimentColumns.numbers(portfolio, "premium", file: "portfolio.csv")
        #expect(try ExperimentColumns.texts(scores, "id", file: "") == ExperimentColumns.texts(portfolio, "id", file: ""))
        let plan = try TargetingPlan(risk: risk, uplift: nil, saveRate: 0.09, values: premium, costPerContact: 15)
        #expect(output.customers == 5000 && output.worthContacting == plan.worthContacting && output.budgetContacts == nil)
        #expect(output.expected == plan.expected && output.alternatives == plan.alternatives)
        #expect(plan.expected.contacts > 0 && plan.expected.netValue > 0)

        let list = try Table(csvAt: path("list.csv"))
        #expect(list.columnNames == ["id", "rank", "churn_probability", "premium", "expected_effect", "expected_value_retained", "expected_net_value"])
        let ids = try ExperimentColumns.texts(portfolio, "id", file: "")
        #expect(try ExperimentColumns.texts(list, "id", file: "") == plan.contacts.map { ids[$0] })
        let gains = try ExperimentColumns.numbers(list, "expected_value_retained", file: "")
        #expect(gains == plan.contacts.map { plan.expectedGain[$0] })
        #expect(zip(gains, plan.contacts).allSatisfy { gain, row in abs(gain - premium[row] * risk[row] * 0.09) <= 1e-12 * gain })
        #expect(zip(gains, gains.dropFirst()).allSatisfy { $0 >= $1 } && gains.allSatisfy { $0 > 15 })

        // An existing list is kept without --force; the text names the list and the comparison.
        #expect(throws: (any Error).self) { try TargetCommand.parse(flags).makeOutput() }
        let text = try TargetCommand.parse(flags + ["--force", "--budget", "1500"]).makeOutput()
        #expect(text.contains("the budget allows 100 contacts") && text.contains("contact list: 100 customers"))
        #expect(text.contains("churn risk") && text.contains("at random"))
    }

    /// The hand-worked uplift case of `TargetingPlanTests`, from two files whose rows are in
    /// different orders: gains [5, −20, 10, 40, 0] at a cost of 4 give customers d, c, a.
    @Test func joinsUpliftScoresAndValuesOnTheID() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let uplift = try write("id,uplift\na,0.05\nb,-0.1\nc,0.2\nd,0.1\ne,0\n", named: "uplift.csv", in: dir)
        let values = try write("id,premium\ne,100\nd,400\nc,50\nb,200\na,100\n", named: "values.csv", in: dir)
        let out = dir.appendingPathComponent("list.csv").path
        let text = try TargetCommand.parse([uplift, values, "--value", "premium", "--cost", "4", "--out", out]).makeOutput()
        #expect(text.contains("effect of a contact: the uplift column \"uplift\"") && text.contains("3 customers are expected"))
        let list = try Table(csvAt: out)
        #expect(try ExperimentColumns.texts(list, "id", file: "") == ["d", "c", "a"])
        #expect(try ExperimentColumns.numbers(list, "expected_net_value", file: "") == [36, 6, 1])
        // Errors: no value flag, a save rate beside uplift, an id missing from the second file, the
        // output over an input.
        let missing = try write("id,premium\na,1\n", named: "short.csv", in: dir)
        for flags in [[uplift, "--cost", "4", "--out", out], [uplift, values, "--value", "premium", "--save-rate", "0.1", "--cost", "4", "--out", out, "--force"],
                      [uplift, missing, "--value", "premium", "--cost", "4", "--out", out, "--force"],
                      [uplift, values, "--value", "premium", "--cost", "4", "--out", values, "--force"]] {
            #expect(throws: (any Error).self) { try TargetCommand.parse(flags).makeOutput() }
        }
    }
}
