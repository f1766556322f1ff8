// Shape and value checks shared by the BLAS and LAPACK wrappers of `Matrix`.

extension Matrix {
    /// The shape as `"rows x columns"`, as quoted in error messages.
    var shapeDescription: String { "\(rows) x \(columns)" }

    /// Throws unless the matrix is square; `routine` names the operation in the message.
    func _requireSquare(_ routine: String) throws(LinearAlgebraError) {
        guard rows == columns else {
            throw .invalidShape("\(routine) needs a square matrix, but A is \(shapeDescription)")
        }
    }

    /// Throws `LinearAlgebraError.nonFinite` naming the first NaN or infinite element.
    /// LAPACK routines would otherwise reject such input with an opaque argument error, or loop.
    /// - Complexity: O(rows * columns).
    func _requireFinite(_ routine: String, name: String = "A") throws(LinearAlgebraError) {
        let columns = self.columns
        let position: Int? = storage.withUnsafeBufferPointer { values in
            values.firstIndex { !$0.isFinite }
        }
        if let position {
            throw .nonFinite(
                "\(routine): \(name)[\(position / columns), \(position % columns)] is \(storage[position])")
        }
    }
}
