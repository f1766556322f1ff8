import Testing
@testable import Survival

@Suite struct CovariateDesignTests {
    @Test func numericBooleanAndCategoricalColumns() throws {
        let t = try table("x,flag,plan\n1.5,Yes,basic\n2,No,pro\n3,Yes,max\n")
        let design = try CovariateDesign(table: t, columns: ["x", "flag", "plan"], file: "f.csv")
        #expect(design.names == ["x", "flag", "plan=pro", "plan=max"])
        #expect(design.referenceLevels == ["plan": "basic"])
        #expect(design.matrix.storage == [1.5, 1, 0, 0, 2, 0, 1, 0, 3, 1, 0, 1])
    }

    @Test func missingValuesAndSingleLevelsAreErrors() throws {
        #expect(throws: SurvivalError.invalidCovariate(file: "f.csv", line: 3, column: "x", value: "")) {
            try CovariateDesign(table: try table("x,y\n1,a\n,b\n"), columns: ["x"], file: "f.csv")
        }
        #expect(throws: SurvivalError.self) {
            try CovariateDesign(table: try table("x,y\n1,a\n2,a\n"), columns: ["y"], file: "f.csv")
        }
        #expect(throws: SurvivalError.self) { try CovariateDesign(table: try table("x\n1\n"), columns: ["z"], file: "f.csv") }
    }
}
