import ArgumentParser
import Foundation
import ChurnKit

/// What `churn generate` writes.
enum GeneratedKind: String, ExpressibleByArgument, CaseIterable, Sendable {
    /// The synthetic telecom customer file (`SyntheticTelecomCustomers`).
    case customers
    /// A purchase log simulated from BG/NBD and Gamma-Gamma (`SyntheticPurchaseLog`).
    case purchases
}

/// `churn generate`: write the synthetic telecom customer file (the bundled data set), or a
/// purchase log simulated from known BG/NBD and Gamma-Gamma parameters.
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write a synthetic telecom customer CSV, or a purchase log, from a known model.",
        discussion: """
            --kind customers (the default) writes customers whose churn follows a known logistic \
            model; --kind purchases writes a purchase log (customer,date,amount) whose customers buy \
            and drop out as BG/NBD and spend as Gamma-Gamma with the parameters of --bgnbd and \
            --gamma-gamma (default: CDNOW's published fits, weekly rates, first purchases in the 12 \
            weeks from 1997-01-01, 78 weeks observed, as the CDNOW sample). The models and every \
            distribution are documented in datasets/README.md.
            """)

    @Option(help: "What to write: customers or purchases.")
    var kind: GeneratedKind = .customers

    @Option(help: "Number of customers.")
    var rows: Int = 5_000

    @Option(help: "True BG/NBD parameters r,alpha,a,b (rates per week) of --kind purchases.")
    var bgnbd: String?

    @Option(help: "True Gamma-Gamma parameters p,q,gamma of --kind purchases.")
    var gammaGamma: String?

    @Option(help: "Seed; the same seed gives the same bytes on every machine.")
    var seed: UInt64 = 2026

    @Option(help: "Where to write the CSV.")
    var out: String

    @Flag(help: "Replace the output file if it exists.")
    var force = false

    func validate() throws {
        try InputLimits.count(rows, name: "--rows", in: 1...Int.max)
        switch kind {
        case .customers:
            guard bgnbd == nil, gammaGamma == nil else { throw ValidationError("--bgnbd and --gamma-gamma need --kind purchases") }
            try InputLimits.elements([rows], bytesEach: SyntheticTelecomCustomers.bytesPerRow, name: "--rows", what: "\(rows) customers")
        case .purchases:
            _ = try purchaseLog()
        }
    }

    func run() throws {
        try checkOutputs([("--out", out)], inputs: [], force: force)
        switch kind {
        case .customers:
            let table = try SyntheticTelecomCustomers(rowCount: rows, seed: seed).makeTable()
            try CSVWriter.write(table, toFileAt: out, replacing: force)
            printError("wrote \(rows) customers to \(out)")
        case .purchases:
            let log = try purchaseLog()
            let transactions = log.transactions()
            try AtomicFile.write(Array(log.csv(transactions).utf8), to: out, replacing: force)
            printError("wrote \(transactions.count) purchases of \(rows) customers to \(out)")
        }
    }

    /// The simulation the options describe.
    /// - Throws: `ValidationError` for a parameter list that is not the right count of numbers;
    ///   `CustomerValueError` for parameters the simulation refuses.
    private func purchaseLog() throws -> SyntheticPurchaseLog {
        // A purchase log has about 3 lines per customer of about 30 bytes at CDNOW's rates.
        try InputLimits.elements([rows, 100], bytesEach: 1, name: "--rows", what: "a purchase log of \(rows) customers")
        let purchases = try bgnbd.map { text in
            let v = try numbers(text, option: "--bgnbd", names: ["r", "alpha", "a", "b"])
            return BetaGeometricNBDModel(r: v[0], alpha: v[1], a: v[2], b: v[3])
        } ?? SyntheticPurchaseLog.cdnowPurchases
        let spend = try gammaGamma.map { text in
            let v = try numbers(text, option: "--gamma-gamma", names: ["p", "q", "gamma"])
            return GammaGammaModel(p: v[0], q: v[1], gamma: v[2])
        } ?? SyntheticPurchaseLog.cdnowSpend
        return try SyntheticPurchaseLog(customerCount: rows, purchases: purchases, spend: spend, seed: seed)
    }

    /// `text` as exactly `names.count` comma-separated numbers.
    private func numbers(_ text: String, option: String, names: [String]) throws -> [Double] {
        let values = text.split(separator: ",", omittingEmptySubsequences: false).map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard values.count == names.count, values.allSatisfy({ $0 != nil }) else {
            throw ValidationError("\(option) takes \(names.count) comma-separated numbers \(names.joined(separator: ",")), not \"\(text)\"")
        }
        return values.compactMap { $0 }
    }
}
