import Foundation
import Testing
@testable import ChurnCLI

@Test func doctorReportsTheLoadedKernels() throws {
    let json = try jsonObject(try DoctorCommand.parse(["--format", "json"]).makeOutput())
    let coreName = try #require(json["coreName"] as? String)
    #expect(!coreName.isEmpty)
    #expect((json["configuration"] as? String)?.contains(coreName) == true)
    #expect((json["decision"] as? String)?.isEmpty == false)
    #expect(json["check"] == nil)
    let text = try DoctorCommand.parse([]).makeOutput()
    #expect(text.contains("kernels:           \(coreName)"))
}

/// The `churn` executable built beside the test bundle.
let churnExecutable = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    .appendingPathComponent("churn").path

/// Runs `churn doctor --check --format json` with `OPENBLAS_CORETYPE` set (or not) and parses it.
func doctorCheck(coreType: String?) throws -> [String: Any] {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: churnExecutable)
    process.arguments = ["doctor", "--check", "--format", "json"]
    var environment = ProcessInfo.processInfo.environment
    environment["OPENBLAS_CORETYPE"] = coreType
    environment["CHURNKIT_OPENBLAS_RELAUNCHED"] = nil
    process.environment = environment
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
    return try jsonObject(String(decoding: data, as: UTF8.self))
}

/// The kernels change only the rounding: the generic SSE3 kernels ("Prescott", what a fallback
/// gets) and the ones OpenBLAS picks here agree to 1e-12 relative on a 192 x 192 product and to
/// 1e-9 on the coefficients of a logistic fit (the tolerance `churn doctor` documents).
@Test(.enabled(if: FileManager.default.isExecutableFile(atPath: churnExecutable),
               "needs the churn executable beside the test bundle (swift build --build-tests)"))
func resultsAgreeBetweenKernels() throws {
    let generic = try doctorCheck(coreType: "Prescott")
    let native = try doctorCheck(coreType: nil)
    #expect(generic["coreName"] as? String == "Prescott")
    let a = try #require(generic["check"] as? [String: Any])
    let b = try #require(native["check"] as? [String: Any])
    func close(_ x: Double, _ y: Double, _ tolerance: Double) -> Bool {
        abs(x - y) <= tolerance * max(1, abs(x), abs(y))
    }
    let sumA = try #require(a["gemmSum"] as? Double), sumB = try #require(b["gemmSum"] as? Double)
    // The sum of 36,864 elements of magnitude ~10 cancels to ~1e3: compare at the elements' scale.
    #expect(abs(sumA - sumB) <= 1e-12 * 36_864 * 10)
    let rowA = try #require(a["gemmFirstRow"] as? [Double]), rowB = try #require(b["gemmFirstRow"] as? [Double])
    #expect(rowA.count == 8 && rowB.count == 8)
    #expect(zip(rowA, rowB).allSatisfy { close($0, $1, 1e-12) })
    let coefA = try #require(a["logisticCoefficients"] as? [Double])
    let coefB = try #require(b["logisticCoefficients"] as? [Double])
    #expect(coefA.count == 8 && coefB.count == 8)
    #expect(zip(coefA, coefB).allSatisfy { close($0, $1, 1e-9) })
    #expect(close(try #require(a["logisticObjective"] as? Double), try #require(b["logisticObjective"] as? Double), 1e-12))
}
