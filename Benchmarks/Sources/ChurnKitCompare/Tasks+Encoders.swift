import ChurnKit
import Foundation

/// Comparison tasks of the feature encoders, by name (see compare/tasks_encoders.py).
let encoderTasks: [String: CompareTask] = [
    "encoders.fitTransform": { arguments in
        guard arguments.count == 3, let n = Int(arguments[0]) else {
            throw CompareUsageError(description: "encoders.fitTransform N NUMBERS.bin CODES.bin")
        }
        let numbers = try readRaw(arguments[1], as: Double.self, count: 3 * n)
        let codes = try readRaw(arguments[2], as: Int32.self, count: 3 * n)
        let levelCounts = [3, 4, 10]
        let numeric: [Column] = (0..<3).map { Column(name: "x\($0)", numeric: Array(numbers[($0 * n)..<(($0 + 1) * n)])) }
        // The labels as strings (nil = missing), as the Python side hands them to scikit-learn.
        let labels: [[String?]] = (0..<3).map { j in
            let names = (0..<levelCounts[j]).map { "L\($0)" }
            return codes[(j * n)..<((j + 1) * n)].map { $0 < 0 ? nil : names[Int($0)] }
        }
        // Timed: the label columns from strings (dictionary encoding), then fit + transform.
        let (matrix, seconds) = try timed { () throws -> Matrix in
            let table = try Table(columns: numeric + labels.enumerated().map { Column(name: "c\($0.offset)", labels: $0.element) })
            return try FeatureEncoder().fit(table).transform(table)
        }
        let sum = matrix.storage.reduce(0, +)
        return CompareResult(seconds: seconds, extra: ["d": matrix.columns, "sum": (sum * 1e6).rounded() / 1e6])
    },
]

/// Reads `count` little-endian values of type `T` from a raw file.
func readRaw<T>(_ path: String, as type: T.Type, count: Int) throws -> [T] {
    let data = try Data(contentsOf: URL(fileURLWithPath: path))
    guard data.count == count * MemoryLayout<T>.size else {
        throw CompareUsageError(description: "\(path) has \(data.count) bytes, expected \(count * MemoryLayout<T>.size)")
    }
    return data.withUnsafeBytes { Array($0.bindMemory(to: T.self)) }
}
