import Foundation
import LinearAlgebra
import Testing
@testable import Tabular

/// References: a scikit-learn pipeline (SimpleImputer -> StandardScaler / OneHotEncoder(drop="first"),
/// missing-only indicators; Fixtures/make_encoder_fixtures.py) and hand-worked cases.
@Test func fitMatchesScikitLearnPipeline() throws {
    let fixtures = try EncoderFixtures.load()
    let reference = fixtures.pipeline
    let encoder = try FeatureEncoder(addMissingIndicators: true).fit(fixtures.trainTable())

    #expect(encoder.featureNames == reference.feature_names)
    #expect(encoder.featureCount == reference.feature_names.count)
    #expect(encoder.requiredColumns == ["tenure", "MonthlyCharges", "Const", "Contract", "Partner", "PaymentMethod"])
    let numeric = encoder.features.filter { $0.kind == .numeric }
    #expect(approximatelyEqual([numeric.map(\.center)], [Array(reference.means.prefix(2))]))
    #expect(approximatelyEqual([numeric.map(\.scale)], [Array(reference.scales.prefix(2))]))
    #expect(encoder.issues == [
        FeatureIssue(column: "Const", reason: .constant, detail: "every value is 3", dropped: true),
        FeatureIssue(column: "Empty", reason: .allMissing, detail: "every value is missing", dropped: true),
    ])
    #expect(encoder.droppedFeatures.map(\.description) == [
        "column \"Const\" dropped: every value is 3", "column \"Empty\" dropped: every value is missing",
    ])
    let partner = try #require(encoder.features.first { $0.sourceColumn == "Partner" })
    #expect(partner.kind == .boolean && partner.level == "Yes" && partner.name == "Partner=Yes")
    #expect(encoder.features.last?.kind == .missingIndicator)
}

@Test func defaultsDropReferenceLevelsAndAddNoIndicators() throws {
    let fixtures = try EncoderFixtures.load()
    let encoder = try FeatureEncoder().fit(fixtures.trainTable(), excluding: ["MonthlyCharges"])
    #expect(encoder.featureNames == [
        "tenure", "Contract=One year", "Contract=Two year", "Partner=Yes",
        "PaymentMethod=Electronic check", "PaymentMethod=Mailed check",
    ])
    // Const has no indicator now, so it is left out entirely.
    #expect(!encoder.requiredColumns.contains("Const"))
}

@Test func constantColumnsCanBeKeptWithAWarning() throws {
    let table = try Table(columns: [
        Column(name: "x", numeric: [2, 2, 2]),
        Column(name: "only", labels: ["DSL", "DSL", nil]),
        Column(name: "yes", values: .boolean([true, true, true], trueLabel: "Yes", falseLabel: "No")),
        Column(name: "z", numeric: [1, 2, 3]),
    ])
    let kept = try FeatureEncoder(drop: .none, dropConstantColumns: false).fit(table)
    #expect(kept.featureNames == ["x", "only=DSL", "yes=Yes", "z"])
    #expect(kept.issues.map(\.description) == [
        "column \"x\" kept: every value is 2", "column \"only\" kept: only the level \"DSL\" occurs",
        "column \"yes\" kept: every value is \"Yes\"",
    ])
    // A constant numeric column standardizes to 0 (scale 1), never NaN.
    #expect(try rows(of: kept.transform(table)).map { $0[0] } == [0, 0, 0])

    let dropped = try FeatureEncoder().fit(table)
    #expect(dropped.featureNames == ["z"])
    #expect(dropped.droppedFeatures.map(\.column) == ["x", "only", "yes"])
}

