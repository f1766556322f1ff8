import Testing
@testable import Tabular

private func numeric(_ values: [Double], sawNumber: Bool = true) -> _ColumnPiece {
    var piece = _ColumnPiece(mode: .inferNumeric)
    piece.doubles = values
    piece.sawNumber = sawNumber
    piece.zeroOne = values.allSatisfy { $0.isNaN || $0 == 0 || $0 == 1 }
    return piece
}

private func text(_ labels: [String?]) -> _ColumnPiece {
    var piece = _ColumnPiece(mode: .text)
    for label in labels {
        piece.codes.append(label.map { piece.dictionary.code(of: Array($0.utf8)).code } ?? -1)
    }
    return piece
}

@Test func textPiecesMergeLabelsInOrderOfFirstAppearance() {
    var piece = text(["b", nil, "a"])
    piece.append(text(["c", "a", "b"]))
    #expect(piece.dictionary.labels == ["b", "a", "c"])
    #expect(piece.codes == [0, -1, 1, 2, 1, 0])
}

@Test func numericPiecesConcatenateAndTrackZeroOne() {
    var piece = numeric([0, 1])
    piece.append(numeric([.nan, 1]))
    #expect(piece.zeroOne && piece.doubles.count == 4)
    piece.append(numeric([2.5]))
    #expect(!piece.zeroOne && piece.doubles.last == 2.5)
}

@Test func mixingNumbersAndTextFollowsTheRules() {
    // Only missing values so far, then text: becomes text, earlier rows missing.
    var allMissing = numeric([.nan, .nan], sawNumber: false)
    allMissing.append(text(["x"]))
    #expect(allMissing.mode == .text && allMissing.codes == [-1, -1, 0])
    // Numbers, then text: demoted (the reader re-reads the column).
    var numbers = numeric([1])
    numbers.append(text(["x"]))
    #expect(numbers.demoted && numbers.mode == .skip)
    // Text, then a numeric piece with no number: missing rows appended.
    var labels = text(["x"])
    labels.append(numeric([.nan], sawNumber: false))
    #expect(labels.codes == [0, -1])
    // Text, then numbers: demoted.
    var late = text(["x"])
    late.append(numeric([3]))
    #expect(late.demoted)
}

@Test func takingRowsRecodesThemAndLeavesThePieceAlone() {
    let piece = text(["a", "b", "c", "b", nil, "d"])
    let head = piece.rows(0..<3, seedLevels: ["z"])
    #expect(head.dictionary.labels == ["z", "a", "b", "c"] && head.codes == [1, 2, 3])
    let tail = piece.rows(3..<6, seedLevels: ["z"])
    #expect(tail.dictionary.labels == ["z", "b", "d"] && tail.codes == [1, -1, 2])
    #expect(piece.codes == [0, 1, 2, 1, -1, 3])
    let numbers = numeric([1, 2, 3])
    #expect(numbers.rows(0..<2, seedLevels: []).doubles == [1, 2] && numbers.rows(2..<3, seedLevels: []).doubles == [3])
}
