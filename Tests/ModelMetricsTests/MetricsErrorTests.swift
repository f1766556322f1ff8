import Testing
@testable import ModelMetrics

/// Validation order: lengths, emptiness, scores, weights.
@Test func invalidInputThrowsTypedErrors() {
    #expect(throws: MetricsError.lengthMismatch(argument: "scores", count: 2, expected: 3)) {
        try rocAUC(labels: [true, false, true], scores: [0.1, 0.2])
    }
    #expect(throws: MetricsError.lengthMismatch(argument: "sampleWeights", count: 1, expected: 2)) {
        try logLoss(labels: [true, false], scores: [0.1, 0.2], sampleWeights: [1])
    }
    #expect(throws: MetricsError.emptyInput) { try brierScore(labels: [], scores: []) }
    #expect(throws: MetricsError.nonFiniteScore(index: 1, value: .infinity)) {
        try LiftTable(labels: [true, false], scores: [0.1, .infinity], groups: 1)
    }
    #expect(throws: MetricsError.negativeWeight(index: 0, value: -1)) {
        try averagePrecision(labels: [true, false], scores: [0.1, 0.2], sampleWeights: [-1, 2])
    }
    #expect(throws: MetricsError.nonFiniteWeight(index: 1, value: .infinity)) {
        try ConfusionMatrix(labels: [true, false], scores: [0.1, 0.2], sampleWeights: [1, .infinity])
    }
    #expect(throws: MetricsError.zeroTotalWeight) {
        try logLoss(labels: [true, false], scores: [0.1, 0.2], sampleWeights: [0, 0])
    }
}

@Test func nanScoreIsReported() {
    #expect {
        try rocAUC(labels: [true, false], scores: [.nan, 0.2])
    } throws: { error in
        (error as? MetricsError)?.description == "scores[0] is nan; scores must be finite"
    }
}

@Test func messagesAreOneLineAndQuoteTheValues() {
    #expect(MetricsError.lengthMismatch(argument: "scores", count: 9, expected: 10).description
        == "scores has 9 values, but labels has 10")
    #expect(MetricsError.singleClass(metric: "average precision", presentClass: false).description
        == "average precision needs both classes, but every label with positive weight is false (retained); add rows labelled true")
    #expect(MetricsError.probabilityOutOfRange(metric: "log loss", index: 3, value: 1.25).description
        == "log loss needs probabilities in [0, 1], but scores[3] is 1.25")
    #expect(MetricsError.negativeWeight(index: 2, value: -0.5).description
        == "sampleWeights[2] is -0.5; weights must be non-negative")
    let all: [MetricsError] = [
        .lengthMismatch(argument: "scores", count: 1, expected: 2), .emptyInput,
        .nonFiniteScore(index: 0, value: .nan), .nonFiniteWeight(index: 0, value: .nan),
        .negativeWeight(index: 0, value: -1), .zeroTotalWeight,
        .singleClass(metric: "AUC", presentClass: true),
        .probabilityOutOfRange(metric: "log loss", index: 0, value: 2), .invalidArgument("bad"),
    ]
    #expect(all.allSatisfy { !$0.description.isEmpty && !$0.description.contains("\n") })
}
