// Which OpenBLAS kernel runs, and whether it is the right one for this processor.
//
// A DYNAMIC_ARCH OpenBLAS (Debian's and Ubuntu's) picks its kernels at load time from the CPU's
// family and model numbers. A release older than the processor does not know the model and falls
// back to a generic x86-64 kernel ("Prescott", SSE3): on a 2023 Xeon (family 6, model 207,
// AVX-512), OpenBLAS 0.3.21 runs dgemm at 25 GFLOP/s instead of 126-131 GFLOP/s with its own
// SkylakeX kernels. The fix needs no rebuild: the environment variable `OPENBLAS_CORETYPE` names the
// kernel set to use, and OpenBLAS reads it once, when the library is loaded. This file compares the
// kernel's vector level with the processor's (its `/proc/cpuinfo` flags) and names the kernel set
// to ask for. The `churn` command re-executes itself once with that variable set; library users set
// it in their environment (see `BLASKernelDiagnosis.warning`).

import COpenBLAS

#if canImport(Glibc)
import Glibc
#endif

/// The widest vector instruction set that code may use on a processor, or that a BLAS kernel uses.
public enum VectorLevel: Int, Sendable, Comparable, CustomStringConvertible {
    /// SSE2/SSE3 only (OpenBLAS "Prescott", "Core2", "Nehalem", "Opteron", ...).
    case sse = 0
    /// AVX without FMA (OpenBLAS "Sandybridge", "Bulldozer", "Piledriver", ...).
    case avx = 1
    /// AVX2 with FMA (OpenBLAS "Haswell", "Zen").
    case avx2 = 2
    /// AVX-512 F, CD, BW, DQ and VL (OpenBLAS "SkylakeX", "Cooperlake", "SapphireRapids").
    case avx512 = 3

    /// Orders levels from narrowest to widest.
    public static func < (lhs: VectorLevel, rhs: VectorLevel) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The level's usual name ("SSE3", "AVX", "AVX2+FMA", "AVX-512").
    public var description: String {
        switch self {
        case .sse: "SSE3"
        case .avx: "AVX"
        case .avx2: "AVX2+FMA"
        case .avx512: "AVX-512"
        }
    }

    /// The OpenBLAS core type (`OPENBLAS_CORETYPE`) whose kernels use this level, as recommended
    /// for a processor of this level; nil for `.sse` (no better kernel to ask for).
    public var openBLASCoreType: String? {
        switch self {
        case .sse: nil
        case .avx: "Sandybridge"
        case .avx2: "Haswell"
        case .avx512: "SkylakeX"
        }
    }

    /// The level of a processor from its `/proc/cpuinfo` flags (`avx512f`, `avx2`, `fma`, ...).
    /// - Parameter flags: the flag words, lower case.
    /// - Returns: the widest level whose every required flag is present.
    /// - Complexity: O(1) lookups in `flags`.
    public init(processorFlags flags: Set<String>) {
        if ["avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl"].allSatisfy(flags.contains) {
            self = .avx512
        } else if flags.contains("avx2") && flags.contains("fma") {
            self = .avx2
        } else if flags.contains("avx") {
            self = .avx
        } else {
            self = .sse
        }
    }

    /// The level of the kernels of an x86-64 OpenBLAS core name, as `openblas_get_corename()`
    /// returns it (case-insensitive); nil for a name this table does not know (another
    /// architecture, or a newer OpenBLAS's new core), about which no advice is given.
    /// - Parameter coreName: for example "Prescott", "Haswell", "SkylakeX".
    public init?(openBLASCoreName coreName: String) {
        switch coreName.lowercased() {
        case "katmai", "coppermine", "northwood", "prescott", "banias", "atom", "core2", "penryn",
             "dunnington", "nehalem", "athlon", "opteron", "opteron_sse3", "barcelona", "nano", "bobcat":
            self = .sse
        case "sandybridge", "bulldozer", "piledriver", "steamroller", "excavator":
            self = .avx
        case "haswell", "zen":
            self = .avx2
        case "skylakex", "cooperlake", "sapphirerapids":
            self = .avx512
        default:
            return nil
        }
    }
}

