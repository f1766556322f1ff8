import Foundation
import LinearAlgebra
import Testing
@testable import Tabular

/// References: a scikit-learn pipeline (Fixtures/make_encoder_fixtures.py) and hand-worked cases.
@Test func transformMatchesScikitLearnPipeline() throws {
    let fixtures = try EncoderFixtures.load()
    let encoder = try FeatureEncoder(addMissingIndicators: true).fit(fixtures.trainTable())
    #expect(approximatelyEqual(try rows(of: encoder.transform(fixtures.trainTable())), fixtures.pipeline.train_output))

    // Other column order, an extra column, Partner read as categorical, unseen labels.
    let (matrix, report) = try encoder.transformWithReport(fixtures.testTable())
    #expect(approximatelyEqual(rows(of: matrix), fixtures.pipeline.test_output))
    #expect(report.rowCount == 5)
    #expect(report.unknownCategories.map { "\($0.column)=\($0.label) x\($0.count)" } == [
        "Contract=Three year x1", "Partner=Maybe x1", "PaymentMethod=Crypto x1",
    ])
    #expect(report.missingValues.map(\.column) == ["tenure", "MonthlyCharges", "Const", "Contract", "Partner", "PaymentMethod"])
    let allFinite = matrix.storage.allSatisfy { $0.isFinite }
    #expect(allFinite)
}

@Test func chunkedTransformEqualsWholeTransform() throws {
    let fixtures = try EncoderFixtures.load()
    let encoder = try FeatureEncoder(addMissingIndicators: true).fit(fixtures.trainTable())
    let test = try fixtures.testTable()
    let (whole, wholeReport) = try encoder.transformWithReport(test)

    var target = try Matrix(rows: test.rowCount, columns: encoder.featureCount, repeating: 99)
    var merged = TransformReport()
    merged.merge(try encoder.transform(test.selecting(rows: [0, 1]), into: &target, atRow: 0))
    merged.merge(try encoder.transform(test.selecting(rows: [2, 3, 4]), into: &target, atRow: 2))
    #expect(target == whole)
    // Same counts; entries are in order of first occurrence, which differs between chunkings.
    #expect(merged.rowCount == wholeReport.rowCount)
    #expect(Set(merged.unknownCategories.map { "\($0.column)=\($0.label) x\($0.count)" })
        == Set(wholeReport.unknownCategories.map { "\($0.column)=\($0.label) x\($0.count)" }))
    #expect(Set(merged.missingValues.map { "\($0.column) x\($0.count)" })
        == Set(wholeReport.missingValues.map { "\($0.column) x\($0.count)" }))

    // Reusing one chunk-sized buffer: the second chunk overwrites the first.
    var chunk = try Matrix(rows: 2, columns: encoder.featureCount)
    try encoder.transform(test.selecting(rows: [3, 4]), into: &chunk)
    #expect(rows(of: chunk) == Array(rows(of: whole)[3...4]))

    #expect(throws: TabularError.self) { try encoder.transform(test, into: &chunk) }
    var narrow = try Matrix(rows: 5, columns: 1)
    #expect(throws: TabularError.self) { try encoder.transform(test, into: &narrow) }
}

@Test func requiredColumnsAndUnknownPolicy() throws {
    let fixtures = try EncoderFixtures.load()
    let train = try fixtures.trainTable()
    let encoder = try FeatureEncoder(unknownCategories: .error).fit(train)
    #expect(throws: TabularError.missingColumn(name: "tenure", available: ["Contract"])) {
        try encoder.transform(Table(columns: [train.column(named: "Contract")]))
    }
    #expect(throws: TabularError.unknownCategory(
        column: "Contract", label: "Three year", row: 1, known: ["Month-to-month", "One year", "Two year"])
    ) {
        try encoder.transform(fixtures.testTable())
    }
}

