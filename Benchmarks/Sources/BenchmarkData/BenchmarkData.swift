// Seeded synthetic inputs shared by the benchmark suites and the instruction counts: the same seed
// gives the same values on every machine.
import ChurnKit
import Foundation

/// Seeded synthetic inputs of the benchmarks.
public enum BenchmarkData {
    /// Writes (once, into the temporary folder) a CSV of `rows` x 33 numbers like the comparison's
    /// file: 5 integer columns, 14 columns with 6 significant digits, 14 with 12, and 1% empty
    /// fields (seed 33); returns its path.
    /// - Throws: an I/O error when the file cannot be written.
    public static func numericCSV(rows: Int) throws -> String {
        let path = NSTemporaryDirectory() + "churnkit-bench-numeric-n\(rows)-d33.csv"
        if FileManager.default.fileExists(atPath: path) { return path }
        var rng = SeededRandom(seed: 33)
        var text = (0..<33).map { "x\($0)" }.joined(separator: ",") + "\n"
        for _ in 0..<rows {
            var fields: [String] = []
            for j in 0..<33 {
                if rng.nextIndex(below: 100) == 0 {
                    fields.append("")
                } else if j < 5 {
                    fields.append(String(rng.nextIndex(below: 60)))
                } else if j < 19 {
                    fields.append(String(format: "%.6g", rng.nextGaussian() * 100))
                } else {
                    fields.append(String(format: "%.12g", rng.nextUnitDouble() * 2000 - 1000))
                }
            }
            text += fields.joined(separator: ",") + "\n"
        }
        try AtomicFile.write(Array(text.utf8), to: path)
        return path
    }

    /// `rows` x `columns` seeded features (normal, uniform, integer 0-71 and binary columns in turn)
    /// and churn labels drawn from a nonlinear model with thresholds and an interaction (and, with
    /// `secondInteraction`, a product of the fifth and ninth columns; needs `columns` >= 9).
    /// - Throws: a shape error for fewer than 6 columns (9 with `secondInteraction`).
    public static func churnLike(rows n: Int, columns d: Int, seed: UInt64,
                                 secondInteraction: Bool = false) throws -> (x: Matrix, y: [Bool]) {
        guard d >= (secondInteraction ? 9 : 6) else { throw LinearAlgebraError.invalidShape("churnLike needs at least \(secondInteraction ? 9 : 6) columns, not \(d)") }
        var random = SeededRandom(seed: seed)
        var values = [Double](repeating: 0, count: n * d)
        var labels = [Bool](repeating: false, count: n)
        for i in 0..<n {
            for j in 0..<d {
                switch j % 4 {
                case 0: values[i * d + j] = random.nextGaussian()
                case 1: values[i * d + j] = random.nextUnitDouble() * 100
                case 2: values[i * d + j] = Double(random.nextIndex(below: 72))
                default: values[i * d + j] = Double(random.nextIndex(below: 2))
                }
            }
            var logit = -1 + 0.8 * values[i * d] - 0.02 * values[i * d + 1] + (values[i * d + 2] < 6 ? 0.8 : 0)
                + 0.6 * values[i * d + 3] * (values[i * d + 5] > 70 ? 1 : 0)
            if secondInteraction { logit += 0.4 * values[i * d + 4] * values[i * d + 8] }
            labels[i] = random.nextUnitDouble() < 1 / (1 + exp(-logit))
        }
        return (try Matrix(rows: n, columns: d, values: values), labels)
    }
}
