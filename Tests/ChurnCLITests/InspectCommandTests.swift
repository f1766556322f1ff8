import Foundation
import Testing
@testable import ChurnCLI

@Test func inspectDescribesTheBundledData() throws {
    let output = try InspectCommand.parse([bundledDatasets + "/telecom-customers.csv", "--target", "churned", "--format", "json"])
        .makeOutput()
    let json = try jsonObject(output)
    #expect(json["rows"] as? Int == 5000)
    let columns = try #require(json["columns"] as? [[String: Any]])
    let byName = Dictionary(uniqueKeysWithValues: columns.map { ($0["name"] as? String ?? "", $0) })
    #expect(byName["tenure_months"]?["kind"] as? String == "numeric")
    #expect(byName["contract"]?["kind"] as? String == "categorical")
    #expect(byName["contract"]?["distinct"] as? Int == 3)
    #expect(byName["senior"]?["kind"] as? String == "boolean")
    // total_charges is blank exactly when tenure is 0 (documented in datasets/README.md).
    let tenureZero = try #require(byName["total_charges"]?["missing"] as? Int)
    #expect(tenureZero > 0)
    let target = try #require(json["target"] as? [String: Any])
    #expect(target["column"] as? String == "churned")
}

@Test(.enabled(if: sharedDataAvailable, "needs ../shared/datasets (Telco and Hillstrom) next to the package"))
func inspectReadsTheSharedFilesAsDocumented() throws {
    let telco = try jsonObject(try InspectCommand.parse(
        [sharedDatasets + "/telco-customer-churn.csv", "--target", "Churn", "--format", "json"]).makeOutput())
    #expect(telco["rows"] as? Int == 7043)
    let columns = try #require(telco["columns"] as? [[String: Any]])
    #expect(columns.count == 21)
    let byName = Dictionary(uniqueKeysWithValues: columns.map { ($0["name"] as? String ?? "", $0) })
    #expect(byName["TotalCharges"]?["kind"] as? String == "numeric")
    #expect(byName["TotalCharges"]?["missing"] as? Int == 11)
    #expect(byName["SeniorCitizen"]?["kind"] as? String == "boolean")
    let rate = try #require((telco["target"] as? [String: Any])?["positiveRate"] as? Double)
    #expect(abs(rate - 1869.0 / 7043) < 1e-12)

    let hillstrom = try jsonObject(try InspectCommand.parse(
        [sharedDatasets + "/hillstrom-email.csv", "--format", "json"]).makeOutput())
    #expect(hillstrom["rows"] as? Int == 64000)
    let segments = try #require((hillstrom["columns"] as? [[String: Any]])?.first { $0["name"] as? String == "history_segment" })
    #expect(segments["distinct"] as? Int == 7)
    let top = (segments["top"] as? [[String: Any]] ?? []).compactMap { $0["label"] as? String }
    #expect(top.count == 5)
    let text = try InspectCommand.parse([sharedDatasets + "/hillstrom-email.csv"]).makeOutput()
    #expect(text.contains("64000 rows, 12 columns"))
}

@Test func malformedFilesGiveOneClearError() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let cases: [(name: String, content: String, mentions: [String])] = [
        ("ragged.csv", "a,b,c\n1,2,3\n4,5\n", ["ragged.csv", "line 3"]),
        ("quote.csv", "a,b\n1,\"open\n2,3\n", ["quote.csv", "line 2", "quote"]),
        ("empty.csv", "", ["empty.csv"]),
        ("header.csv", "a,b,c\n", ["header.csv"]),
    ]
    for item in cases {
        let path = try write(item.content, named: item.name, in: dir)
        let command = try InspectCommand.parse([path])
        #expect {
            try command.makeOutput()
        } throws: { error in
            let message = String(describing: error)
            return !message.contains("\n") && item.mentions.allSatisfy { message.contains($0) }
        }
    }
    let garbage = dir.appendingPathComponent("garbage.csv").path
    try Data([0x61, 0x2C, 0x62, 0x0A, 0xFF, 0xFE, 0x2C, 0x00, 0x0A]).write(to: URL(fileURLWithPath: garbage))
    #expect(throws: (any Error).self) { try InspectCommand.parse([garbage]).makeOutput() }
    #expect(throws: (any Error).self) { try InspectCommand.parse(["/nonexistent/customers.csv"]).makeOutput() }
}

@Test func unknownFlagsAndFormatsAreRejected() {
    #expect(throws: (any Error).self) { try ChurnCommand.parseAsRoot(["inspect", "x.csv", "--colour"]) }
    #expect(throws: (any Error).self) { try ChurnCommand.parseAsRoot(["inspect", "x.csv", "--format", "xml"]) }
    #expect(throws: (any Error).self) { try ChurnCommand.parseAsRoot(["train", "x.csv", "--target", "y", "--out", "m.json", "--test-fraction", "1.5"]) }
}

@Test func theBundledDataRegeneratesByteForByte() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("regenerated.csv").path
    try GenerateCommand.parse(["--rows", "5000", "--seed", "2026", "--out", path]).run()
    #expect(try Data(contentsOf: URL(fileURLWithPath: path))
        == Data(contentsOf: URL(fileURLWithPath: bundledDatasets + "/telecom-customers.csv")))
    #expect(throws: (any Error).self) { try GenerateCommand.parse(["--rows", "10", "--out", path]).run() }
}

@Test func inspectJSONWritesAnInfiniteMeanAsTheStringInf() throws {
    // Two of three cells are inf: too many to be stray cells, so the column stays numeric with an
    // infinite mean, which JSON numbers cannot hold (the command used to fail).
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("inf.csv").path
    try Data("x\ninf\n1\ninf\n".utf8).write(to: URL(fileURLWithPath: path))
    let json = try jsonObject(try InspectCommand.parse([path, "--format", "json"]).makeOutput())
    let column = try #require((json["columns"] as? [[String: Any]])?.first)
    #expect(column["mean"] as? String == "inf" && column["max"] as? String == "inf" && column["min"] as? Double == 1)
}
