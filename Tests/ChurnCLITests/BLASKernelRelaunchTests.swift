import ChurnKit
import Testing
@testable import ChurnCLI

/// A 2023 Xeon with AVX-512 on which OpenBLAS 0.3.21 reports "Prescott" (the core name injected).
let fallbackDiagnosis = BLASKernelDiagnosis(
    coreName: "Prescott", config: "OpenBLAS 0.3.21 NO_LAPACKE DYNAMIC_ARCH NO_AFFINITY Prescott MAX_THREADS=64",
    processorFlags: ["sse2", "avx", "avx2", "fma", "avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl"])

@Test func aFallbackRelaunchesOnceWithTheRecommendedCoreType() {
    #expect(BLASKernelRelaunch.decide(environment: ["HOME": "/root"], diagnosis: fallbackDiagnosis)
        == .relaunch(coreType: "SkylakeX"))
    // The relaunched process carries the marker and never relaunches again, even if the kernels
    // it got are still narrow.
    #expect(BLASKernelRelaunch.decide(
        environment: ["CHURNKIT_OPENBLAS_RELAUNCHED": "SkylakeX", "OPENBLAS_CORETYPE": "SkylakeX"],
        diagnosis: fallbackDiagnosis) == .stay(reason: "already relaunched with OPENBLAS_CORETYPE=SkylakeX"))
}

@Test func aUserChoiceOfCoreTypeIsKept() {
    #expect(BLASKernelRelaunch.decide(environment: ["OPENBLAS_CORETYPE": "Prescott"], diagnosis: fallbackDiagnosis)
        == .stay(reason: "OPENBLAS_CORETYPE=Prescott was set by the user"))
}

@Test func fittingKernelsOrAFixedBuildStay() {
    let zen = BLASKernelDiagnosis(
        coreName: "Zen", config: "OpenBLAS 0.3.21 DYNAMIC_ARCH Zen", processorFlags: ["avx", "avx2", "fma"])
    #expect(BLASKernelRelaunch.decide(environment: [:], diagnosis: zen)
        == .stay(reason: "the Zen kernels fit this processor"))
    let fixed = BLASKernelDiagnosis(
        coreName: "Prescott", config: "OpenBLAS 0.3.21 Prescott", processorFlags: ["avx", "avx2", "fma"])
    #expect(BLASKernelRelaunch.decide(environment: [:], diagnosis: fixed)
        == .stay(reason: "the kernels are narrower than the processor, but this OpenBLAS cannot switch"))
}
