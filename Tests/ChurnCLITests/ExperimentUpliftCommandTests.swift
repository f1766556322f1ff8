import Testing
@testable import ChurnCLI

@Suite struct ExperimentUpliftCommandTests {
    @Test func routesTrainAndEvaluate() throws {
        #expect(try ChurnCommand.parseAsRoot(["uplift", "train", "f.csv", "--treatment", "t", "--outcome", "y", "--out", "u.json"])
            is ExperimentUpliftTrainCommand)
        #expect(try ChurnCommand.parseAsRoot(["uplift", "evaluate", "u.json", "f.csv"]) is ExperimentUpliftEvaluateCommand)
        #expect(try ChurnCommand.parseAsRoot(["uplift", "evaluate", "f.csv", "--score-column", "s", "--treatment", "t", "--outcome", "y"])
            is ExperimentUpliftEvaluateCommand)
        #expect(UpliftLearnerChoice.allCases.map(\.rawValue) == ["two-model", "class-transformation"])
    }
}
