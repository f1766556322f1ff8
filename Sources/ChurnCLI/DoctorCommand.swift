import ArgumentParser
import ChurnKit
import Foundation

/// `churn doctor`: which OpenBLAS kernels run, whether they fit the processor, and whether `churn`
/// relaunched itself to fix them.
struct DoctorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Report the OpenBLAS kernels in use and whether they fit this processor.",
        discussion: """
            A Debian/Ubuntu OpenBLAS older than the processor may fall back to its generic SSE3 \
            kernels ("Prescott"). churn then re-executes itself once with OPENBLAS_CORETYPE set to \
            the kernels of the processor's vector level (SkylakeX, Haswell or Sandybridge), unless \
            OPENBLAS_CORETYPE is already set; the relaunched process carries \
            CHURNKIT_OPENBLAS_RELAUNCHED. --check also runs a small seeded matrix product and \
            logistic fit, whose figures agree between kernels to about 1e-12 relative.
            """)

    @Flag(help: "Also run a seeded 192 x 192 matrix product and logistic fit and print their results.")
    var check = false

    @OptionGroup var output: OutputOptions

    func run() throws {
        print(try makeOutput())
    }

    /// The report as text or JSON.
    func makeOutput() throws -> String {
        let report = try DoctorReport(
            diagnosis: BLAS.kernelDiagnosis, configuration: BLAS.configuration,
            environment: ProcessInfo.processInfo.environment, check: check)
        switch output.format {
        case .json: return try jsonText(report)
        case .text: return report.text
        }
    }
}

/// What `churn doctor` prints.
struct DoctorReport: Encodable {
    let coreName: String
    let configuration: String
    let kernelLevel: String?
    let processorLevel: String?
    let fallback: Bool
    let recommendedCoreType: String?
    let coreTypeEnvironment: String?
    let relaunchedWith: String?
    let decision: String
    let warning: String?
    let check: KernelCheck?

    init(diagnosis: BLASKernelDiagnosis, configuration: String, environment: [String: String], check: Bool) throws {
        coreName = diagnosis.coreName
        self.configuration = configuration
        kernelLevel = diagnosis.kernelLevel?.description
        processorLevel = diagnosis.processorLevel?.description
        fallback = diagnosis.isFallback
        recommendedCoreType = diagnosis.recommendedCoreType
        coreTypeEnvironment = environment[BLASKernelRelaunch.coreTypeVariable]
        relaunchedWith = environment[BLASKernelRelaunch.markerVariable]
        switch BLASKernelRelaunch.decide(environment: environment, diagnosis: diagnosis) {
        case .relaunch(let coreType): decision = "relaunch with \(BLASKernelRelaunch.coreTypeVariable)=\(coreType)"
        case .stay(let reason): decision = "no relaunch: \(reason)"
        }
        warning = diagnosis.warning
        self.check = check ? try KernelCheck() : nil
    }

    var text: String {
        var lines = [
            "OpenBLAS:          \(configuration)",
            "kernels:           \(coreName) (\(kernelLevel ?? "unknown level"))",
            "processor:         \(processorLevel ?? "unknown")",
            "\(BLASKernelRelaunch.coreTypeVariable): \(coreTypeEnvironment ?? "not set")",
            "start-up:          \(decision)",
        ]
        if let warning { lines.append("warning: \(warning)") }
        if let check {
            lines.append("check:             gemm sum \(check.gemmSum), logistic objective \(check.logisticObjective)")
        }
        return lines.joined(separator: "\n")
    }
}

/// A seeded matrix product and logistic fit, whose results should not depend (beyond rounding)
/// on the kernels that computed them.
struct KernelCheck: Encodable {
    /// The sum of every element of A·B (A, B 192 x 192, uniform in [-1, 1)).
    let gemmSum: Double
    /// The first eight elements of A·B's first row.
    let gemmFirstRow: [Double]
    /// Coefficients of a logistic fit (l2 = 1) on 4,096 rows x 8 seeded features.
    let logisticCoefficients: [Double]
    /// Its intercept.
    let logisticIntercept: Double
    /// Its objective at the optimum.
    let logisticObjective: Double

    init() throws {
        var random = SeededRandom(seed: 16)
        let n = 192
        func uniformMatrix(_ rows: Int, _ columns: Int) throws -> Matrix {
            try Matrix(rows: rows, columns: columns,
                       values: (0..<(rows * columns)).map { _ in 2 * random.nextUnitDouble() - 1 })
        }
        let a = try uniformMatrix(n, n)
        let b = try uniformMatrix(n, n)
        let product = try Matrix.multiply(a, b)
        gemmSum = product.withUnsafeBufferPointer { $0.reduce(0, +) }
        gemmFirstRow = Array(product.row(0).prefix(8))
        let x = try uniformMatrix(4_096, 8)
        let truth: [Double] = [1.5, -1, 0.5, 0, 2, -0.5, 0.25, -2]
        let y = (0..<x.rows).map { i in
            let logit = zip(x.row(i), truth).reduce(0.0) { $0 + $1.0 * $1.1 }
            return random.nextUnitDouble() < 1 / (1 + exp(-logit))
        }
        let model = try LogisticRegression(l2: 1).fit(x, y)
        logisticCoefficients = model.coefficients
        logisticIntercept = model.intercept
        logisticObjective = model.objective
    }
}
