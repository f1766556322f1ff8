import Foundation
import Testing
@testable import ChurnCLI
import _ChurnKitCore

/// `churn survival` and `churn survival cox`: a hand-worked file, bad inputs, and Telco against
/// the lifelines 0.30.0 fixture of the survival tests (Tests/SurvivalTests/Fixtures/lifelines.json).
@Suite struct SurvivalCommandTests {
    /// Group A: durations 1, 2, 2+, 3, 4+; group B: 1+, 1, 2, 5, 6+ (+ = censored).
    static let customers = """
        months,cancelled,plan
        1,yes,A
        2,yes,A
        2,no,A
        3,yes,A
        4,no,A
        1,no,B
        1,yes,B
        2,yes,B
        5,yes,B
        6,no,B

        """

    @Test func handWorkedCurvesAndLogRank() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = try write(Self.customers, named: "customers.csv", in: dir)
        let plot = dir.appendingPathComponent("km.svg").path
        let json = try jsonObject(try SurvivalCurveCommand.parse([
            file, "--duration", "months", "--event", "cancelled", "--group", "plan", "--plot", plot, "--format", "json",
        ]).makeOutput())
        let groups = try #require(json["groups"] as? [[String: Any]])
        let a = try #require(groups.first)
        #expect(a["group"] as? String == "A" && a["customers"] as? Int == 5 && a["events"] as? Int == 3)
        let table = try #require(a["table"] as? [[String: Any]])
        // S = 4/5, then x 3/4, then x 1/2: 0.8, 0.6, 0.3, 0.3; the median is the first time with S <= 0.5.
        #expect(table.compactMap { $0["time"] as? Double } == [0, 1, 2, 3, 4])
        #expect(table.compactMap { $0["atRisk"] as? Int } == [5, 5, 4, 2, 1])
        for (row, s) in zip(table, [1, 0.8, 0.6, 0.3, 0.3]) { #expect(isClose(row["survival"] as? Double ?? 0, s, tolerance: 1e-15)) }
        #expect(a["medianLifetime"] as? Double == 3)
        // Greenwood variance 1/(5*4) at t = 1, exponential (log-log) interval: by hand in Python.
        #expect(isClose(table[1]["lower"] as? Double ?? 0, 0.20380926326763904, tolerance: 1e-12))
        #expect(isClose(table[1]["upper"] as? Double ?? 0, 0.9691797888667427, tolerance: 1e-12))
        // Log-rank by hand: O = (3, 3), E = (2.642857, 3.357143), V = 1.1026077, chi-square 0.1156812.
        let test = try #require(json["logRank"] as? [String: Any])
        #expect(isClose(test["statistic"] as? Double ?? 0, 0.11568123393316201, tolerance: 1e-12))
        #expect(isClose(test["pValue"] as? Double ?? 0, 0.7337665820400169, tolerance: 1e-10))
        #expect(isClose((test["expected"] as? [Double])?.first ?? 0, 2.642857142857143, tolerance: 1e-12))
        let svg = try String(contentsOfFile: plot, encoding: .utf8)
        #expect(svg.contains("Retention curves") && svg.components(separatedBy: "<polyline").count == 3)
        let text = try SurvivalCurveCommand.parse([file, "--duration", "months", "--event", "cancelled", "--at", "2.5"]).makeOutput()
        #expect(text.contains("all customers: 10 customers, 6 events"))
    }

