import ChurnKit
import Foundation
import Testing
@testable import ChurnCLI

/// The `lifetimes` 0.11.3 fixture of the customer-value tests (Tests/CustomerValueTests/Fixtures/
/// lifetimes.json, written by make_lifetimes_fixtures.py beside it from the CDNOW sample): the
/// CDNOW customer table and lifetimes' fits and predictions on it.
struct LifetimesReference: Decodable {
    struct Table: Decodable { let frequency, recency, age, monetary: [Double]; let holdoutFrequency: [Int] }
    struct Fit: Decodable { let params: [Double]; let logLikelihood: Double }
    struct Predictions: Decodable { let rows: [Int]; let probabilityAlive, expectedSpend, lifetimeValue: [Double] }
    let customers, repeaters, repeatOccasions, holdoutOccasions: Int
    let table: Table
    let bgnbd, paretoNBD, gammaGamma: Fit
    let predictions: Predictions

    /// Reads the fixture from the package's test tree.
    static func load() throws -> LifetimesReference {
        let path = packageRoot.appendingPathComponent("Tests/CustomerValueTests/Fixtures/lifetimes.json")
        return try JSONDecoder().decode(LifetimesReference.self, from: Data(contentsOf: path))
    }


    /// Writes a purchase log (CSV: customer, date, amount) whose customer table at 1997-09-30 in
    /// weeks is exactly the fixture's: per customer a first purchase T weeks before the cut-off,
    /// x repeat purchases on distinct days ending tₓ weeks after the first (each at the mean repeat
    /// spend), and the hold-out purchases on distinct days up to 1998-06-30. Dates alternate
    /// between YYYY-MM-DD and YYYYMMDD.
    func writeLog(in directory: URL) throws -> String {
        let end = try #require(CalendarDay(year: 1997, month: 9, day: 30)).dayNumber
        var text = "customer,date,amount\n"
        var line = 0
        func add(_ id: String, _ day: Int, _ amount: Double) {
            line += 1
            let date = CalendarDay(dayNumber: day).description
            text += "\(id),\(line % 2 == 0 ? date : date.replacingOccurrences(of: "-", with: "")),\(amount)\n"
        }
        for i in table.frequency.indices {
            let id = String(format: "C%04d", i + 1)
            let first = end - Int((table.age[i] * 7).rounded())
            let last = first + Int((table.recency[i] * 7).rounded())
            let x = Int(table.frequency[i])
            add(id, first, 10)
            for k in 1..<max(x, 1) where x > 1 { add(id, first + k, table.monetary[i]) }
            if x > 0 { add(id, last, table.monetary[i]) }
            for k in 0..<table.holdoutFrequency[i] { add(id, end + 1 + k, 12) }
        }
        return try write(text, named: "purchases.csv", in: directory)
    }
}

/// The package root, from this file's path (Tests/ChurnCLITests/LifetimeFixtureLog.swift).
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// ../shared/datasets/CDNOW_sample.txt and whether it is present.
let cdnowPath = sharedDatasets + "/CDNOW_sample.txt"
let cdnowAvailable = FileManager.default.fileExists(atPath: cdnowPath)

/// ../shared/datasets/telco-customer-churn.csv and whether it is present.
let telcoPath = sharedDatasets + "/telco-customer-churn.csv"
let telcoAvailable = FileManager.default.fileExists(atPath: telcoPath)

/// |actual − expected| ≤ tolerance · max(1, |expected|).
func isClose(_ actual: Double, _ expected: Double, tolerance: Double) -> Bool {
    abs(actual - expected) <= tolerance * max(1, abs(expected))
}
