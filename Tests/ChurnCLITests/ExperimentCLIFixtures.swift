import ChurnKit
@testable import ChurnCLI
import Foundation

/// A fresh temporary directory for one test.
func makeTemporaryDirectory() throws -> String {
    let path = NSTemporaryDirectory() + "churn-cli-exp-\(UInt64.random(in: 0...UInt64.max))"
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

/// Writes a small simulated portfolio (2,000 policyholders, seed 1) with scores to `directory`/portfolio.csv.
func writeSmallPortfolio(in directory: String) throws -> String {
    let path = directory + "/portfolio.csv"
    _ = try ExperimentSimulateCommand.parse(["--customers", "2000", "--seed", "1", "--out", path]).makeOutput()
    return path
}
