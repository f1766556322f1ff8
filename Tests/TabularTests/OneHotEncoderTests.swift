import Foundation
import LinearAlgebra
import Testing
@testable import Tabular

/// References: scikit-learn OneHotEncoder(handle_unknown="ignore") after most-frequent
/// imputation (Fixtures/make_encoder_fixtures.py), and hand-worked cases.
private func imputedTables(_ fixtures: EncoderFixtures) throws -> (train: Table, test: Table) {
    func table(_ rows: [[String]], booleanPartner: Bool) throws -> Table {
        try Table(columns: EncoderFixtures.labelledNames.enumerated().map { j, name in
            let labels = rows.map { $0[j] }
            if booleanPartner && name == "Partner" {
                return try Column(name: name, values: .boolean(labels.map { $0 == "Yes" }, trueLabel: "Yes", falseLabel: "No"))
            }
            return Column(name: name, labels: labels)
        })
    }
    // The score table reads Partner as categorical (it holds "Maybe").
    return (try table(fixtures.one_hot.imputed_train, booleanPartner: true),
            try table(fixtures.one_hot.imputed_test, booleanPartner: false))
}

/// scikit-learn's "Contract_One year" is ChurnKit's "Contract=One year".
private func churnKitName(_ sklearnName: String) -> String {
    for column in EncoderFixtures.labelledNames where sklearnName.hasPrefix(column + "_") {
        return column + "=" + sklearnName.dropFirst(column.count + 1)
    }
    return sklearnName
}

@Test func dropFirstMatchesScikitLearn() throws {
    let fixtures = try EncoderFixtures.load()
    let reference = fixtures.one_hot.drop_first
    let (train, test) = try imputedTables(fixtures)
    let encoder = try OneHotEncoder().fit(train)

    #expect(encoder.groups.map(\.categories) == reference.categories)
    #expect(encoder.featureNames == reference.feature_names.map(churnKitName))
    #expect(encoder.groups.map(\.droppedCategory) == ["Month-to-month", "No", "Bank"])
    #expect(try rows(of: encoder.transform(train)) == reference.train_output)

    let (matrix, report) = try encoder.transformWithReport(test)
    #expect(rows(of: matrix) == reference.test_output)
    #expect(report.unknownCategories == [
        .init(column: "Contract", label: "Three year", count: 1),
        .init(column: "Partner", label: "Maybe", count: 1),
        .init(column: "PaymentMethod", label: "Crypto", count: 1),
    ])
    #expect(report.missingValues.isEmpty)
}

@Test func dropNoneMatchesScikitLearnForCategoricalColumns() throws {
    let fixtures = try EncoderFixtures.load()
    let reference = fixtures.one_hot.drop_none
    let (train, test) = try imputedTables(fixtures)
    let encoder = try OneHotEncoder(drop: .none).fit(train, columns: ["Contract", "PaymentMethod"])
    // A boolean column is always one column; compare the categorical ones.
    let keep = reference.feature_names.indices.filter { !reference.feature_names[$0].hasPrefix("Partner") }
    #expect(encoder.featureNames == keep.map { churnKitName(reference.feature_names[$0]) })
    #expect(try rows(of: encoder.transform(train)) == reference.train_output.map { row in keep.map { row[$0] } })
    #expect(try rows(of: encoder.transform(test)) == reference.test_output.map { row in keep.map { row[$0] } })
}

@Test func handWorkedGroupsMissingValuesAndBooleans() throws {
    let train = try Table(columns: [
        Column(name: "plan", labels: ["b", "c", "a", "b"]),
        Column(name: "senior", values: .boolean([true, false, false, true], trueLabel: "1", falseLabel: "0")),
    ])
    let encoder = try OneHotEncoder().fit(train)
    #expect(encoder.featureNames == ["plan=b", "plan=c", "senior=1"])
    // Score file: "senior" read as numeric 1/0, a missing plan.
    let score = try Table(columns: [
        Column(name: "senior", numeric: [1, 0, .nan]),
        Column(name: "plan", labels: ["c", nil, "a"]),
    ])
    let (m, report) = try encoder.transformWithReport(score)
    #expect(rows(of: m) == [[0, 1, 1], [0, 0, 0], [0, 0, 0]])
    #expect(report.missingValues == [.init(column: "plan", count: 1), .init(column: "senior", count: 1)])
}

@Test func unknownCategoryCanBeAnError() throws {
    let train = try Table(columns: [Column(name: "plan", labels: ["a", "b"])])
    let encoder = try OneHotEncoder(unknownCategories: .error).fit(train)
    let score = try Table(columns: [Column(name: "plan", labels: ["b", "zzz"])])
    #expect(throws: TabularError.unknownCategory(column: "plan", label: "zzz", row: 1, known: ["a", "b"])) {
        try encoder.transform(score)
    }
    #expect(throws: TabularError.self) { try OneHotEncoder().fit(Table(columns: [Column(name: "x", numeric: [1])]), columns: ["x"]) }
}

@Test func fittedOneHotEncoderRoundTripsThroughJSON() throws {
    let (train, _) = try imputedTables(EncoderFixtures.load())
    let encoder = try OneHotEncoder(drop: .none, unknownCategories: .error).fit(train)
    let decoded = try JSONDecoder().decode(FittedOneHotEncoder.self, from: JSONEncoder().encode(encoder))
    #expect(decoded == encoder)
}
