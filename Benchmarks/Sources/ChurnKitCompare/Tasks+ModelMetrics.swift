import ChurnKit
import Foundation

/// Reads the raw uint8 labels and little-endian float64 scores written by compare/tasks_metrics.py.
private func readSample(_ arguments: [String]) throws -> (labels: [Bool], scores: [Double]) {
    guard arguments.count == 2 else {
        throw CompareUsageError(description: "expected LABELS.u8 SCORES.f64, got \(arguments.count) arguments")
    }
    let labels = try Data(contentsOf: URL(fileURLWithPath: arguments[0])).map { $0 != 0 }
    let bytes = try Data(contentsOf: URL(fileURLWithPath: arguments[1]))
    let scores = stride(from: 0, to: bytes.count - 7, by: 8).map { offset in
        Double(bitPattern: bytes[offset..<offset + 8].enumerated().reduce(UInt64(0)) { bits, byte in
            bits | UInt64(byte.element) << (8 * UInt64(byte.offset))
        })
    }
    return (labels, scores)
}

/// Times one metric on the sample; the metric's value is reported beside the time.
private func metricTask(_ metric: @escaping @Sendable ([Bool], [Double]) throws -> Double) -> CompareTask {
    { arguments in
        let sample = try readSample(arguments)
        let (value, seconds) = try timed { try metric(sample.labels, sample.scores) }
        return CompareResult(seconds: seconds, extra: ["value": (value * 1e12).rounded() / 1e12])
    }
}

/// Comparison tasks of the ModelMetrics module, by name.
let modelMetricsTasks: [String: CompareTask] = [
    "metrics.auc": metricTask { try rocAUC(labels: $0, scores: $1) },
    "metrics.logLoss": metricTask { try logLoss(labels: $0, scores: $1) },
    "metrics.lift": metricTask { try LiftTable(labels: $0, scores: $1).rows[0].lift },
]
