import ChurnKit
import Foundation

/// Which repeat-purchase model `churn lifetime fit` fits.
enum RepeatModelKind: String, Codable, CaseIterable, Sendable {
    /// BG/NBD (Fader, Hardie and Lee 2005).
    case bgnbd
    /// Pareto/NBD (Schmittlein, Morrison and Colombo 1987).
    case pareto

    /// The name used in reports.
    var title: String { self == .bgnbd ? "BG/NBD" : "Pareto/NBD" }
}

/// The model file written by `churn lifetime fit --out` and read by `churn lifetime predict`.
///
/// JSON keys (format "churnkit-lifetime-model", version 1; README "churn lifetime"):
/// `format`, `version`; `model` ("bgnbd" or "pareto"); `unit` ("days" or "weeks", the unit of
/// every rate and scale parameter); `calibrationEnd` (YYYY-MM-DD); `bgnbd` {r, alpha, a, b,
/// logLikelihood, standardErrors [r, alpha, a, b], customerCount, iterationCount} or `paretoNBD`
/// {r, alpha, s, beta, ...}; `gammaGamma` {p, q, gamma, logLikelihood, standardErrors [p, q,
/// gamma], customerCount, iterationCount}; `training` {file, customers, repeaters,
/// repeatOccasions, excludedNewCustomers}. Non-finite numbers are written as "nan", "inf", "-inf".
struct LifetimeModelFile: Codable, Equatable {
    /// What was fitted on.
    struct Training: Codable, Equatable {
        /// The purchase log.
        var file: String
        /// Customers in the calibration table.
        var customers: Int
        /// Customers with at least one repeat purchase.
        var repeaters: Int
        /// Repeat purchase occasions.
        var repeatOccasions: Int
        /// Customers left out because they first bought after the calibration end.
        var excludedNewCustomers: Int
    }

    /// The format name every file carries.
    static let formatName = "churnkit-lifetime-model"
    /// The version this build writes and reads.
    static let currentVersion = 1

    var format = Self.formatName
    var version = Self.currentVersion
    var model: RepeatModelKind
    var unit: TimeUnit
    var calibrationEnd: String
    var bgnbd: BetaGeometricNBDModel?
    var paretoNBD: ParetoNBDModel?
    var gammaGamma: GammaGammaModel
    var training: Training

    /// The repeat-purchase model the file holds.
    /// - Throws: `CommandError` when the model named by `model` is absent.
    func repeatModel() throws -> any RepeatPurchaseModel {
        switch model {
        case .bgnbd:
            guard let bgnbd else { throw CommandError("the model file says \"bgnbd\" but has no \"bgnbd\" parameters") }
            return bgnbd
        case .pareto:
            guard let paretoNBD else { throw CommandError("the model file says \"pareto\" but has no \"paretoNBD\" parameters") }
            return paretoNBD
        }
    }

    /// The calibration end as a day.
    /// - Throws: `CommandError` for a malformed date.
    func calibrationDay() throws -> CalendarDay {
        guard let day = CalendarDay(parsing: calibrationEnd) else {
            throw CommandError("the model file's calibrationEnd \"\(calibrationEnd)\" is not a date YYYY-MM-DD")
        }
        return day
    }

    /// Writes the file atomically.
    /// - Parameters:
    ///   - path: The destination.
    ///   - replacing: Whether an existing file may be replaced.
    func write(to path: String, replacing: Bool) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        try AtomicFile.write(Array(try encoder.encode(self)) + [10], to: path, replacing: replacing)
    }

    /// Reads and checks a model file.
    /// - Throws: `CommandError` for an unreadable file, another kind of file or an unknown version.
    static func read(_ path: String) throws -> LifetimeModelFile {
        guard let data = FileManager.default.contents(atPath: path) else { throw CommandError("\(path): cannot read the model file") }
        struct Header: Decodable { var format: String?; var version: Int? }
        let header = try? JSONDecoder().decode(Header.self, from: data)
        guard header?.format == formatName else {
            throw CommandError("\(path) is not a lifetime model file (written by `churn lifetime fit --out`)")
        }
        guard header?.version == currentVersion else {
            throw CommandError("\(path): lifetime model file version \(header?.version.map(String.init) ?? "?") is not supported (this build reads \(currentVersion))")
        }
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        do { return try decoder.decode(LifetimeModelFile.self, from: data) } catch {
            throw CommandError("\(path): malformed lifetime model file (\(error))")
        }
    }
}
