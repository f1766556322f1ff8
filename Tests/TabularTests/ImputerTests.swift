import Foundation
import Testing
@testable import Tabular

/// References: scikit-learn SimpleImputer (Fixtures/make_encoder_fixtures.py) and hand-worked cases.
@Test(arguments: [NumericImputation.median, .mean])
func numericImputationMatchesScikitLearn(strategy: NumericImputation) throws {
    let fixtures = try EncoderFixtures.load()
    let reference = strategy == .median ? fixtures.imputer.numeric_median : fixtures.imputer.numeric_mean
    let names = EncoderFixtures.numericNames
    let imputer = try Imputer(numericStrategy: strategy, addIndicator: true)
        .fit(fixtures.trainTable(), columns: names + ["Empty"])

    #expect(imputer.emptyColumns == ["Empty"])
    let fills = imputer.columns.map { if case .number(let x) = $0.fill { x } else { Double.nan } }
    #expect(approximatelyEqual([fills], [reference.statistics]))  // numpy sums pairwise: last-bit differences
    #expect(imputer.indicatorNames == reference.indicator_features.map { "\(names[$0]) (missing)" })

    let (filled, report) = try imputer.transformWithReport(fixtures.testTable())
    var got: [[Double]] = []
    for row in 0..<filled.rowCount {
        var values: [Double] = []
        for name in names + imputer.indicatorNames {
            guard case .numeric(let v) = try filled.column(named: name).values else { Issue.record("not numeric"); return }
            values.append(v[row])
        }
        got.append(values)
    }
    #expect(approximatelyEqual(got, reference.test_output))
    #expect(report.missingValues.map(\.column) == ["tenure", "MonthlyCharges", "Const"])
    #expect(report.missingValues.allSatisfy { $0.count == 1 })
}

@Test func mostFrequentImputationMatchesScikitLearnWithSortedTieBreak() throws {
    let fixtures = try EncoderFixtures.load()
    let reference = fixtures.imputer.labelled_most_frequent
    let names = EncoderFixtures.labelledNames
    let imputer = try Imputer(addIndicator: true).fit(fixtures.trainTable(), columns: names)

    // Partner is boolean: "No" is its false label. PaymentMethod has a three-way tie: "Bank" wins.
    #expect(imputer.columns.map(\.fillText) == reference.statistics)
    #expect(imputer.columns[1].fill == .flag(false))
    #expect(imputer.indicatorNames == reference.indicator_features.map { "\(names[$0]) (missing)" })

    // The score table reads Partner as categorical; labels are matched as text.
    let filled = try imputer.transform(fixtures.testTable())
    for (row, expected) in reference.test_output.enumerated() {
        let labels = try names.map { try filled.column(named: $0).text(at: row) ?? "<missing>" }
        #expect(labels == Array(expected.prefix(3)))
        let flags = try imputer.indicatorNames.map { try filled.column(named: $0).text(at: row) }
        #expect(flags == expected.suffix(3).map { $0 == "True" ? "1" : "0" })
    }
    // Columns keep their positions; the extra column passes through; indicators come last.
    let original = try fixtures.testTable().columnNames
    #expect(filled.columnNames.prefix(6) == original.prefix(6))
}

@Test func handWorkedMediansAndTies() throws {
    let table = try Table(columns: [
        Column(name: "even", numeric: [4, .nan, 1, 3, 100]),  // median of 1, 3, 4, 100 = 3.5
        Column(name: "flag", values: .boolean([true, false, nil, true, false], trueLabel: "Yes", falseLabel: "No")),
        Column(name: "tie", labels: ["b", "a", "b", "a", nil]),
    ])
    let fitted = try Imputer().fit(table)
    #expect(fitted.columns.map(\.fill) == [.number(3.5), .flag(false), .label("a")])
    #expect(fitted.indicatorNames.isEmpty)
    let filled = try fitted.transform(table)
    #expect(filled.columns[0] == Column(name: "even", numeric: [4, 3.5, 1, 3, 100]))
    #expect(filled.columns[1].text(at: 2) == "No")  // 2 "Yes", 2 "No": "No" sorts first
    #expect(filled.columns[2].text(at: 4) == "a")
    #expect(filled.columns.allSatisfy { $0.missingCount == 0 })
}

@Test func imputerErrorsAreTyped() throws {
    let table = try Table(columns: [Column(name: "x", numeric: [1, .infinity])])
    #expect(throws: TabularError.nonFiniteValue(column: "x", row: 1, value: .infinity)) {
        try Imputer().fit(table)
    }
    #expect(throws: TabularError.missingColumn(name: "y", available: ["x"])) {
        try Imputer().fit(table, columns: ["y"])
    }
    let fitted = try Imputer().fit(Table(columns: [Column(name: "x", numeric: [1, 2])]))
    let text = try Table(columns: [Column(name: "x", labels: ["3", "n/a"])])
    #expect(throws: TabularError.self) { try fitted.transform(text) }
}

@Test func fittedImputerRoundTripsThroughJSON() throws {
    let fixtures = try EncoderFixtures.load()
    let fitted = try Imputer(numericStrategy: .mean, addIndicator: true).fit(fixtures.trainTable())
    let decoded = try JSONDecoder().decode(FittedImputer.self, from: JSONEncoder().encode(fitted))
    #expect(decoded == fitted)
}