/// Whether the loaded OpenBLAS runs kernels as wide as the processor allows, and which core type
/// to request when it does not.
///
/// Built from three strings, so that the decision can be checked for any machine: the core name
/// (`openblas_get_corename()`), the build configuration (`openblas_get_config()`, which says
/// whether the library is DYNAMIC_ARCH and so honours `OPENBLAS_CORETYPE`) and the processor's
/// flags. `BLAS.kernelDiagnosis` is the diagnosis of the running process.
public struct BLASKernelDiagnosis: Sendable, Equatable {
    /// The kernel set OpenBLAS chose, for example "Prescott" or "Haswell".
    public let coreName: String
    /// Whether the library selects kernels at load time (and so honours `OPENBLAS_CORETYPE`).
    public let isDynamicArch: Bool
    /// The vector level of the chosen kernels; nil when the core name is not a known x86-64 one.
    public let kernelLevel: VectorLevel?
    /// The processor's vector level; nil when its flags are unknown (not Linux, or not x86-64).
    public let processorLevel: VectorLevel?

    /// Diagnoses a library and processor.
    /// - Parameters:
    ///   - coreName: what `openblas_get_corename()` returns.
    ///   - config: what `openblas_get_config()` returns (looked up for "DYNAMIC_ARCH").
    ///   - processorFlags: the processor's `/proc/cpuinfo` flags, or nil when unknown.
    public init(coreName: String, config: String, processorFlags: Set<String>?) {
        self.coreName = coreName
        self.isDynamicArch = config.contains("DYNAMIC_ARCH")
        self.kernelLevel = VectorLevel(openBLASCoreName: coreName)
        self.processorLevel = processorFlags.map(VectorLevel.init(processorFlags:))
    }

    /// Whether the kernels are narrower than the processor allows (the fallback to detect).
    public var isFallback: Bool {
        guard let kernelLevel, let processorLevel else { return false }
        return kernelLevel < processorLevel
    }

    /// The `OPENBLAS_CORETYPE` value that gives kernels of the processor's level, when the
    /// current kernels are narrower and the library honours the variable; nil otherwise.
    public var recommendedCoreType: String? {
        guard isFallback, isDynamicArch else { return nil }
        return processorLevel?.openBLASCoreType
    }

    /// A one-paragraph warning for the fallback, with the recipe; nil when the kernels fit.
    public var warning: String? {
        guard isFallback, let kernelLevel, let processorLevel else { return nil }
        guard let recommended = recommendedCoreType else {
            return "OpenBLAS runs its \(coreName) kernels (\(kernelLevel)) on a processor with \(processorLevel), "
                + "and this build (not DYNAMIC_ARCH) cannot switch: install an OpenBLAS built for this processor."
        }
        return "OpenBLAS runs its \(coreName) kernels (\(kernelLevel)) on a processor with \(processorLevel): "
            + "matrix products may run several times slower than they should. Start the program with "
            + "OPENBLAS_CORETYPE=\(recommended) in its environment (OpenBLAS reads it when it loads)."
    }
}

extension BLAS {
    /// The kernel set the loaded OpenBLAS uses (`openblas_get_corename()`), e.g. "Haswell".
    public static var coreName: String { String(cString: openblas_get_corename()) }

    /// The loaded OpenBLAS's build configuration (`openblas_get_config()`), e.g.
    /// "OpenBLAS 0.3.21 NO_LAPACKE DYNAMIC_ARCH NO_AFFINITY Haswell MAX_THREADS=64".
    public static var configuration: String { String(cString: openblas_get_config()) }

    /// The diagnosis of this process: the loaded library's kernels against this processor's flags.
    /// - Complexity: reads `/proc/cpuinfo` once per call (a few kilobytes per core).
    public static var kernelDiagnosis: BLASKernelDiagnosis {
        BLASKernelDiagnosis(coreName: coreName, config: configuration, processorFlags: _processorFlags())
    }

    /// The recommended `OPENBLAS_CORETYPE` for this process, or nil when the kernels fit
    /// (`kernelDiagnosis.recommendedCoreType`).
    public static var recommendedCoreType: String? { kernelDiagnosis.recommendedCoreType }
}

/// The flags of the first processor in `/proc/cpuinfo`, or nil where there is no such file or
/// line (not Linux, or an architecture whose line is called "Features").
func _processorFlags(cpuinfo path: String = "/proc/cpuinfo") -> Set<String>? {
    #if canImport(Glibc)
    guard let file = fopen(path, "r") else { return nil }
    defer { fclose(file) }
    var line: UnsafeMutablePointer<CChar>? = nil
    var capacity = 0
    defer { free(line) }
    while getline(&line, &capacity, file) > 0, let line {
        let text = String(cString: line)
        guard text.hasPrefix("flags"), let colon = text.firstIndex(of: ":") else { continue }
        return _flagWords(text[text.index(after: colon)...])
    }
    return nil
    #else
    return nil
    #endif
}

/// The whitespace-separated words of a flags line, lower case.
func _flagWords(_ text: Substring) -> Set<String> {
    Set(text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).map { $0.lowercased() })
}
