import CustomerValue
import Foundation

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
