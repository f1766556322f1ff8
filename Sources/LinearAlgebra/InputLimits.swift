// The one place where user-given counts, sizes, fractions and reals are checked before they size an
// allocation or become an `Int`: flags of the command line and numbers read from model files pass
// through these functions, so a huge count gives "this would need N GB" instead of a trap in
// `Array(repeating:count:)`, and an infinite sample size gives a message instead of a trap in
// `Int(Double)`.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a user-given number was refused: which number (`name`, as the user wrote it: a flag or a
/// model-file key), its value, and what was expected.
public enum InputLimitError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The value is NaN or infinite where a finite number is needed.
    case notFinite(name: String, value: Double)
    /// The value lies outside `expected` (a phrase such as "in (0, 1)" or "at most 1,000").
    case outOfRange(name: String, value: String, expected: String)
    /// Holding `what` would need `bytes` bytes (as a `Double`: it may exceed `Int.max`) of the
    /// machine's `available` bytes of memory.
    case needsTooMuchMemory(name: String, what: String, bytes: Double, available: Int)

    /// A one-line explanation naming the number.
    public var description: String {
        switch self {
        case .notFinite(let name, let value):
            return "\(name) must be a finite number, not \(value)"
        case .outOfRange(let name, let value, let expected):
            return "\(name) must be \(expected), not \(value)"
        case .needsTooMuchMemory(let name, let what, let bytes, let available):
            return "\(name): \(what) would need \(InputLimits.gigabytes(bytes)) of memory; this machine has "
                + "\(InputLimits.gigabytes(Double(available)))"
        }
    }
}

/// Checks of user-given numbers at the boundary (flags and file contents), each throwing an
/// ``InputLimitError`` that names the number.
public enum InputLimits {
    /// The machine's physical memory in bytes (`sysconf`), or 2^62 when unknown.
    public static let physicalMemory: Int = {
        let pages = sysconf(Int32(_SC_PHYS_PAGES)), size = sysconf(Int32(_SC_PAGESIZE))
        guard pages > 0, size > 0 else { return 1 << 62 }
        let (bytes, overflow) = pages.multipliedReportingOverflow(by: size)
        return overflow ? 1 << 62 : bytes
    }()

    /// `bytes` as gigabytes for messages ("1.5 GB", "3.2e+09 GB").
    /// - Parameter bytes: a byte count (may exceed `Int.max`).
    public static func gigabytes(_ bytes: Double) -> String {
        let gb = bytes / 1e9
        if gb >= 1e6 { return "\(Float(gb)) GB" }
        return "\((gb * 10).rounded(.up) / 10) GB"
    }

    /// Checks that a count lies in `range`.
    /// - Parameters:
    ///   - value: the count.
    ///   - name: the flag or key, for the message (`--customers`).
    ///   - range: the accepted values.
    /// - Returns: `value`.
    /// - Throws: `InputLimitError.outOfRange`.
    @discardableResult
    public static func count(_ value: Int, name: String, in range: ClosedRange<Int>) throws(InputLimitError) -> Int {
        guard range.contains(value) else {
            let expected = range.upperBound == Int.max ? "at least \(range.lowerBound)" : "in \(range.lowerBound)...\(range.upperBound)"
            throw .outOfRange(name: name, value: "\(value)", expected: expected)
        }
        return value
    }

    /// Checks that a real number is finite and lies in `range` (closed unless `open`).
    /// - Parameters:
    ///   - value: the number.
    ///   - name: the flag or key, for the message.
    ///   - range: the accepted interval, or nil for any finite number.
    ///   - open: whether the bounds themselves are refused (an open interval).
    /// - Returns: `value`.
    /// - Throws: `InputLimitError.notFinite` or `.outOfRange`.
    @discardableResult
    public static func real(_ value: Double, name: String, in range: ClosedRange<Double>? = nil, open: Bool = false) throws(InputLimitError) -> Double {
        guard value.isFinite else { throw .notFinite(name: name, value: value) }
        guard let range else { return value }
        let inside = open ? value > range.lowerBound && value < range.upperBound : range.contains(value)
        guard inside else {
            let (l, r) = open ? ("(", ")") : ("[", "]")
            // A range open above (up to the largest double) is "at least" its bound, not "in [0, 1.797e308]".
            let expected = range.upperBound == .greatestFiniteMagnitude
                ? (open ? "above \(range.lowerBound)" : "at least \(range.lowerBound)")
                : "in \(l)\(range.lowerBound), \(range.upperBound)\(r)"
            throw .outOfRange(name: name, value: "\(value)", expected: expected)
        }
        return value
    }

    /// The integer nearest `value` rounded by `rule`, when it is finite and within `range`.
    /// - Parameters:
    ///   - value: a computed size (for example a sample size).
    ///   - name: what it is, for the message.
    ///   - rule: the rounding (default: up).
    ///   - range: the accepted integers (default 0...2^53, counts exact in a `Double`).
    /// - Returns: the rounded integer.
    /// - Throws: `InputLimitError.notFinite` or `.outOfRange`.
    public static func integer(
        _ value: Double, name: String, rounding rule: FloatingPointRoundingRule = .up, in range: ClosedRange<Int> = 0...(1 << 53)
    ) throws(InputLimitError) -> Int {
        guard value.isFinite else { throw .notFinite(name: name, value: value) }
        let rounded = value.rounded(rule)
        guard rounded >= Double(range.lowerBound), rounded <= Double(range.upperBound), let result = Int(exactly: rounded) else {
            throw .outOfRange(name: name, value: "\(value)", expected: "in \(range.lowerBound)...\(range.upperBound)")
        }
        return result
    }

    /// The product of sizes, refused when it overflows or when `bytesEach` bytes per element do not
    /// fit in the machine's memory.
    /// - Parameters:
    ///   - factors: non-negative sizes (rows, columns, ...).
    ///   - bytesEach: bytes per element (8 for a `Double`).
    ///   - name: the flag or key that gave the sizes.
    ///   - what: what is being sized, for the message ("a table of 10 rows x 3 columns").
    /// - Returns: the product (the element count).
    /// - Throws: `InputLimitError.outOfRange` for a negative factor, `.needsTooMuchMemory` when the
    ///   bytes exceed `physicalMemory` (or an `Int`).
    /// - Complexity: O(factors.count).
    @discardableResult
    public static func elements(_ factors: [Int], bytesEach: Int, name: String, what: String) throws(InputLimitError) -> Int {
        var product = 1, approximate = 1.0
        var overflowed = false
        for factor in factors {
            guard factor >= 0 else { throw .outOfRange(name: name, value: "\(factor)", expected: "at least 0") }
            let (next, overflow) = product.multipliedReportingOverflow(by: factor)
            overflowed = overflowed || overflow
            product = overflow ? Int.max : next
            approximate *= Double(factor)
        }
        let (bytes, overflow) = product.multipliedReportingOverflow(by: max(1, bytesEach))
        if overflowed || overflow || bytes > physicalMemory {
            throw .needsTooMuchMemory(name: name, what: what, bytes: approximate * Double(max(1, bytesEach)), available: physicalMemory)
        }
        return product
    }
}
