import ChurnKit
import Foundation

/// A randomized retention campaign with persuadables and sleeping dogs: control churn 0.3 for
/// everyone; treated churn 0.45 − 0.4·x1, so the call retains customers with high x1 (up to −0.25)
/// and drives away those with low x1 (+0.15). `risk` is a churn-risk proxy, high for low x1.
/// Columns: id, x1, region, risk, group (call / none), churned.
func writeUpliftSample(rows: Int, seed: UInt64, to path: String) throws {
    var random = SeededRandom(seed: seed)
    var lines = ["id,x1,region,risk,group,churned"]
    for i in 0..<rows {
        let x1 = random.nextUnitDouble(), treated = random.nextUnitDouble() < 0.5
        let region = ["north", "south", "east"][random.nextIndex(below: 3)]
        let risk = 1 - x1 + 0.1 * random.nextUnitDouble()
        let churned = random.nextUnitDouble() < (treated ? 0.45 - 0.4 * x1 : 0.3)
        lines.append("c\(i),\(x1),\(region),\(risk),\(treated ? "call" : "none"),\(churned ? 1 : 0)")
    }
    try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
}
