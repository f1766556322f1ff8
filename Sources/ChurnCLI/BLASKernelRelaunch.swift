import ChurnKit
import Foundation

/// The `churn` command's start-up fix for an OpenBLAS that fell back to narrow kernels.
///
/// OpenBLAS reads `OPENBLAS_CORETYPE` once, when it is loaded, so the only way for a running
/// process to get the right kernels is to start again with the variable set. `relaunchIfNeeded()`
/// does that at most once: when `BLAS.kernelDiagnosis` recommends a core type, the user has not set
/// `OPENBLAS_CORETYPE`, and the marker `CHURNKIT_OPENBLAS_RELAUNCHED` is absent. It sets both
/// variables and re-executes the same binary with the same arguments; the marker stops a second
/// relaunch even if the new process still reports a narrow kernel. Setting `OPENBLAS_CORETYPE`
/// yourself (to any value) turns the relaunch off. `churn doctor` shows what happened.
public enum BLASKernelRelaunch {
    /// The environment variable OpenBLAS reads to choose its kernels.
    public static let coreTypeVariable = "OPENBLAS_CORETYPE"
    /// The environment variable set on the relaunched process (to the core type it asked for).
    public static let markerVariable = "CHURNKIT_OPENBLAS_RELAUNCHED"

    /// What to do at start-up.
    public enum Decision: Equatable, Sendable {
        /// Re-execute with `OPENBLAS_CORETYPE` set to this core type.
        case relaunch(coreType: String)
        /// Carry on in this process, for the reason given.
        case stay(reason: String)
    }

    /// Decides whether to relaunch, from an environment and a diagnosis (no side effects).
    /// - Parameters:
    ///   - environment: the process environment.
    ///   - diagnosis: the loaded OpenBLAS against this processor.
    /// - Returns: `.relaunch` only when a core type is recommended, the user has not set
    ///   `OPENBLAS_CORETYPE` and this process is not itself a relaunch.
    public static func decide(environment: [String: String], diagnosis: BLASKernelDiagnosis) -> Decision {
        if let marker = environment[markerVariable] {
            return .stay(reason: "already relaunched with \(coreTypeVariable)=\(marker)")
        }
        if let chosen = environment[coreTypeVariable] {
            return .stay(reason: "\(coreTypeVariable)=\(chosen) was set by the user")
        }
        guard let recommended = diagnosis.recommendedCoreType else {
            return .stay(reason: diagnosis.isFallback
                ? "the kernels are narrower than the processor, but this OpenBLAS cannot switch"
                : "the \(diagnosis.coreName) kernels fit this processor")
        }
        return .relaunch(coreType: recommended)
    }

    /// Re-executes this program once with the recommended `OPENBLAS_CORETYPE` when
    /// `decide(environment:diagnosis:)` says so; returns (and the program carries on with the
    /// current kernels) when it does not, or when the re-execution fails.
    public static func relaunchIfNeeded() {
        let environment = ProcessInfo.processInfo.environment
        guard case .relaunch(let coreType) = decide(environment: environment, diagnosis: BLAS.kernelDiagnosis)
        else { return }
        setenv(coreTypeVariable, coreType, 1)
        setenv(markerVariable, coreType, 1)
        execv("/proc/self/exe", CommandLine.unsafeArgv)
        // Only reached when exec failed: undo, so the environment is the user's again.
        unsetenv(coreTypeVariable)
        unsetenv(markerVariable)
    }
}
