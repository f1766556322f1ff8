/// Observed outcomes of an experiment, keyed by customer id.
public struct ExperimentOutcomes: Sendable, Equatable {
    /// Customer ids, unique.
    public let ids: [String]
    /// The binary outcome per customer (for a retention campaign: churned).
    public let events: [Bool]
    /// An optional numeric outcome per customer (for example spend), compared by Welch's test.
    public let numericOutcome: [Double]?
    /// An optional value per customer (for example annual margin), used by the economics.
    public let customerValue: [Double]?

    /// Creates outcomes, validating them.
    /// - Parameters:
    ///   - ids: Unique customer ids.
    ///   - events: Binary outcome per id.
    ///   - numericOutcome: Optional finite numeric outcome per id.
    ///   - customerValue: Optional finite, non-negative value per id.
    /// - Throws: `ExperimentsError.lengthMismatch`, `.duplicateID` (naming both rows),
    ///   `.nonFiniteValue` or `.invalidArgument` for a bad number.
    /// - Complexity: O(n) expected.
    public init(ids: [String], events: [Bool], numericOutcome: [Double]? = nil, customerValue: [Double]? = nil) throws(ExperimentsError) {
        guard events.count == ids.count else { throw .lengthMismatch(argument: "events", count: events.count, expected: ids.count) }
        if let numericOutcome {
            guard numericOutcome.count == ids.count else {
                throw .lengthMismatch(argument: "numericOutcome", count: numericOutcome.count, expected: ids.count)
            }
            if let bad = numericOutcome.firstIndex(where: { !$0.isFinite }) {
                throw .nonFiniteValue(argument: "numericOutcome", index: bad, value: numericOutcome[bad])
            }
        }
        if let customerValue {
            guard customerValue.count == ids.count else {
                throw .lengthMismatch(argument: "customerValue", count: customerValue.count, expected: ids.count)
            }
            if let bad = customerValue.firstIndex(where: { !$0.isFinite || $0 < 0 }) {
                throw .invalidArgument(name: "customerValue[\(bad)]", value: "\(customerValue[bad])", reason: "must be finite and non-negative")
            }
        }
        try _checkUniqueIDs(ids)
        self.ids = ids
        self.events = events
        self.numericOutcome = numericOutcome
        self.customerValue = customerValue
    }
}
