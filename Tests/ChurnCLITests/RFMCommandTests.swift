import Foundation
import Testing
@testable import ChurnCLI

/// `churn rfm` on a hand-worked log (scores by ⌈5 · rank / n⌉, ties sharing their lowest rank as pandas' rank(method="min")) and on CDNOW as published.
@Suite struct RFMCommandTests {
    /// Five customers at the cut-off 2024-03-31: a (two purchases on 03-30 merged, one on 01-10), b,
    /// c (a purchase after the cut-off, ignored), d, e.
    static let log = """
        id,day,spend
        a,2024-03-30,10
        a,2024-03-30,5
        a,20240110,20
        b,2024-03-01,100
        c,2024-01-01,5
        c,2024-02-01,5
        c,2024-03-15,5
        c,2024-04-10,50
        d,2023-12-01,8
        e,2024-02-20,40
        e,2024-03-20,40

        """

    @Test func handWorkedScoresAndSegments() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let log = try write(Self.log, named: "log.csv", in: dir)
        let out = dir.appendingPathComponent("rfm.csv").path
        let text = try RFMCommand.parse([log, "--customer", "id", "--date", "day", "--amount", "spend", "--cutoff", "2024-03-31", "--out", out]).makeOutput()
        #expect(text.contains("5 customers"))
        let rows = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n").map(String.init)
        // recency (days) a 1, b 30, c 16, d 121, e 11; frequency 2, 1, 3, 1, 2; monetary 35, 100, 15, 8, 80.
        // Frequency ranks (lowest of each tie): b, d 1 -> ⌈5 · 1/5⌉ = 1; a, e 3 -> 3; c 5 -> 5.
        #expect(rows == [
            "customer,recency,frequency,monetary,r,f,m,rfm,segment",
            "a,1.0,2,35.0,5,3,3,533,potential loyalists",
            "b,30.0,1,100.0,2,1,5,215,hibernating",
            "c,16.0,3,15.0,3,5,2,352,loyal",
            "d,121.0,1,8.0,1,1,1,111,hibernating",
            "e,11.0,2,80.0,4,3,4,434,potential loyalists",
        ])
        let json = try jsonObject(try RFMCommand.parse([log, "--customer", "id", "--date", "day", "--amount", "spend", "--cutoff", "20240331",
                                                        "--unit", "weeks", "--format", "json"]).makeOutput())
        let segments = try #require(json["segments"] as? [[String: Any]])
        #expect(segments.map { $0["segment"] as? String } == ["loyal", "potential loyalists", "hibernating"])
        #expect(segments.map { $0["customers"] as? Int } == [1, 2, 2])
        let potential = try #require(segments.dropFirst().first)
        #expect(abs((potential["meanRecency"] as? Double ?? 0) - 6.0 / 7) < 1e-12)  // (1 + 11) / 2 days in weeks
        #expect((json["customers"] as? [Any])?.count == 5)
        #expect(throws: (any Error).self) {
            try RFMCommand.parse([log, "--customer", "id", "--date", "day", "--amount", "spend", "--cutoff", "2024-03-31", "--out", out]).makeOutput()
        }
    }

    @Test func whitespaceLogsAreDetectedAndLateCustomersNamed() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        // The CDNOW layout: full id, sample id, date, quantity, dollars.
        let log = try write(" 00004 0001 19970101  2   29.33\r\n 00004 0001 19970118  2   29.73\r\n 00021 0002 19970301  3   63.34\r\n",
                            named: "cdnow-like.txt", in: dir)
        let json = try jsonObject(try RFMCommand.parse([log, "--cutoff", "1997-03-31", "--format", "json"]).makeOutput())
        let customers = try #require(json["customers"] as? [[String: Any]])
        #expect(customers.map { $0["customer"] as? String } == ["0001", "0002"])
        #expect(customers.map { $0["monetary"] as? Double } == [59.06, 63.34])
        #expect { try RFMCommand.parse([log, "--cutoff", "1997-02-01"]).makeOutput() } throws: {
            "\($0)".contains("line 3") && "\($0)".contains("column 3") && "\($0)".contains("customer \"0002\"")
        }
        let kept = try jsonObject(try RFMCommand.parse([log, "--cutoff", "1997-02-01", "--exclude-new-customers", "--format", "json"]).makeOutput())
        #expect(kept["customerCount"] as? Int == 1 && kept["excludedNewCustomers"] as? Int == 1)
        #expect { try RFMCommand.parse([log, "--cutoff", "1997-03-31", "--customer", "id"]).makeOutput() } throws: {
            "\($0)".contains("field position")
        }
    }

    @Test(.enabled(if: cdnowAvailable, "needs ../shared/datasets/CDNOW_sample.txt"))
    func cdnowSegmentsCoverEveryCustomer() throws {
        let json = try jsonObject(try RFMCommand.parse([cdnowPath, "--cutoff", "1997-09-30", "--format", "json"]).makeOutput())
        #expect(json["customerCount"] as? Int == 2357)
        let segments = try #require(json["segments"] as? [[String: Any]])
        #expect(segments.compactMap { $0["customers"] as? Int }.reduce(0, +) == 2357)
        let scores = try #require(json["customers"] as? [[String: Any]])
        #expect(scores.allSatisfy { (1...5).contains($0["r"] as? Int ?? 0) && (1...5).contains($0["m"] as? Int ?? 0) })
        // One-time buyers (1,411 of 2,357 at the 39-week cut-off) share the lowest rank: F = 1.
        let oneTime = scores.filter { $0["frequency"] as? Int == 1 }
        #expect(oneTime.count == 2357 - 946)
        #expect(oneTime.allSatisfy { $0["f"] as? Int == 1 })
    }
}
