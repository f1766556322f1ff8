import ChurnKit
import Foundation
import Testing
@testable import ChurnCLI

@Suite struct SegmentAssignCommandTests {
    @Test func assignedSegmentsEqualTheTrainingLabelsAndTheLibrarysPrediction() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let data = bundledDatasets + "/telecom-customers.csv"
        let model = dir.appendingPathComponent("segments.json").path
        let trained = dir.appendingPathComponent("trained.csv").path, assigned = dir.appendingPathComponent("assigned.csv").path
        _ = try SegmentCommand.parse([data, "--k", "4", "--features", "tenure_months,monthly_charges", "--out", trained, "--model-out", model])
            .makeOutput()
        #expect(try ChurnCommand.parseAsRoot(["segment", "assign", model, data, "--out", assigned]) is SegmentAssignCommand)
        let text = try SegmentAssignCommand.parse([model, data, "--out", assigned]).makeOutput()
        #expect(text.contains("assigned 5000 customers"))
        let kinds = CSVReadOptions(columnKinds: ["customer_id": .categorical])
        let a = try Table(csvAt: trained, options: kinds), b = try Table(csvAt: assigned, options: kinds)
        #expect(a.columnNames == b.columnNames)
        #expect(try ExperimentColumns.numbers(a, "segment", file: trained) == ExperimentColumns.numbers(b, "segment", file: assigned))
        let pipeline = try FittedPipeline.load(from: model)
        let library = try pipeline.segments(for: try Table(csvAt: data)).map(Double.init)
        #expect(try ExperimentColumns.numbers(b, "segment", file: assigned) == library)
        #expect(throws: (any Error).self) { try SegmentAssignCommand.parse([model, data, "--out", data]).makeOutput() }
        #expect(throws: (any Error).self) { try SegmentAssignCommand.parse([model, data, "--out", assigned, "--id", "nope", "--force"]).makeOutput() }
    }
}
