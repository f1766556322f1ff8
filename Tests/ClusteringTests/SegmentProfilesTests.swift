import Foundation
import LinearAlgebra
import Tabular
import Testing
@testable import Clustering

/// ../shared/datasets relative to the package root (found from this file's path).
let telcoPath: String = {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    return root.deletingLastPathComponent().appendingPathComponent("shared/datasets/telco-customer-churn.csv").path
}()

/// True when the shared Telco data set is present.
let telcoAvailable = FileManager.default.fileExists(atPath: telcoPath)

@Suite("SegmentProfiles")
struct SegmentProfilesTests {
    /// Six customers in two segments; hand-computed profiles below.
    static func table() throws -> Table {
        try Table(columns: [
            Column(name: "id", labels: ["a", "b", "c", "d", "e", "f"]),
            Column(name: "tenure", numeric: [1, 3, .nan, 60, 62, 64]),
            Column(name: "contract", labels: ["M", "M", "Y", nil, "Y", "Y"]),
            Column(name: "churn", values: .boolean([true, true, false, false, nil, true], trueLabel: "Yes", falseLabel: "No")),
        ])
    }

    @Test("a value column: each segment's total, mean and share of all value, hand-worked")
    func valueColumn() throws {
        let table = try Table(columns: try Self.table().columns + [Column(name: "lifetime_value", numeric: [10, 30, .nan, 100, 200, 60])])
        let profiles = try SegmentProfiles(table: table, labels: [0, 0, 0, 1, 1, 1], columns: ["tenure"], valueColumn: "lifetime_value")
        // Segment 0: 10 + 30 = 40 (c's value missing), mean 20; segment 1: 360, mean 120; total 400.
        #expect(profiles.totalValue == 400)
        #expect(profiles.segments.map(\.value) == [
            .init(total: 40, customers: 2, mean: 20, share: 0.1), .init(total: 360, customers: 3, mean: 120, share: 0.9),
        ])
        let lines = profiles.textTable().split(separator: "\n").map { $0.split(separator: " ").joined(separator: " ") }
        #expect(lines.contains("lifetime_value (share) 10.0% 90.0% 100.0%"))
        #expect(lines.contains("lifetime_value (mean) 20.0 120.0 80.0"))
        #expect(throws: ClusteringError.self) {
            try SegmentProfiles(table: table, labels: [0, 0, 0, 1, 1, 1], valueColumn: "contract")
        }
        let infinite = try Table(columns: [Column(name: "v", numeric: [1, .infinity])])
        #expect(throws: ClusteringError.self) { try SegmentProfiles(table: infinite, labels: [0, 1], valueColumn: "v") }
    }

    @Test("hand-worked profiles: sizes, means, top levels, churn rates and lifts")
    func handWorked() throws {
        let profiles = try SegmentProfiles(
            table: try Self.table(), labels: [0, 0, 0, 1, 1, 1], target: "churn", topLevelCount: 2)
        #expect(profiles.segments.map(\.size) == [3, 3])
        let halves: [Double] = [0.5, 0.5]
        #expect(profiles.segments.map(\.share) == halves)
        // The id column (a level per row) and the target are left out.
        #expect(profiles.segments[0].features.map(\.column) == ["tenure", "contract"])
        let tenure0 = profiles.segments[0].features[0], tenure1 = profiles.segments[1].features[0]
        #expect(tenure0.mean == 2)  // (1 + 3) / 2, NaN left out
        #expect(tenure1.mean == 62)
        let overallTenure: Double = 190.0 / 5
        #expect(tenure0.overallMean == overallTenure)
        let contract0 = profiles.segments[0].features[1].topLevels
        #expect(contract0.map(\.level) == ["M", "Y"])
        let shares: [Double] = [2.0 / 3, 1.0 / 3]
        #expect(contract0.map(\.share) == shares)
        let overallShares: [Double] = [2.0 / 5, 3.0 / 5]
        #expect(contract0.map(\.overallShare) == overallShares)
        #expect(profiles.segments[1].features[1].topLevels.map(\.share) == [1])  // "Y" 2/2, nil left out
        // Churn: segment 0: 2 of 3; segment 1: 1 of 2 known; overall 3 of 5.
        #expect(profiles.overallChurnRate == 0.6)
        let rates: [Double?] = [2.0 / 3, 0.5]
        #expect(profiles.segments.map(\.churnRate) == rates)
        let lifts: [Double?] = [(2.0 / 3) / 0.6, 0.5 / 0.6]
        #expect(profiles.segments.map(\.lift) == lifts)
        let text = profiles.textTable()
        #expect(text.contains("churn rate"))
        #expect(text.split(separator: "\n").count == 7)
        let lines = text.split(separator: "\n").map { $0.split(separator: " ").joined(separator: " ") }
        #expect(lines[5] == "tenure (mean) 2.00 62.0 38.0")
        #expect(lines[6] == "contract M 66.7% (40.0%) Y 100.0% (60.0%)")
    }

    @Test("targets: 0/1 numbers, two labels with a given positive level; bad targets and labels throw")
    func targets() throws {
        let base = try Self.table()
        let withNumeric = try Table(columns: base.columns + [Column(name: "y", numeric: [1, 0, 0, 0, 1, .nan])])
        let numeric = try SegmentProfiles(table: withNumeric, labels: [0, 0, 0, 1, 1, 1], columns: ["tenure"], target: "y")
        let expected: [Double?] = [1.0 / 3, 0.5]
        #expect(numeric.segments.map(\.churnRate) == expected)
        let withLabels = try Table(columns: base.columns + [Column(name: "left", labels: ["gone", "stay", "stay", "gone", nil, "stay"])])
        let labelled = try SegmentProfiles(
            table: withLabels, labels: [0, 0, 0, 1, 1, 1], columns: [], target: "left", positiveLabel: "gone")
        #expect(labelled.segments.map(\.churnRate) == expected)
        #expect(throws: ClusteringError.self) {
            try SegmentProfiles(table: withLabels, labels: [0, 0, 0, 1, 1, 1], target: "left")
        }
        #expect(throws: ClusteringError.self) { try SegmentProfiles(table: base, labels: [0, 0, 0, 1, 1, 1], target: "tenure") }
        #expect(throws: ClusteringError.lengthMismatch(argument: "labels", count: 2, expected: 6)) {
            try SegmentProfiles(table: base, labels: [0, 1])
        }
        #expect(throws: ClusteringError.self) { try SegmentProfiles(table: base, labels: [0, 0, 0, 1, 1, -1]) }
        #expect(throws: ClusteringError.self) { try SegmentProfiles(table: base, labels: [0, 0, 0, 1, 1, 1], columns: ["nope"]) }
    }

    // Needs ../shared/datasets next to the package (the shared data sets); skipped otherwise.
    @Test(.enabled(if: telcoAvailable, "needs ../shared/datasets/telco-customer-churn.csv next to the package"))
    func telcoSegmentsDifferInChurn() throws {
        let table = try Table(csvAt: telcoPath)
        let features = ["tenure", "MonthlyCharges", "TotalCharges"]
        let encoder = try FeatureEncoder().fit(table, columns: features)
        let model = try KMeans(k: 4, initCount: 5, seed: 7).fit(try encoder.transform(table))
        let profiles = try SegmentProfiles(
            table: table, labels: model.labels, columns: features + ["Contract"], target: "Churn")
        print(profiles.textTable())
        // Reference: 1,869 of 7,043 customers churned (SOURCES.md: the known Telco base rate, 26.5%).
        let baseRate: Double = 1_869.0 / 7_043
        #expect(profiles.overallChurnRate == baseRate)
        // Independent recount of the churn rate of every segment from the raw column.
        let churn = try table.column(named: "Churn")
        for segment in profiles.segments {
            let rows = model.labels.indices.filter { model.labels[$0] == segment.id }
            let churned = rows.filter { churn.text(at: $0) == "Yes" }.count
            let rate: Double = Double(churned) / Double(rows.count)
            #expect(segment.churnRate == rate)
        }
        // Visibly different: the riskiest segment churns at least twice as often as the safest,
        // and at least 25 points more.
        let rates = profiles.segments.compactMap(\.churnRate)
        let (low, high) = (rates.min() ?? 0, rates.max() ?? 0)
        #expect(high >= 2 * low)
        #expect(high - low >= 0.25)
    }
}
