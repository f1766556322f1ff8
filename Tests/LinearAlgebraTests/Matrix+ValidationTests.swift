import Testing
@testable import LinearAlgebra

@Test func validationHelpersNameShapeAndPosition() throws {
    let m = try Matrix([[1, 2, 3], [4, .nan, 6]])
    #expect(m.shapeDescription == "2 x 3")
    #expect(throws: LinearAlgebraError.nonFinite("check: X[1, 1] is nan")) { try m._requireFinite("check", name: "X") }
    #expect(throws: LinearAlgebraError.invalidShape("check needs a square matrix, but A is 2 x 3")) {
        try m._requireSquare("check")
    }
    try Matrix.identity(2)._requireSquare("check")
    try Matrix.identity(2)._requireFinite("check")
}
