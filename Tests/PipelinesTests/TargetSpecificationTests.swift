import Testing
import Tabular
@testable import Pipelines

@Test func booleanTargetIsPositiveOnItsTrueLabel() throws {
    let table = try Table(columns: [
        Column(name: "churn", values: .boolean([true, false, nil, false], trueLabel: "Yes", falseLabel: "No"))
    ])
    let spec = try TargetSpecification(table: table, column: "churn")
    #expect(spec.positiveLabel == "Yes")
    #expect(spec.negativeLabels == ["No"])
    let (labels, missing) = try spec.labels(in: table)
    #expect(labels == [true, false, false, false])
    #expect(missing == [2])
    let flipped = try TargetSpecification(table: table, column: "churn", positiveLabel: "No")
    #expect(try flipped.labels(in: table).labels == [false, true, false, true])
}

@Test func categoricalTargetsNeedAPositiveLabelUnlessOneReadsAsPositive() throws {
    let two = try Table(columns: [Column(name: "status", labels: ["churned", "active", "active"])])
    #expect(try TargetSpecification(table: two, column: "status").positiveLabel == "churned")
    let three = try Table(columns: [Column(name: "plan", labels: ["gold", "silver", "bronze"])])
    #expect(throws: PipelineError.positiveLabelRequired(column: "plan", labels: ["gold", "silver", "bronze"])) {
        try TargetSpecification(table: three, column: "plan")
    }
    let spec = try TargetSpecification(table: three, column: "plan", positiveLabel: "gold")
    #expect(spec.negativeLabels == ["silver", "bronze"])
    #expect(throws: PipelineError.self) { try TargetSpecification(table: three, column: "plan", positiveLabel: "platinum") }
}

@Test func singleClassAndNumericTargetsAreRejected() throws {
    let single = try Table(columns: [Column(name: "churn", labels: ["Yes", "Yes", nil])])
    #expect(throws: PipelineError.singleClassTarget(column: "churn", label: "Yes")) {
        try TargetSpecification(table: single, column: "churn")
    }
    let numeric = try Table(columns: [Column(name: "spend", numeric: [1.5, 2, 3])])
    #expect(throws: PipelineError.numericTarget(column: "spend")) { try TargetSpecification(table: numeric, column: "spend") }
    #expect(throws: TabularError.self) { try TargetSpecification(table: numeric, column: "churn") }
}