@Test func aColumnWithAnOverlongLabelIsDroppedWithAWarning() throws {
    // Issue 13: a 20 MB label made reports take a minute and the model file 88 MB.
    let long = String(repeating: "X", count: FeatureEncoder.maximumLabelBytes + 1)
    let table = try Table(columns: [
        Column(name: "region", labels: ["North", long, "South"]),
        Column(name: "z", numeric: [1, 2, 3]),
    ])
    let fitted = try FeatureEncoder().fit(table)
    #expect(fitted.featureNames == ["z"])
    #expect(fitted.issues.map(\.description) == [
        "column \"region\" dropped: a category label is 1025 bytes long (it starts \"XXXXXXXXXXXXXXXXXXXX...\"); labels are limited to 1024 bytes",
    ])
    #expect(fitted.issues.map(\.reason) == [.labelTooLong])
    let atLimit = String(repeating: "X", count: FeatureEncoder.maximumLabelBytes)
    let kept = try FeatureEncoder(drop: .none).fit(try Table(columns: [Column(name: "region", labels: ["North", atLimit])]))
    #expect(kept.featureNames == ["region=North", "region=\(atLimit)"])
}

@Test func fitRejectsBadArguments() throws {
    let table = try Table(columns: [
        Column(name: "a", numeric: [1, 2]),
        Column(name: "a (missing)", numeric: [3, 4]),
        Column(name: "b", numeric: [1, .nan]),
    ])
    #expect(throws: TabularError.invalidArgument("column \"a\" is listed twice among the features")) {
        try FeatureEncoder().fit(table, columns: ["a", "a"])
    }
    #expect(throws: TabularError.missingColumn(name: "q", available: ["a", "a (missing)", "b"])) {
        try FeatureEncoder().fit(table, columns: ["q"])
    }
    #expect(throws: TabularError.self) { try FeatureEncoder().fit(table.selecting(rows: [])) }
    let clash = try Table(columns: [Column(name: "a", numeric: [1, .nan]), Column(name: "a (missing)", numeric: [3, 4])])
    #expect(throws: TabularError.self) { try FeatureEncoder(addMissingIndicators: true).fit(clash) }
    let infinite = try Table(columns: [Column(name: "a", numeric: [1, .infinity])])
    #expect(throws: TabularError.nonFiniteValue(column: "a", row: 1, value: .infinity)) {
        try FeatureEncoder().fit(infinite)
    }
}

@Test func configurationRoundTripsThroughJSON() throws {
    let config = FeatureEncoder(
        numericImputation: .mean, addMissingIndicators: true, standardize: false, drop: .none,
        unknownCategories: .error, dropConstantColumns: false)
    let decoded = try JSONDecoder().decode(FeatureEncoder.self, from: JSONEncoder().encode(config))
    #expect(decoded == config)
}

/// Hand-worked: ordinal features keep the sorted labels (a boolean's [false, true] labels) as their
/// levels; `drop` does not apply to them.
@Test func ordinalEncodingKeepsSortedLevels() throws {
    let encoder = try FeatureEncoder(standardize: false, categoricalEncoding: .ordinal, imputeMissing: false)
        .fit(treeTable())
    #expect(encoder.featureNames == ["Contract", "Partner", "tenure"])
    #expect(encoder.features.map(\.kind) == [.ordinal, .ordinal, .numeric])
    #expect(encoder.features.map(\.levels) == [["Month-to-month", "One year", "Two year"], ["No", "Yes"], nil])
    #expect(encoder.columns.map(\.valueWidth) == [1, 1, 1])
}

/// Settings and plans written before the ordinal and imputeMissing options decode with the defaults.
@Test func settingsWithoutTheTreeOptionsDecodeWithDefaults() throws {
    let old = #"{"numericImputation":"mean","addMissingIndicators":true,"standardize":false,"drop":"none","unknownCategories":"error","dropConstantColumns":false}"#
    let decoded = try JSONDecoder().decode(FeatureEncoder.self, from: Data(old.utf8))
    #expect(decoded == FeatureEncoder(
        numericImputation: .mean, addMissingIndicators: true, standardize: false, drop: .none,
        unknownCategories: .error, dropConstantColumns: false))
    #expect(decoded.categoricalEncoding == .oneHot && decoded.imputeMissing)
}

/// A contract/partner/tenure table with a missing value in each column.
func treeTable() throws -> Table {
    try Table(columns: [
        Column(name: "Contract", labels: ["Two year", "Month-to-month", nil, "One year"]),
        Column(name: "Partner", values: .boolean([true, false, nil, true], trueLabel: "Yes", falseLabel: "No")),
        Column(name: "tenure", numeric: [1, .nan, 30, 5]),
    ])
}
