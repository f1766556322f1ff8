import Foundation
import LinearAlgebra
import Testing
@testable import Tabular

/// The scikit-learn reference outputs written by Fixtures/make_encoder_fixtures.py
/// (`encoder_fixtures.json`; a missing number is `null`).
struct EncoderFixtures: Decodable {
    /// A column of the hand-made tables: numbers or labels.
    enum RawColumn: Decodable {
        case numbers([Double?])
        case labels([String?])

        init(from decoder: any Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let numbers = try? c.decode([Double?].self) {
                self = .numbers(numbers)
            } else {
                self = .labels(try c.decode([String?].self))
            }
        }
    }

    struct NumericImputation: Decodable {
        let statistics: [Double]
        let indicator_features: [Int]
        let test_output: [[Double]]
    }

    struct LabelImputation: Decodable {
        let statistics: [String]
        let indicator_features: [Int]
        let test_output: [[String]]
    }

    struct Imputer: Decodable {
        let numeric_median: NumericImputation
        let numeric_mean: NumericImputation
        let labelled_most_frequent: LabelImputation
    }

    struct Scaler: Decodable {
        let x: [[Double?]]
        let x_new: [[Double?]]
        let mean: [Double]
        let scale: [Double]
        let x_new_scaled: [[Double?]]
    }

    struct OneHotCase: Decodable {
        let categories: [[String]]
        let feature_names: [String]
        let train_output: [[Double]]
        let test_output: [[Double]]
    }

    struct OneHot: Decodable {
        let drop_first: OneHotCase
        let drop_none: OneHotCase
        let imputed_train: [[String]]
        let imputed_test: [[String]]
    }

    struct Pipeline: Decodable {
        let feature_names: [String]
        let means: [Double]
        let scales: [Double]
        let train_output: [[Double]]
        let test_output: [[Double]]
    }

    let train: [String: RawColumn]
    let test: [String: RawColumn]
    let imputer: Imputer
    let scaler: Scaler
    let one_hot: OneHot
    let pipeline: Pipeline

    static func load() throws -> EncoderFixtures {
        let url = try #require(
            Bundle.module.url(forResource: "encoder_fixtures", withExtension: "json", subdirectory: "Fixtures"))
        return try JSONDecoder().decode(EncoderFixtures.self, from: Data(contentsOf: url))
    }

    /// Numeric and labelled columns in the fixture script's order.
    static let numericNames = ["tenure", "MonthlyCharges", "Const"]
    static let labelledNames = ["Contract", "Partner", "PaymentMethod"]

    /// The training table; Partner is boolean (Yes/No).
    func trainTable() throws -> Table {
        let names = ["tenure", "MonthlyCharges", "Const", "Empty", "Contract", "Partner", "PaymentMethod"]
        return try Table(columns: names.map { try column($0, from: train, booleanPartner: true) })
    }

    /// The scoring table: other column order, an extra column, Partner read as categorical.
    func testTable() throws -> Table {
        let names = ["PaymentMethod", "Partner", "Contract", "Const", "MonthlyCharges", "tenure"]
        var columns = try names.map { try column($0, from: test, booleanPartner: false) }
        columns.insert(Column(name: "customerID", labels: ["a", "b", "c", "d", "e"]), at: 2)
        return try Table(columns: columns)
    }

    private func column(_ name: String, from raw: [String: RawColumn], booleanPartner: Bool) throws -> Column {
        switch try #require(raw[name]) {
        case .numbers(let values):
            return Column(name: name, numeric: values.map { $0 ?? .nan })
        case .labels(let labels):
            if booleanPartner && name == "Partner" {
                return try Column(
                    name: name, values: .boolean(labels.map { $0.map { $0 == "Yes" } }, trueLabel: "Yes", falseLabel: "No"))
            }
            return Column(name: name, labels: labels)
        }
    }
}

/// Rows of `m` as arrays.
func rows(of m: Matrix) -> [[Double]] {
    (0..<m.rows).map { Array(m.row($0)) }
}

/// True when `a` and `b` have the same shape and agree within `tolerance` (absolute + relative).
func approximatelyEqual(_ a: [[Double]], _ b: [[Double]], tolerance: Double = 1e-12) -> Bool {
    guard a.count == b.count else { return false }
    for (x, y) in zip(a, b) {
        guard x.count == y.count else { return false }
        for (u, v) in zip(x, y) where abs(u - v) > tolerance * (1 + abs(v)) { return false }
    }
    return true
}
