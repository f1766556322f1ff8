import Testing
@testable import LinearAlgebra

@Test func errorDescriptionsAreOneLineMessages() {
    let cases: [(LinearAlgebraError, String)] = [
        (.notPositiveDefinite(order: 3), "matrix is not positive definite: the leading minor of order 3 is not positive"),
        (.singular(index: 2), "matrix is singular: pivot 2 is exactly zero"),
        (.eigenNotConverged(info: 7), "symmetric eigenvalue algorithm failed to converge (LAPACK info 7)"),
        (.illegalArgument(routine: "dgesv", index: 4), "dgesv: argument 4 had an illegal value"),
        (.workspaceAllocationFailed(routine: "dgels"), "dgels: LAPACKE could not allocate its workspace (out of memory)"),
        (.invalidShape("A is 2 x 3"), "invalid shape: A is 2 x 3"),
    ]
    for (error, message) in cases {
        #expect(error.description == message)
        #expect(!message.contains("\n"))
    }
}
