/// The audit record written beside an assignment: what was assigned, from which input, how.
///
/// It holds no time stamp or host name, so the same input and seed give a byte-identical manifest.
public struct AssignmentManifest: Sendable, Codable, Equatable {
    /// Customers in one tier × group.
    public struct Cell: Sendable, Codable, Equatable {
        /// Tier name.
        public var tier: String
        /// "control" or "treatment".
        public var group: String
        /// The group's label (control name or arm name).
        public var arm: String
        /// Designed share of the tier.
        public var designedShare: Double
        /// Customers assigned.
        public var count: Int
    }

    /// Score range of one tier.
    public struct TierRange: Sendable, Codable, Equatable {
        /// Tier name.
        public var tier: String
        /// Customers in the tier.
        public var count: Int
        /// Lowest score in the tier (NaN is written as null: none).
        public var minimumScore: Double?
        /// Highest score in the tier.
        public var maximumScore: Double?
    }

    /// The input file the scores came from.
    public struct Input: Sendable, Codable, Equatable {
        /// File name or description.
        public var name: String
        /// SHA-256 of the file's bytes (64 hex characters), when known.
        public var sha256: String?
        /// Column holding customer ids.
        public var idColumn: String?
        /// Column holding scores.
        public var scoreColumn: String?

        /// Describes an input.
        /// - Parameters:
        ///   - name: File name or description.
        ///   - sha256: SHA-256 of the file's bytes, when known.
        ///   - idColumn: Column holding customer ids.
        ///   - scoreColumn: Column holding scores.
        public init(name: String, sha256: String? = nil, idColumn: String? = nil, scoreColumn: String? = nil) {
            self.name = name
            self.sha256 = sha256
            self.idColumn = idColumn
            self.scoreColumn = scoreColumn
        }
    }

    /// Format name, "churnkit-assignment".
    public var format: String
    /// Format version (currently 1).
    public var version: Int
    /// The seed as a decimal string (JSON numbers cannot hold every UInt64 exactly).
    public var seed: String
    /// The randomization algorithm, described in one line.
    public var algorithm: String
    /// The design.
    public var design: ExperimentDesign
    /// The input.
    public var input: Input
    /// Customers assigned.
    public var customerCount: Int
    /// Counts per tier × group.
    public var cells: [Cell]
    /// Score ranges per tier.
    public var tierRanges: [TierRange]
    /// The SHA-256 (hex) of the assignment file this manifest belongs to, set by
    /// `AssignmentFile.write`: readers refuse an assignment whose bytes differ (an assignment
    /// replaced beside an older manifest, or a half-finished write of the pair).
    public var assignmentSHA256: String?

    /// The current format version.
    public static let currentVersion = 1

    /// Describes an assignment.
    /// - Parameters:
    ///   - assignment: The assignment.
    ///   - seed: The seed it was randomized with.
    ///   - input: The input description (name, checksum, columns).
    /// - Complexity: O(n).
    public init(assignment: Assignment, seed: UInt64, input: Input) {
        format = "churnkit-assignment"
        version = Self.currentVersion
        self.seed = String(seed)
        algorithm = "tiers by rule; per tier a xoshiro256** split stream, Fisher-Yates shuffle, largest-remainder group sizes"
        design = assignment.design
        self.input = input
        customerCount = assignment.count
        let counts = assignment.counts
        cells = assignment.design.tiers.enumerated().flatMap { t, tier in
            tier.groupNames.enumerated().map { g, name in
                Cell(tier: tier.name, group: g == 0 ? "control" : "treatment", arm: name,
                     designedShare: tier.groupShares[g], count: counts[t][g])
            }
        }
        var low = [Double](repeating: .infinity, count: assignment.design.tiers.count)
        var high = [Double](repeating: -.infinity, count: assignment.design.tiers.count)
        for row in 0..<assignment.count where !assignment.scores[row].isNaN {
            low[assignment.tiers[row]] = min(low[assignment.tiers[row]], assignment.scores[row])
            high[assignment.tiers[row]] = max(high[assignment.tiers[row]], assignment.scores[row])
        }
        tierRanges = assignment.design.tiers.enumerated().map { t, tier in
            TierRange(tier: tier.name, count: counts[t].reduce(0, +),
                      minimumScore: low[t].isFinite ? low[t] : nil, maximumScore: high[t].isFinite ? high[t] : nil)
        }
    }
}
