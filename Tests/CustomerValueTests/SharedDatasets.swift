import _TestSupport
import CustomerValue
import Foundation
import Testing

/// The package root, found from this file's path (Tests/CustomerValueTests/SharedDatasets.swift).
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// ../shared/datasets/CDNOW_sample.txt relative to the package root.
let cdnowPath = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/datasets/CDNOW_sample.txt").path

/// Whether the CDNOW sample is present; tests that need it are disabled (with this reason) otherwise.
let cdnowAvailable = FileManager.default.fileExists(atPath: cdnowPath)

/// The CDNOW customer table of the paper: calibration to 1997-09-30, hold-out to 1998-06-30, weeks.
func cdnowSummary() throws -> CustomerSummary {
    let log = try TransactionLog(contentsOf: cdnowPath, layout: .cdnow)
    return try CustomerSummary(
        log: log, calibrationEnd: CalendarDay(year: 1997, month: 9, day: 30)!, holdoutEnd: CalendarDay(year: 1998, month: 6, day: 30)!,
        unit: .weeks)
}

/// Writes `text` to a fresh temporary file and returns its path.
func temporaryFile(_ text: String, suffix: String = ".csv") throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("cv-\(UUID().uuidString)\(suffix)").path
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
}

/// Expects an analytic gradient and Hessian (row-major) of `f` at `point` to equal 5-point central
/// differences (error O(h⁴)) of `f` and of the analytic gradient, to 1e-6 relative (absolute below 1).
func expectDerivativesMatchDifferences(
    _ f: ([Double]) -> Double, _ derivatives: ([Double]) -> (gradient: [Double], hessian: [Double]), at point: [Double],
    sourceLocation: SourceLocation = #_sourceLocation
) {
    let (gradient, hessian) = derivatives(point)
    let p = point.count
    func difference(_ g: ([Double]) -> Double, along i: Int) -> Double {
        let h = 1e-3 * point[i]
        func at(_ k: Double) -> Double {
            var y = point
            y[i] += k * h
            return g(y)
        }
        return (at(-2) - 8 * at(-1) + 8 * at(1) - at(2)) / (12 * h)
    }
    for i in 0..<p {
        let numeric = difference(f, along: i)
        #expect(isClose(gradient[i], numeric, tolerance: 1e-6), "gradient \(i): \(gradient[i]) vs \(numeric)", sourceLocation: sourceLocation)
        for j in 0..<p {
            let numericHessian = difference({ derivatives($0).gradient[j] }, along: i)
            #expect(isClose(hessian[i * p + j], numericHessian, tolerance: 1e-6),
                    "Hessian (\(i), \(j)): \(hessian[i * p + j]) vs \(numericHessian)", sourceLocation: sourceLocation)
        }
    }
}
