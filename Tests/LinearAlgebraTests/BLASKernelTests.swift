import Foundation
import Testing
@testable import LinearAlgebra

/// `/proc/cpuinfo` flags of a 2023 Xeon (family 6, model 207) with AVX-512, abridged.
let xeonFlags = _flagWords("fpu sse sse2 ssse3 fma sse4_1 sse4_2 avx f16c avx2 avx512f avx512dq avx512cd avx512bw avx512vl avx512_bf16")
let zen3Flags = _flagWords("fpu sse sse2 ssse3 fma sse4_1 sse4_2 avx sse4a avx2")
let dynamicConfig = "OpenBLAS 0.3.21 NO_LAPACKE DYNAMIC_ARCH NO_AFFINITY Prescott MAX_THREADS=64"

@Test func processorLevelNeedsEveryFlagOfTheLevel() {
    #expect(VectorLevel(processorFlags: xeonFlags) == .avx512)
    #expect(VectorLevel(processorFlags: zen3Flags) == .avx2)
    // AVX-512F alone (no BW/VL, as on Knights Landing) is not the SkylakeX level.
    #expect(VectorLevel(processorFlags: zen3Flags.union(["avx512f", "avx512cd"])) == .avx2)
    // AVX2 without FMA cannot run the Haswell kernels.
    #expect(VectorLevel(processorFlags: ["sse2", "avx", "avx2"]) == .avx)
    #expect(VectorLevel(processorFlags: ["sse2", "sse3"]) == .sse)
}

@Test func coreNamesMapToTheirKernelLevel() {
    #expect(VectorLevel(openBLASCoreName: "Prescott") == .sse)
    #expect(VectorLevel(openBLASCoreName: "NEHALEM") == .sse)
    #expect(VectorLevel(openBLASCoreName: "Sandybridge") == .avx)
    #expect(VectorLevel(openBLASCoreName: "Zen") == .avx2)
    #expect(VectorLevel(openBLASCoreName: "SkylakeX") == .avx512)
    #expect(VectorLevel(openBLASCoreName: "ARMV8") == nil)
}

@Test func newXeonReportedAsPrescottIsAFallbackToSkylakeX() throws {
    let diagnosis = BLASKernelDiagnosis(coreName: "Prescott", config: dynamicConfig, processorFlags: xeonFlags)
    #expect(diagnosis.isFallback)
    #expect(diagnosis.kernelLevel == .sse)
    #expect(diagnosis.processorLevel == .avx512)
    #expect(diagnosis.recommendedCoreType == "SkylakeX")
    let warning = try #require(diagnosis.warning)
    #expect(warning.contains("Prescott kernels (SSE3) on a processor with AVX-512"))
    #expect(warning.contains("OPENBLAS_CORETYPE=SkylakeX"))
}

@Test func fittingKernelsGiveNoAdvice() {
    let zen = BLASKernelDiagnosis(coreName: "Zen", config: dynamicConfig, processorFlags: zen3Flags)
    #expect(!zen.isFallback)
    #expect(zen.recommendedCoreType == nil)
    #expect(zen.warning == nil)
    // Kernels wider than the flags say (a guest that hides flags) are not a fallback either.
    let wider = BLASKernelDiagnosis(coreName: "SkylakeX", config: dynamicConfig, processorFlags: zen3Flags)
    #expect(!wider.isFallback)
    // Unknown core names and unknown processors: no advice.
    #expect(!BLASKernelDiagnosis(coreName: "NEOVERSEN1", config: dynamicConfig, processorFlags: []).isFallback)
    #expect(!BLASKernelDiagnosis(coreName: "Prescott", config: dynamicConfig, processorFlags: nil).isFallback)
}

@Test func aLibraryWithoutDynamicArchIsWarnedAboutButNotSwitched() throws {
    let diagnosis = BLASKernelDiagnosis(
        coreName: "Core2", config: "OpenBLAS 0.3.21 NO_LAPACKE Core2 MAX_THREADS=64", processorFlags: zen3Flags)
    #expect(diagnosis.isFallback)
    #expect(diagnosis.recommendedCoreType == nil)
    #expect(try #require(diagnosis.warning).contains("cannot switch"))
}

@Test func processorFlagsAreReadFromTheFirstFlagsLine() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("cpuinfo-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    try Data("processor\t: 0\nmodel name\t: Test\nflags\t\t: fpu AVX2 fma avx\n\nprocessor\t: 1\nflags\t\t: fpu\n".utf8)
        .write(to: URL(fileURLWithPath: path))
    #expect(_processorFlags(cpuinfo: path) == ["fpu", "avx2", "fma", "avx"])
    #expect(_processorFlags(cpuinfo: path + ".missing") == nil)
}

@Test func theLoadedLibraryIsDiagnosed() {
    let diagnosis = BLAS.kernelDiagnosis
    #expect(!BLAS.coreName.isEmpty)
    #expect(diagnosis.coreName == BLAS.coreName)
    #expect(BLAS.configuration.contains("OpenBLAS"))
    #expect(BLAS.recommendedCoreType == diagnosis.recommendedCoreType)
}
