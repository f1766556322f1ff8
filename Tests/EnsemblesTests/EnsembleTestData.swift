import Foundation
import LinearAlgebra
import Tabular

/// Seeded synthetic churn-like rows for the ensemble tests: d continuous features (some NaN when
/// `missingRate` > 0) and labels drawn from a logistic model with a threshold and an interaction.
struct EnsembleTestData {
    let x: Matrix
    let y: [Bool]

    init(rows n: Int, features d: Int = 5, missingRate: Double = 0, seed: UInt64 = 7) throws {
        var random = SeededRandom(seed: seed)
        var values = [Double](repeating: 0, count: n * d)
        var y: [Bool] = []
        for i in 0..<n {
            for f in 0..<d { values[i * d + f] = random.nextGaussian() }
            let row = values[(i * d)..<(i * d + d)].map { $0 }
            let logit = -0.5 + 1.2 * row[0] - 0.8 * (row[1] > 0.3 ? 1 : 0) + 0.6 * row[0] * row[min(2, d - 1)]
            y.append(random.nextUnitDouble() < 1 / (1 + exp(-logit)))
            for f in 0..<d where random.nextUnitDouble() < missingRate { values[i * d + f] = .nan }
        }
        self.x = try Matrix(rows: n, columns: d, values: values)
        self.y = y
    }
}

