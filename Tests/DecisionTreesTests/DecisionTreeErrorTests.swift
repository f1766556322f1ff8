import Testing
@testable import DecisionTrees

@Test func errorMessagesAreOneLineAndSayWhatAndWhere() {
    let errors: [(DecisionTreeError, String)] = [
        (.invalidParameter(name: "maxDepth", value: "0", requirement: "must be at least 1 (or nil for no limit)"),
         "maxDepth is 0, but it must be at least 1 (or nil for no limit)"),
        (.singleClass(label: 0, rows: 12), "the target has a single class (0) in its 12 rows; a tree needs at least two classes"),
        (.invalidLabel(row: 3, label: 5, classCount: 2), "row 3: class label 5 is not in 0..<2"),
        (.nonFiniteValue(feature: "tenure", row: 7, value: .infinity),
         "feature \"tenure\", row 7: inf is not finite (use NaN for a missing value)"),
        (.invalidCategoryCode(feature: "Contract", row: 2, value: 3.5, levelCount: 3),
         "feature \"Contract\", row 2: 3.5 is not a level code 0..<3 or NaN"),
        (.invalidSampleWeight(row: 1, value: -2), "sample weight of row 1 is -2.0, but weights must be finite and >= 0"),
        (.notBinary(classCount: 3), "the model has 3 classes; the probability of a positive class needs exactly 2"),
    ]
    for (error, message) in errors {
        #expect(error.description == message)
        #expect(!error.description.contains("\n"))
    }
}
