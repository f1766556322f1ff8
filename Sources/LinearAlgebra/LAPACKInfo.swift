import COpenBLAS

// Translation of LAPACK's `info` result into `LinearAlgebraError`.
// info = 0: success; info = -i: argument i was illegal (a wrapper bug, reported rather than
// trapped); LAPACKE's -1010 / -1011: it could not allocate memory; info > 0: a numerical failure
// whose meaning depends on the routine (not positive definite, singular, rank deficient, ...).

/// Throws the error that `info` from LAPACKE routine `routine` stands for.
/// - Parameters:
///   - info: the value returned by the LAPACKE routine.
///   - routine: the routine name for messages (e.g. "dpotrf").
///   - failure: the error for a positive `info`, which is passed to it.
func _checkLAPACK(
    _ info: Int32, routine: String, failure: (Int) -> LinearAlgebraError
) throws(LinearAlgebraError) {
    switch info {
    case 0:
        return
    case LAPACK_WORK_MEMORY_ERROR, LAPACK_TRANSPOSE_MEMORY_ERROR:
        throw .workspaceAllocationFailed(routine: routine)
    case ..<0:
        throw .illegalArgument(routine: routine, index: -Int(info))
    default:
        throw failure(Int(info))
    }
}

/// The LAPACK character code of an ASCII letter (`"L"`, `"U"`, `"N"`, `"V"`).
func _lapackChar(_ letter: Unicode.Scalar) -> CChar {
    CChar(UInt8(ascii: letter))
}
