import Testing

@testable import LinearModels

@Suite struct LogisticTermTests {
    @Test("descriptions")
    func descriptions() {
        #expect(LogisticTerm.intercept.description == "intercept")
        #expect(LogisticTerm.feature(3).description == "feature 3")
    }
}
