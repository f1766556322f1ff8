import Foundation
import Testing
import Tabular
@testable import Pipelines

@Suite struct TrainingProvenanceTests {
    @Test func aFileFingerprintIsItsSHA256AndRowCount() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("fingerprint-\(UUID()).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data("abc".utf8).write(to: URL(fileURLWithPath: path))
        let fingerprint = try DataFingerprint(fileAt: path, rows: 3)
        // FIPS 180-4's example "abc".
        #expect(fingerprint.sha256 == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(fingerprint.rows == 3)
        #expect(throws: CSVError.self) { try DataFingerprint(fileAt: "/nonexistent/x.csv", rows: 0) }
    }

    @Test func theDescriptionSaysWhichRowsWereFitted() {
        let all = TrainingProvenance(fittedOn: .allLabelledRows, fittedRows: 7043, labelledRows: 7043, file: nil)
        #expect(all.description == "all 7043 labelled rows")
        let part = TrainingProvenance(fittedOn: .trainingSplit, fittedRows: 5634, labelledRows: 7043, file: nil)
        #expect(part.description == "the 5634 training rows of the hold-out split (of 7043 labelled rows)")
        let file = DataFingerprint(sha256: "00", rows: 7043)
        #expect(part.withFile(file).file == file)
    }
}
