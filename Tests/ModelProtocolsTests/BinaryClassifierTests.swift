import LinearAlgebra
import ModelProtocols
import Testing

/// A classifier that scores the first column as the probability, with no margin of its own.
private struct FirstColumn: BinaryClassifier, PersistableModel {
    static let kind: ModelKind = "first-column"
    let featureCount: Int
    func predictProbabilities(_ x: Matrix) throws -> [Double] { (0..<x.rows).map { x[$0, 0] } }
}

@Test func aClassifierWithoutAMarginCalibratesOnItsProbabilities() throws {
    let x = try Matrix(rows: 3, columns: 1, values: [0.25, 0.5, 0.75])
    let model = FirstColumn(featureCount: 1)
    #expect(try model.decisionFunction(x) == [0.25, 0.5, 0.75])
    #expect(model.kind == "first-column")
}

@Test func modelsCompareEqualOnlyWithinTheirType() {
    struct Other: PersistableModel { static let kind: ModelKind = "other" }
    let model = FirstColumn(featureCount: 2)
    #expect(model.isEqual(to: FirstColumn(featureCount: 2)))
    #expect(!model.isEqual(to: FirstColumn(featureCount: 3)))
    #expect(!model.isEqual(to: Other()))
}
