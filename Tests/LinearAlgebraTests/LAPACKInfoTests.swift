import Testing
@testable import LinearAlgebra

@Test func lapackInfoBecomesTypedErrors() throws {
    try _checkLAPACK(0, routine: "dpotrf") { .notPositiveDefinite(order: $0) }
    #expect(throws: LinearAlgebraError.notPositiveDefinite(order: 4)) {
        try _checkLAPACK(4, routine: "dpotrf") { .notPositiveDefinite(order: $0) }
    }
    #expect(throws: LinearAlgebraError.illegalArgument(routine: "dgesv", index: 5)) {
        try _checkLAPACK(-5, routine: "dgesv") { .singular(index: $0) }
    }
    #expect(throws: LinearAlgebraError.workspaceAllocationFailed(routine: "dgels")) {
        try _checkLAPACK(-1010, routine: "dgels") { .rankDeficient(index: $0) }
    }
    #expect(throws: LinearAlgebraError.workspaceAllocationFailed(routine: "dsyevd")) {
        try _checkLAPACK(-1011, routine: "dsyevd") { .eigenNotConverged(info: $0) }
    }
    #expect(_lapackChar("L") == 76)
}
