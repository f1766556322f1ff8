import Foundation
import Testing

/// `Fixtures/cv_fixtures.json`, made by `Fixtures/make_cv_fixtures.py` (scikit-learn 1.9.1).
struct CrossValidationFixture: Decodable {
    let folds: [Int]
    let perFold: [String: [Double]]
    let outOfFoldLogits: [Double]
    let calibrated: [String: [Double]]

    static func load() throws -> CrossValidationFixture {
        let url = try #require(Bundle.module.url(forResource: "cv_fixtures", withExtension: "json", subdirectory: "Fixtures"))
        return try JSONDecoder().decode(CrossValidationFixture.self, from: Data(contentsOf: url))
    }
}

/// The bundled generated customer file, `datasets/telecom-customers.csv`.
let bundledCustomers: String = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("datasets/telecom-customers.csv").path

/// The columns the fixture's scikit-learn pipeline uses; every other column is ignored.
let fixtureFeatures = ["age", "tenure_months", "monthly_charges", "support_calls", "contract"]
