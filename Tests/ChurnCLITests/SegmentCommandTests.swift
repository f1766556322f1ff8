import Foundation
import Testing
@testable import ChurnCLI

@Test func segmentWritesOneRowPerCustomerAndAReusableModel() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let data = dir.appendingPathComponent("customers.csv").path
    try GenerateCommand.parse(["--rows", "400", "--seed", "3", "--out", data]).run()
    let segments = dir.appendingPathComponent("segments.csv").path
    let model = dir.appendingPathComponent("segments.json").path
    let json = try jsonObject(try SegmentCommand.parse([
        data, "--k-range", "2...4", "--features", "tenure_months,monthly_charges,total_charges", "--target", "churned",
        "--out", segments, "--model-out", model, "--format", "json",
    ]).makeOutput())
    let k = try #require(json["k"] as? Int)
    #expect((2...4).contains(k))
    #expect(json["inertia"] is Double)
    #expect(json["silhouette"] is Double)
    let list = try #require(json["segments"] as? [[String: Any]])
    #expect(list.count == k)
    #expect(list.compactMap { $0["size"] as? Int }.reduce(0, +) == 400)
    #expect(list.allSatisfy { $0["churnRate"] is Double && $0["profile"] is [Any] })
    // Churn rates per segment average back to the overall rate, weighted by size.
    let overall = try #require(json["overallChurnRate"] as? Double)
    let weighted = list.reduce(0.0) { $0 + ($1["churnRate"] as? Double ?? 0) * Double($1["size"] as? Int ?? 0) } / 400
    #expect(abs(weighted - overall) < 1e-12)
    let lines = try String(contentsOfFile: segments, encoding: .utf8).split(separator: "\n")
    #expect(lines.count == 401)
    #expect(lines[0] == "customer_id,segment")
    #expect(FileManager.default.fileExists(atPath: model))
}

@Test func segmentRejectsBadRequestsClearly() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let data = dir.appendingPathComponent("customers.csv").path
    try GenerateCommand.parse(["--rows", "60", "--seed", "4", "--out", data]).run()
    #expect(throws: (any Error).self) { try ChurnCommand.parseAsRoot(["segment", data]) }
    #expect(throws: (any Error).self) { try ChurnCommand.parseAsRoot(["segment", data, "--k", "0"]) }
    #expect(throws: (any Error).self) { try ChurnCommand.parseAsRoot(["segment", data, "--k-range", "5...2"]) }
    #expect {
        try SegmentCommand.parse([data, "--k", "3", "--features", "contract,region"]).makeOutput()
    } throws: { "\($0)".contains("\"contract\" is categorical") }
    let tiny = try write("a,b\n1,2\n1,2\n1,2\n", named: "tiny.csv", in: dir)
    #expect {
        try SegmentCommand.parse([tiny, "--k", "2"]).makeOutput()
    } throws: { "\($0)".contains("distinct") || "\($0)".contains("dropped") }
}

@Test func segmentLeavesNumericIdsOutAndHonoursIgnore() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let data = try writeBankShapedCustomers(rows: 1_000, surnames: 300, seed: 12, in: dir)
    let json = try jsonObject(try SegmentCommand.parse([
        data, "--k", "3", "--ignore", "Balance", "--target", "Exited", "--format", "json",
    ]).makeOutput())
    let features = try #require(json["features"] as? [String])
    #expect(features == ["CreditScore", "Age", "Tenure", "NumOfProducts", "EstimatedSalary"])
    let roles = try #require(json["columnRoles"] as? [String: Any])
    #expect(roles["id"] as? String == "CustomerId")
    #expect(roles["ignored"] as? [String] == ["Balance"])
    #expect(json["restarts"] as? Int == 10)
}

@Test func segmentResolvesChurnedStayedLabelsAsTrainDoes() throws {
    // One rule for positive labels: "Churned" is the churn label in segment as in train.
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    var lines = ["tenure,charges,status"]
    for row in 0..<60 { lines.append("\(row % 30),\(20 + row),\(row % 3 == 0 ? "Churned" : "Stayed")") }
    let data = try write(lines.joined(separator: "\n") + "\n", named: "status.csv", in: dir)
    let json = try jsonObject(try SegmentCommand.parse([data, "--k", "2", "--target", "status", "--format", "json"]).makeOutput())
    #expect(json["positiveLabel"] as? String == "Churned")
    #expect(abs((json["overallChurnRate"] as? Double ?? 0) - 20.0 / 60) < 1e-12)
    let model = dir.appendingPathComponent("m.json").path
    let trained = try jsonObject(try TrainCommand.parse([data, "--target", "status", "--test-fraction", "0", "--out", model, "--format", "json"]).makeOutput())
    #expect(trained["positiveLabel"] as? String == "Churned")
}

/// Issue 13: a long `--k-range` search says how far it is, one line on standard error per k, with
/// the figures that `--format json` reports for that k.
@Test(.enabled(if: FileManager.default.isExecutableFile(atPath: churnExecutable),
               "needs the churn executable beside the test bundle (swift build --build-tests)"))
func kRangeReportsEachKOnStandardError() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    try GenerateCommand.parse(["--rows", "300", "--seed", "5", "--out", dir.appendingPathComponent("c.csv").path]).run()
    let run = try runChurn(["segment", "c.csv", "--k-range", "2...4", "--restarts", "2", "--format", "json"], in: dir, timeout: 120)
    #expect(run.status == 0)
    let progress = run.standardError.split(separator: "\n").filter { $0.hasPrefix("k = ") }
    #expect(progress.map { String($0.prefix(13)) } == ["k = 2 (1 of 3", "k = 3 (2 of 3", "k = 4 (3 of 3"])
    let json = try jsonObject(run.standardOutput)
    let candidates = try #require((json["kSelection"] as? [String: Any])?["candidates"] as? [[String: Any]])
    for (line, candidate) in zip(progress, candidates) {
        let inertia = try #require(candidate["inertia"] as? Double)
        #expect(line.contains("inertia \(formatted(inertia)),"), "\(line)")
    }
}
