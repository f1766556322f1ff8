#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Natural logarithm from the C library (kept in one place so the module imports libc once).
@inline(__always) func _log(_ x: Double) -> Double { log(x) }
/// Cosine from the C library.
@inline(__always) func _cos(_ x: Double) -> Double { cos(x) }
/// Exponential from the C library.
@inline(__always) func _exp(_ x: Double) -> Double { exp(x) }
