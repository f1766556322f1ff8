import ChurnKit

/// Comparison tasks of the Survival module, by name (see compare/tasks_survival.py).
///
/// `cox.fit N D X.bin DURATIONS.bin EVENTS.bin`: Cox proportional hazards (Efron ties) on the
/// N x D covariates of X.bin (raw little-endian float64, row-major), the N durations (float64) and
/// the N events (uint8, 1 = event); reports the fit's seconds (concordance and the
/// proportional-hazards test included), the log partial likelihood and the first coefficient.
let survivalTasks: [String: CompareTask] = [
    "cox.fit": { arguments in
        guard arguments.count == 5, let n = Int(arguments[0]), let d = Int(arguments[1]) else {
            throw CompareUsageError(description: "usage: cox.fit N D X.bin DURATIONS.bin EVENTS.bin")
        }
        let x = try Matrix(rows: n, columns: d, values: try readRaw(arguments[2], as: Double.self, count: n * d))
        let durations = try readRaw(arguments[3], as: Double.self, count: n)
        let events = try readRaw(arguments[4], as: UInt8.self, count: n).map { $0 != 0 }
        let names = (0..<d).map { "x\($0)" }
        let (model, seconds) = try timed {
            try CoxProportionalHazards().fit(covariates: x, durations: durations, events: events, names: names)
        }
        return CompareResult(
            seconds: seconds,
            extra: ["logPartialLikelihood": (model.logPartialLikelihood * 1e4).rounded() / 1e4,
                    "coefficient0": ((model.coefficients.first?.coefficient ?? .nan) * 1e6).rounded() / 1e6,
                    "concordance": (model.concordance * 1e6).rounded() / 1e6, "phTestX0": ((model.proportionalHazardsTest.first?.statistic ?? .nan) * 1e4).rounded() / 1e4,
                    "iterations": model.iterationCount])
    },
]
