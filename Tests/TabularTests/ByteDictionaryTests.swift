import Testing
@testable import Tabular

@Test func codesFollowFirstInsertionAndSurviveGrowth() {
    var dictionary = _ByteDictionary()
    var reference: [String: Int32] = [:]
    var rng = SeededRandom(seed: 5)
    for _ in 0..<20_000 {
        let label = "L\(rng.nextIndex(below: 3000))" + (rng.nextIndex(below: 2) == 0 ? "" : "-long-suffix-to-pass-eight-bytes")
        let (code, inserted) = dictionary.code(of: Array(label.utf8))
        if let known = reference[label] {
            #expect(code == known && !inserted)
        } else {
            #expect(code == Int32(reference.count) && inserted)
            reference[label] = code
        }
    }
    #expect(dictionary.count == reference.count)
    for (label, code) in reference { #expect(dictionary.label(Int(code)) == label) }
}

@Test func emptyAndUnicodeLabelsAreDistinct() {
    var dictionary = _ByteDictionary()
    #expect(dictionary.code(of: []).code == 0)
    #expect(dictionary.code(of: Array("é".utf8)).code == 1)
    #expect(dictionary.code(of: Array("e".utf8)).code == 2)
    #expect(dictionary.code(of: []).code == 0)
    #expect(dictionary.labels == ["", "é", "e"])
}
