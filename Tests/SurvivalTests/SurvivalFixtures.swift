import Foundation
import Tabular
import Testing

/// Fixtures/lifelines.json (lifelines 0.30.0 on the Telco file) and Fixtures/sbg.json (scipy),
/// written by the scripts beside them (versions in the files).
struct LifelinesFixtures: Decodable {
    struct Group: Decodable {
        let group: String
        let n, events: Int
        let times, survival, lower, upper: [Double]
        let atRisk, observed, censored: [Int]
        let median: Double?
    }
    struct LogRank: Decodable { let statistic, pValue: Double; let degreesOfFreedom: Int }
    struct Cox: Decodable {
        let covariates: [String]
        let coefficients, standardErrors, hazardRatios, lower, upper, z, pValues: [Double]
        let logPartialLikelihood, concordance: Double
        let phTestStatistics, phTestPValues: [Double]
    }
    let kaplanMeier: [Group]
    let logRank: LogRank
    let cox: Cox

    static func load() throws -> LifelinesFixtures {
        let url = try #require(Bundle.module.url(forResource: "lifelines", withExtension: "json", subdirectory: "Fixtures"))
        return try JSONDecoder().decode(LifelinesFixtures.self, from: Data(contentsOf: url))
    }
}

struct SBGFixtures: Decodable {
    struct Cohort: Decodable {
        let survivors: [Double]
        let alpha, beta, logLikelihood: Double
        let projectedSurvival, derl: [String: Double]
    }
    let cohorts: [String: Cohort]

    static func load() throws -> SBGFixtures {
        let url = try #require(Bundle.module.url(forResource: "sbg", withExtension: "json", subdirectory: "Fixtures"))
        return try JSONDecoder().decode(SBGFixtures.self, from: Data(contentsOf: url))
    }
}

/// The package root, found from this file's path (Tests/SurvivalTests/SurvivalFixtures.swift).
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// ../shared/datasets/telco-customer-churn.csv relative to the package root.
let telcoPath = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/datasets/telco-customer-churn.csv").path

/// Whether the Telco file is present; tests that need it are disabled (with this reason) otherwise.
let telcoAvailable = FileManager.default.fileExists(atPath: telcoPath)

/// Reads CSV text as a table.
func table(_ text: String) throws -> Table { try Table(csvBytes: Array(text.utf8), name: "test.csv") }
