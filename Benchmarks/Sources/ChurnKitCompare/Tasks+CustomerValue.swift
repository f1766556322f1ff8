import ChurnKit

/// Comparison tasks of the CustomerValue module, by name (see compare/tasks_lifetime.py).
///
/// `lifetime.fit N FREQUENCY.bin RECENCY.bin AGE.bin MONETARY.bin`: BG/NBD on the N customers
/// (raw little-endian float64 columns, times in weeks), Gamma-Gamma on the repeat buyers, and every
/// customer's 12-month lifetime value at 1% a month; reports the seconds of the two fits and the
/// values, the fitted parameters and the total lifetime value.
///
/// `lifetime.pareto N FREQUENCY.bin RECENCY.bin AGE.bin`: Pareto/NBD on the N customers; reports
/// the seconds of the fit, its parameters and its log-likelihood.
let customerValueTasks: [String: CompareTask] = [
    "lifetime.fit": { arguments in
        guard arguments.count == 5, let n = Int(arguments[0]) else {
            throw CompareUsageError(description: "usage: lifetime.fit N FREQUENCY.bin RECENCY.bin AGE.bin MONETARY.bin")
        }
        let columns = try arguments[1...4].map { try readRaw($0, as: Double.self, count: n) }
        let (frequency, recency, age, monetary) = (columns[0], columns[1], columns[2], columns[3])
        let ((purchases, spend, total), seconds) = try timed {
            let purchases = try BetaGeometricNBD().fit(frequency: frequency, recency: recency, age: age)
            let spend = try GammaGamma().fit(frequency: frequency, monetaryValue: monetary)
            let values = try LifetimeValue.values(
                transactions: purchases, spend: spend, frequency: frequency, recency: recency, age: age, monetaryValue: monetary,
                unit: .weeks, options: LifetimeValueOptions())
            return (purchases, spend, values.reduce(0, +))
        }
        func rounded(_ value: Double) -> Double { (value * 1e4).rounded() / 1e4 }
        return CompareResult(
            seconds: seconds,
            extra: ["r": rounded(purchases.r), "alpha": rounded(purchases.alpha), "a": rounded(purchases.a), "b": rounded(purchases.b),
                    "p": rounded(spend.p), "q": rounded(spend.q), "v": rounded(spend.gamma),
                    "totalLifetimeValue": (total * 10).rounded() / 10])
    },
    "lifetime.pareto": { arguments in
        guard arguments.count == 4, let n = Int(arguments[0]) else {
            throw CompareUsageError(description: "usage: lifetime.pareto N FREQUENCY.bin RECENCY.bin AGE.bin")
        }
        let columns = try arguments[1...3].map { try readRaw($0, as: Double.self, count: n) }
        let (model, seconds) = try timed { try ParetoNBD().fit(frequency: columns[0], recency: columns[1], age: columns[2]) }
        func rounded(_ value: Double) -> Double { (value * 1e4).rounded() / 1e4 }
        return CompareResult(
            seconds: seconds,
            extra: ["r": rounded(model.r), "alpha": rounded(model.alpha), "s": rounded(model.s), "beta": rounded(model.beta),
                    "logLikelihood": rounded(model.logLikelihood)])
    },
]
