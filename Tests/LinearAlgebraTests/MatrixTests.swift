import Foundation
import Testing
@testable import LinearAlgebra

@Test func matrixShapeIsChecked() throws {
    #expect(throws: LinearAlgebraError.self) { try Matrix(rows: 2, columns: 2, values: [1, 2, 3]) }
    #expect(throws: LinearAlgebraError.self) { try Matrix([[1, 2], [3]]) }
    let m = try Matrix([[1, 2, 3], [4, 5, 6]])
    #expect(m[1, 2] == 6)
    #expect(m.transposed == (try Matrix([[1, 4], [2, 5], [3, 6]])))
}

@Test func keepingColumnsCopiesTheChosenColumnsInOrder() throws {
    let m = try Matrix([[1, 2, 3], [4, 5, 6]])
    #expect(try m.keepingColumns([2, 0]) == (try Matrix([[3, 1], [6, 4]])))
    #expect(try m.keepingColumns([]).columns == 0)
    #expect(throws: LinearAlgebraError.self) { try m.keepingColumns([3]) }
}

/// Issue 13: a model file claiming a 2^32 x 2^32 matrix trapped while the error message computed
/// `rows * columns`; decoding now fails with a shape error.
@Test func aShapeWhoseSizeOverflowsIsAnErrorNotATrap() throws {
    #expect(throws: LinearAlgebraError.self) { try Matrix(rows: 1 << 32, columns: 1 << 32, values: [1, 2]) }
    let json = #"{"rows": 4294967296, "columns": 4294967296, "values": [1, 2]}"#
    #expect(throws: DecodingError.self) { try JSONDecoder().decode(Matrix.self, from: Data(json.utf8)) }
}

@Test func keepingRowsCopiesTheChosenRowsInOrder() throws {
    let m = try Matrix([[1, 2], [3, 4], [5, 6]])
    #expect(try m.keepingRows([2, 0, 2]) == (try Matrix([[5, 6], [1, 2], [5, 6]])))
    #expect(try m.keepingRows([]).rows == 0)
    #expect(throws: LinearAlgebraError.self) { try m.keepingRows([3]) }
}
