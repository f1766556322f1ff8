import Testing

@testable import LinearModels

@Suite struct LogisticTermTests {
    @Test("descriptions")
    func descriptions() {
        #expect(LogisticTerm.intercept.description == "intercept")
        #expect(LogisticTerm.feature(3).description == "feature 3")
    }

    @Test("names for messages and tables")
    func names() {
        #expect(LogisticTerm.intercept.name(featureNames: ["a"]) == "(intercept)")
        #expect(LogisticTerm.feature(0).name(featureNames: ["a"]) == "a")
        #expect(LogisticTerm.feature(1).name(featureNames: ["a"]) == "feature 1")
    }
}