@Test func kindChangesAreReadByLabelText() throws {
    let train = try Table(columns: [
        Column(name: "charges", numeric: [10, 20, 30]),
        Column(name: "senior", values: .boolean([true, false, false], trueLabel: "1", falseLabel: "0")),
        Column(name: "lines", labels: ["1", "2", "3"]),
    ])
    let encoder = try FeatureEncoder(standardize: false).fit(train)
    #expect(encoder.featureNames == ["charges", "senior=1", "lines=2", "lines=3"])
    // Score file: numbers read as text, a 1/0 flag read as numeric, labels read as numbers.
    let score = try Table(columns: [
        Column(name: "charges", labels: [" 15.5", nil]),
        Column(name: "senior", numeric: [1, 0]),
        Column(name: "lines", numeric: [3, 7]),
    ])
    let (m, report) = try encoder.transformWithReport(score)
    #expect(rows(of: m) == [[15.5, 1, 0, 1], [20, 0, 0, 0]])  // missing charges -> median 20
    #expect(report.unknownCategories == [.init(column: "lines", label: "7", count: 1)])

    let bad = try Table(columns: [
        Column(name: "charges", labels: ["abc"]), Column(name: "senior", numeric: [1]), Column(name: "lines", numeric: [3]),
    ])
    #expect(throws: TabularError.self) { try encoder.transform(bad) }
    let yesNo = try Table(columns: [
        Column(name: "charges", values: .boolean([true], trueLabel: "Yes", falseLabel: "No")),
        Column(name: "senior", numeric: [1]), Column(name: "lines", numeric: [3]),
    ])
    #expect(throws: TabularError.self) { try encoder.transform(yesNo) }
}

@Test func nonFiniteValuesNeverReachTheMatrix() throws {
    let train = try Table(columns: [Column(name: "x", numeric: [1, 2, 3])])
    let encoder = try FeatureEncoder().fit(train)
    #expect(throws: TabularError.nonFiniteValue(column: "x", row: 1, value: .infinity)) {
        try encoder.transform(Table(columns: [Column(name: "x", numeric: [1, .infinity])]))
    }
    // (x - 2) / 0.816... overflows for x near the largest double.
    #expect(throws: TabularError.self) {
        try encoder.transform(Table(columns: [Column(name: "x", numeric: [-Double.greatestFiniteMagnitude])]))
    }
}

@Test func fittedEncoderRoundTripsThroughJSON() throws {
    let fixtures = try EncoderFixtures.load()
    let encoder = try FeatureEncoder(addMissingIndicators: true).fit(fixtures.trainTable())
    let decoded = try JSONDecoder().decode(FittedFeatureEncoder.self, from: JSONEncoder().encode(encoder))
    #expect(decoded == encoder)
    #expect(try decoded.transform(fixtures.testTable()) == encoder.transform(fixtures.testTable()))
}

/// Hand-worked: codes index the sorted levels; without imputation missing values and unseen
/// labels are NaN (unseen ones counted); with it, the most frequent label (ties: the smallest,
/// "Month-to-month" = 0), the most frequent flag (Yes = 1) and the median (5) fill them.
@Test func ordinalCodesKeepOrFillMissingValues() throws {
    let table = try treeTable()
    let raw = try FeatureEncoder(standardize: false, categoricalEncoding: .ordinal, imputeMissing: false).fit(table)
    let nan = Double.nan
    #expect(sameValues(try raw.transform(table), [[2, 1, 1], [0, 0, nan], [nan, nan, 30], [1, 1, 5]]))
    let unseen = try Table(columns: [
        Column(name: "tenure", numeric: [12]), Column(name: "Contract", labels: ["Three year"]),
        Column(name: "Partner", values: .boolean([false], trueLabel: "Yes", falseLabel: "No")),
    ])
    let (matrix, report) = try raw.transformWithReport(unseen)
    #expect(sameValues(matrix, [[nan, 0, 12]]))
    #expect(report.unknownCategories.map(\.label) == ["Three year"])

    let filled = try FeatureEncoder(standardize: false, categoricalEncoding: .ordinal).fit(table)
    #expect(sameValues(try filled.transform(table), [[2, 1, 1], [0, 0, 5], [0, 1, 30], [1, 1, 5]]))
    let decoded = try JSONDecoder().decode(FittedFeatureEncoder.self, from: JSONEncoder().encode(filled))
    #expect(decoded == filled)
}

/// True when `m` holds `expected` row by row, NaN matching NaN.
func sameValues(_ m: Matrix, _ expected: [[Double]]) -> Bool {
    let actual = rows(of: m)
    guard actual.count == expected.count else { return false }
    return zip(actual, expected).allSatisfy { a, b in
        a.count == b.count && zip(a, b).allSatisfy { ($0.isNaN && $1.isNaN) || $0 == $1 }
    }
}
