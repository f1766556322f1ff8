import Foundation
import Testing

/// Fixtures/uplift.json, written by Fixtures/make_fixtures.py with scikit-uplift 0.5.1.
struct UpliftFixtures: Decodable {
    struct Table: Decodable {
        let percentile, nTreatment, nControl: [Int]
        let rateTreatment, rateControl, uplift, stdUplift: [Double?]  // null = NaN (an empty group)
    }
    struct Case: Decodable, CustomStringConvertible {
        let name: String
        let outcome, treatment: [Int]
        let scores: [Double]
        let upliftAUC, qiniAUC: Double
        let upliftAtK: [[AtK]]
        let upliftCurve, qiniCurve: [[Double]]
        let percentiles: [String: Table]
        var description: String { name }
    }
    /// One [k, strategy, value] triple.
    enum AtK: Decodable {
        case number(Double), text(String)
        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let value = try? container.decode(Double.self) { self = .number(value) } else { self = .text(try container.decode(String.self)) }
        }
        var number: Double { if case .number(let v) = self { return v }; return .nan }
        var text: String { if case .text(let v) = self { return v }; return "" }
    }
    let version: String
    let cases: [Case]

    static func load() throws -> UpliftFixtures {
        let url = try #require(Bundle.module.url(forResource: "uplift", withExtension: "json", subdirectory: "Fixtures"))
        return try JSONDecoder().decode(UpliftFixtures.self, from: Data(contentsOf: url))
    }
}
