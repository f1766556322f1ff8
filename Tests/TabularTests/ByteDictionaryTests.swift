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

/// Moving labels from one dictionary to another in place (the CSV parts' merge) gives the codes
/// that inserting their bytes gives, with or without a reservation, the empty label included.
@Test func labelsMovedFromAnotherDictionaryGetTheCodesOfTheirBytes() {
    var first = _ByteDictionary(), second = _ByteDictionary()
    for label in ["a", "", "shared-label-over-8-bytes", "b"] { _ = first.code(of: Array(label.utf8)) }
    for label in ["c", "shared-label-over-8-bytes", "", "d-é", "a"] { _ = second.code(of: Array(label.utf8)) }
    var byBytes = first, moved = first, reserved = first
    reserved.reserveCapacity(labels: first.count + second.count, bytes: first.byteCount + second.byteCount)
    for k in 0..<second.count {
        let expected = byBytes.code(of: Array(second.bytes(of: k))).code
        #expect(moved.code(ofLabel: k, in: second) == expected)
        #expect(reserved.code(ofLabel: k, in: second) == expected)
    }
    #expect(moved.labels == ["a", "", "shared-label-over-8-bytes", "b", "c", "d-é"])
    #expect(reserved.labels == moved.labels && byBytes.labels == moved.labels)
}