    @Test func badDurationsAndEventsNameLineAndColumn() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        func run(_ text: String, _ extra: [String] = []) throws -> String {
            let file = try write(text, named: "s-\(UUID().uuidString).csv", in: dir)
            return try SurvivalCurveCommand.parse([file, "--duration", "d", "--event", "e"] + extra).makeOutput()
        }
        #expect { try run("d,e\n1,1\n2,2\n3,0\n") } throws: { "\($0)".contains("column \"e\", line 3") && "\($0)".contains("\"2\"") }
        #expect { try run("d,e\n1,1\n0,1\n3,0\n") } throws: { "\($0)".contains("column \"d\", line 3") && "\($0)".contains("duration 0") }
        #expect { try run("d,e\n1,1\n-2,0\n") } throws: { "\($0)".contains("column \"d\", line 3") }
        #expect { try run("d,e\n1,gone\n2,stayed\n3,paused\n") } throws: { "\($0)".contains("line 4") && "\($0)".contains("paused") }
        // Two labels, neither reading as the event: --event-label names it.
        #expect { try run("d,e\n1,gone\n2,stayed\n") } throws: { "\($0)".contains("gone") }
        let json = try jsonObject(try run("d,e\n1,gone\n2,stayed\n", ["--event-label", "gone", "--format", "json"]))
        #expect(((json["groups"] as? [[String: Any]])?.first?["events"] as? Int) == 1)
        // A censored row at duration 0 is kept (at risk at 0 only).
        let zero = try jsonObject(try run("d,e\n0,0\n2,1\n", ["--format", "json"]))
        #expect(((zero["groups"] as? [[String: Any]])?.first?["customers"] as? Int) == 2)
    }

    /// 10,000 customers per plan, durations at the exponential quantiles (i + 0.5)/n with hazard 1 on
    /// plan A and e² on plan B: z ≈ 2 / √(2/10,000) ≈ 140, so both p-values underflow a double.
    @Test func underflowingPValuesPrintAsBelowTheSmallestShown() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let n = 10_000
        var text = "months,cancelled,plan\n"
        for plan in ["A", "B"] {
            let rate = plan == "A" ? 1 : exp(2.0)
            for i in 0..<n { text += "\(-log((Double(i) + 0.5) / Double(n)) / rate),1,\(plan)\n" }
        }
        let file = try write(text, named: "separated.csv", in: dir)
        let curves = try SurvivalCurveCommand.parse([file, "--duration", "months", "--event", "cancelled", "--group", "plan"]).makeOutput()
        #expect(curves.contains("p < 1e-300"))
        let cox = try SurvivalCoxCommand.parse([file, "--duration", "months", "--event", "cancelled", "--covariates", "plan"]).makeOutput()
        let row = try #require(cox.split(separator: "\n").first { $0.hasPrefix("plan=B") })
        #expect(row.contains("< 1e-300"))
        for output in [curves, cox] { #expect(!output.contains("NaN")) }
        // JSON keeps p (0 once it underflows) and gives log10 p, the chi-square's log upper tail.
        let curvesJSON = try jsonObject(try SurvivalCurveCommand.parse(
            [file, "--duration", "months", "--event", "cancelled", "--group", "plan", "--format", "json"]).makeOutput())
        let test = try #require(curvesJSON["logRank"] as? [String: Any])
        let statistic = try #require(test["statistic"] as? Double), log10p = try #require(test["log10PValue"] as? Double)
        #expect(log10p < -300 && isClose(log10p, SpecialFunctions.chiSquareLogSurvival(statistic, degreesOfFreedom: 1) / log(10), tolerance: 1e-12))
        let coxJSON = try jsonObject(try SurvivalCoxCommand.parse(
            [file, "--duration", "months", "--event", "cancelled", "--covariates", "plan", "--format", "json"]).makeOutput())
        let coefficient = try #require((coxJSON["coefficients"] as? [[String: Any]])?.first)
        let z = try #require(coefficient["z"] as? Double)
        #expect(isClose(try #require(coefficient["log10PValue"] as? Double),
                        SpecialFunctions.chiSquareLogSurvival(z * z, degreesOfFreedom: 1) / log(10), tolerance: 1e-12))
    }

    @Test func coxOnATinyFileNamesTheReferenceLevel() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = try write(Self.customers, named: "c.csv", in: dir)
        let json = try jsonObject(try SurvivalCoxCommand.parse([
            file, "--duration", "months", "--event", "cancelled", "--covariates", "plan", "--format", "json",
        ]).makeOutput())
        #expect((json["referenceLevels"] as? [String: String]) == ["plan": "A"])
        let coefficient = try #require((json["coefficients"] as? [[String: Any]])?.first)
        #expect(coefficient["name"] as? String == "plan=B")
        let beta = try #require(coefficient["coefficient"] as? Double)
        #expect(isClose(coefficient["hazardRatio"] as? Double ?? 0, exp(beta), tolerance: 1e-12))
        let broken = try write("months,cancelled,x\n1,1,2\n2,0,\n3,1,1\n", named: "broken.csv", in: dir)
        #expect {
            try SurvivalCoxCommand.parse([broken, "--duration", "months", "--event", "cancelled", "--covariates", "x"]).makeOutput()
        } throws: { "\($0)".contains("column \"x\", line 3") }
    }

    @Test(.enabled(if: telcoAvailable, "needs ../shared/datasets/telco-customer-churn.csv"))
    func telcoEqualsLifelines() throws {
        let path = packageRoot.appendingPathComponent("Tests/SurvivalTests/Fixtures/lifelines.json")
        let reference = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: path)) as? [String: Any])
        let json = try jsonObject(try SurvivalCurveCommand.parse([
            telcoPath, "--duration", "tenure", "--event", "Churn", "--group", "Contract", "--format", "json",
        ]).makeOutput())
        let groups = try #require(json["groups"] as? [[String: Any]])
        let curves = try #require(reference["kaplanMeier"] as? [[String: Any]])
        #expect(groups.map { $0["group"] as? String } == curves.map { $0["group"] as? String })
        for (ours, theirs) in zip(groups, curves) {
            let table = try #require(ours["table"] as? [[String: Any]])
            for key in ["survival", "lower", "upper"] {
                let expected = try #require(theirs[key] as? [Double])
                #expect(table.count == expected.count)
                for (row, value) in zip(table, expected) { #expect(abs((row[key] as? Double ?? .nan) - value) < 1e-6, "\(key)") }
            }
            #expect(ours["medianLifetime"] as? Double == theirs["median"] as? Double)
        }
        let logRank = try #require(reference["logRank"] as? [String: Any])
        #expect(isClose((json["logRank"] as? [String: Any])?["statistic"] as? Double ?? 0, logRank["statistic"] as? Double ?? 1, tolerance: 1e-6))
        // Cox on the fixture's subset: MonthlyCharges, SeniorCitizen, Partner, Dependents, PaperlessBilling (Yes = 1), Contract one-hot.
        let cox = try jsonObject(try SurvivalCoxCommand.parse([
            telcoPath, "--duration", "tenure", "--event", "Churn",
            "--covariates", "MonthlyCharges,SeniorCitizen,Partner,Dependents,PaperlessBilling,Contract", "--format", "json",
        ]).makeOutput())
        let expected = try #require(reference["cox"] as? [String: Any])
        let rows = try #require(cox["coefficients"] as? [[String: Any]])
        #expect(rows.map { $0["name"] as? String } == (expected["covariates"] as? [String] ?? []).map { $0 })
        let columns = [("coefficient", "coefficients"), ("standardError", "standardErrors"), ("hazardRatio", "hazardRatios"),
                       ("proportionalHazardsStatistic", "phTestStatistics")]
        for (ours, theirs) in columns {
            let values = try #require(expected[theirs] as? [Double])
            for (row, value) in zip(rows, values) { #expect(isClose(row[ours] as? Double ?? .nan, value, tolerance: 1e-6), "\(ours)") }
        }
        #expect(isClose(cox["concordance"] as? Double ?? 0, expected["concordance"] as? Double ?? 1, tolerance: 1e-6))
        #expect(isClose(cox["logPartialLikelihood"] as? Double ?? 0, expected["logPartialLikelihood"] as? Double ?? 1, tolerance: 1e-6))
        #expect((cox["referenceLevels"] as? [String: String]) == ["Contract": "Month-to-month"])
    }
}
