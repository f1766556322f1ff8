import ArgumentParser
import ChurnKit

/// The calibration table and Brier decomposition as `churn evaluate` prints them.
struct CalibrationReport: Encodable {
    /// One bin: expected (mean predicted) against observed churn, with its count.
    struct Bin: Encodable {
        let bin: Int
        let lowerEdge: Double
        let upperEdge: Double
        let rows: Int
        let meanPredicted: Double
        let observedRate: Double
    }

    let strategy: String
    let binCount: Int
    let bins: [Bin]
    let brier: Double
    let reliability: Double
    let resolution: Double
    let uncertainty: Double
    let withinBinVariance: Double
    let withinBinCovariance: Double

    init(_ decomposition: BrierDecomposition) {
        let table = decomposition.table
        strategy = table.strategy.rawValue
        binCount = table.binCount
        bins = table.bins.map {
            Bin(bin: $0.bin, lowerEdge: $0.lowerEdge, upperEdge: $0.upperEdge, rows: $0.rows,
                meanPredicted: $0.meanPredicted, observedRate: $0.observedRate)
        }
        brier = decomposition.brier
        reliability = decomposition.reliability
        resolution = decomposition.resolution
        uncertainty = decomposition.uncertainty
        withinBinVariance = decomposition.withinBinVariance
        withinBinCovariance = decomposition.withinBinCovariance
    }

    /// The table, then the decomposition with what each term means.
    var text: String {
        var table = TextTable(
            headers: ["bin", "probabilities", "customers", "expected", "observed", "gap"],
            alignments: [.right, .left, .right, .right, .right, .right])
        for bin in bins {
            table.append([
                String(bin.bin), "(\(formatted(bin.lowerEdge, digits: 3)), \(formatted(bin.upperEdge, digits: 3))]",
                String(bin.rows), formatted(bin.meanPredicted, digits: 3), formatted(bin.observedRate, digits: 3),
                formatted(bin.observedRate - bin.meanPredicted, digits: 2),
            ])
        }
        return [
            "calibration (\(strategy) bins): expected = mean predicted churn probability, observed = churn rate",
            table.render(),
            "Brier \(formatted(brier)) = reliability \(formatted(reliability)) (calibration error, lower is better)"
                + " - resolution \(formatted(resolution)) (separation, higher is better)"
                + " + uncertainty \(formatted(uncertainty)) (base rate)"
                + " + within-bin terms \(formatted(withinBinVariance - 2 * withinBinCovariance))",
        ].joined(separator: "\n")
    }
}
extension CalibrationStrategy: ExpressibleByArgument {}
extension CalibrationMethod: ExpressibleByArgument {}
