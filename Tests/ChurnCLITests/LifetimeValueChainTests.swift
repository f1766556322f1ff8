import Foundation
import Testing
@testable import ChurnCLI

/// Lifetime value carried through the loop on the bundled purchase log: `lifetime fit`, `lifetime
/// predict --add-to` a customer file, then `segment --value-column lifetime_value` (each
/// segment's share of the base's value) and `experiment analyze --value-column lifetime_value`
/// (value retained in lifetime value, not one year's premium).
@Suite struct LifetimeValueChainTests {
    @Test func lifetimeValueProfilesSegmentsAndValuesAnExperiment() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let log = bundledDatasets + "/purchases.csv", model = dir.appendingPathComponent("ltv.json").path
        let columns = ["--customer", "customer", "--date", "date", "--amount", "amount"]
        _ = try LifetimeFitCommand.parse([log] + columns + ["--calibration-end", "1997-09-30", "--out", model]).makeOutput()
        let predictions = dir.appendingPathComponent("predictions.csv").path
        _ = try LifetimePredictCommand.parse([model, log] + columns + ["--out", predictions]).makeOutput()
        // A customer file of the first 400 customers (features: their purchase history), every other
        // one called, and who left since (every third): what an experiment's outcome file holds.
        let rows = try String(contentsOfFile: predictions, encoding: .utf8).split(separator: "\n").dropFirst().prefix(400)
            .map { $0.split(separator: ",").map(String.init) }
        var customers = "id,frequency,recency,group,churned\n"
        for (k, row) in rows.enumerated() {
            customers += "\(row[0]),\(row[1]),\(row[2]),\(k % 2 == 0 ? "call" : "control"),\(k % 3 == 0 ? 1 : 0)\n"
        }
        let file = try write(customers, named: "customers.csv", in: dir)
        let valued = dir.appendingPathComponent("customers-value.csv").path
        _ = try LifetimePredictCommand.parse([model, log] + columns + ["--out", dir.appendingPathComponent("p2.csv").path,
                                                                        "--add-to", file, "--add-to-out", valued]).makeOutput()
        let lifetimeValues = rows.map { Double($0[8]) ?? .nan }
        let total = lifetimeValues.reduce(0, +)

        let segments = try jsonObject(try SegmentCommand.parse([valued, "--k", "3", "--features", "frequency,recency", "--value-column",
                                                                 "lifetime_value", "--seed", "1", "--format", "json"]).makeOutput())
        let totalValue = try #require(segments["totalValue"] as? Double)
        #expect(abs(totalValue - total) <= 1e-9 * total)
        let values = try #require((segments["segments"] as? [[String: Any]])?.compactMap { $0["value"] as? [String: Any] })
        #expect(values.count == 3)
        #expect(abs(values.compactMap { $0["share"] as? Double }.reduce(0, +) - 1) < 1e-12)
        #expect(values.compactMap { $0["customers"] as? Int }.reduce(0, +) == 400)
        // The value column describes the segments; it is not one of their features.
        #expect(segments["features"] as? [String] == ["frequency", "recency"])

        // Value retained is linear in the value column: doubling every lifetime value doubles it.
        func valueRetained(_ path: String) throws -> Double {
            let json = try jsonObject(try ExperimentAnalyzeCommand.parse([path, "--arm", "group", "--control", "control",
                                                                           "--value-column", "lifetime_value", "--format", "json"]).makeOutput())
            let cell = try #require((json["cells"] as? [[String: Any]])?.first)
            return try #require((cell["economics"] as? [String: Any])?["valueRetained"] as? Double)
        }
        let retained = try valueRetained(valued)
        let lines = try String(contentsOfFile: valued, encoding: .utf8).split(separator: "\n").map(String.init)
        let doubled = try write(([lines[0]] + lines.dropFirst().map { line -> String in
            var fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            fields[fields.count - 1] = String(2 * (Double(fields[fields.count - 1]) ?? .nan))
            return fields.joined(separator: ",")
        }).joined(separator: "\n") + "\n", named: "doubled.csv", in: dir)
        #expect(retained.isFinite && retained != 0)
        #expect(abs(try valueRetained(doubled) - 2 * retained) <= 1e-9 * abs(retained))
    }
}
