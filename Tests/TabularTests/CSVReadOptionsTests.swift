import Testing
@testable import Tabular

@Test func badOptionsAreRejected() {
    #expect(csvError { try CSVReadOptions(delimiter: 0x22).validate() } != nil)
    #expect(csvError { try CSVReadOptions(delimiter: 0x0A).validate() } != nil)
    #expect(csvError { try CSVReadOptions(delimiter: 0x20).validate() } != nil)
    #expect(csvError { try CSVReadOptions(delimiter: 0x20, blankIsMissing: false).validate() } == nil)
    #expect(csvError { try CSVReadOptions(blockSize: 10).validate() } == .invalidOptions("blockSize must be at least 1024 bytes, not 10"))
    #expect(csvError { try CSVReadOptions(threadCount: 0).validate() } == .invalidOptions("threadCount must be at least 1, not 0"))
    #expect(CSVReadOptions.defaultThreadCount >= 1)
}

private func isMissing(_ text: String, _ options: CSVReadOptions = CSVReadOptions()) -> Bool {
    let bytes = Array(text.utf8) + [0]
    return bytes.withUnsafeBufferPointer { _MissingMatcher(options).isMissing($0.baseAddress!, length: text.utf8.count) }
}

@Test func missingMarkersAreMatchedAfterTrimming() {
    for text in ["", " ", "\t ", "NA", " NA ", "N/A", "NaN", "null", "NULL", "None"] { #expect(isMissing(text), "\(text)") }
    for text in ["na", "Nan", "0", "-", "NONE", "NA1"] { #expect(!isMissing(text), "\(text)") }
    let custom = CSVReadOptions(blankIsMissing: false, missingMarkers: ["?"])
    #expect(isMissing("?", custom) && isMissing(" ? ", custom))
    #expect(!isMissing("", custom) && !isMissing("NA", custom))
}
