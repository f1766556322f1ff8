import ArgumentParser
import ChurnKit
import Foundation

/// `churn segment FILE --k K`: k-means segments of customers with their profiles and churn rates.
struct SegmentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fit",
        abstract: "Group customers into segments (k-means) and profile each segment.",
        discussion: """
            Clusters on standardized numeric features (missing values imputed with the median), \
            then reports each segment's size, share, churn rate and lift (with --target) and the mean \
            or top levels of every column next to the overall value. With --k-range A...B, each k is \
            scored by inertia (elbow) and silhouette, and the k with the best silhouette is kept; \
            at most \(SegmentCommand.maximumCandidates) values of k are tried, and a line on standard error follows each one.
            """
    )

    @Argument(help: "The customer CSV file.")
    var file: String

    @Option(help: "The number of segments.")
    var k: Int?

    @Option(help: "A range of k to choose from, as A...B (e.g. 2...8).")
    var kRange: String?

    @Option(help: "A churn column whose rate is reported per segment.")
    var target: String?

    @Option(help: "The label of --target that means churned (inferred as in train: Yes, True, 1, Churned, ...).")
    var positive: String?

    @OptionGroup(title: "Columns (features: numeric columns to cluster on)")
    var columns: ColumnRoleOptions

    @Option(help: "A numeric column of what each customer is worth (e.g. lifetime_value from churn lifetime predict --add-to), never a feature: each segment's total, share and mean.")
    var valueColumn: String?

    @Option(help: "k-means++ restarts per k; the lowest inertia wins (scikit-learn's classic n_init).")
    var restarts: Int = 10

    @Option(help: "Seed of the k-means++ seeding and the silhouette sample.")
    var seed: UInt64 = 0

    @Option(help: "Where to write one row per customer: the id (or row number), then segment.")
    var out: String?

    @Option(help: "Where to write the segmentation model (JSON pipeline file).")
    var modelOut: String?

    @Flag(help: "Replace existing output files.")
    var force = false

    @OptionGroup(title: "Reading") var reading: ReadOptions

    @OptionGroup var output: OutputOptions

    func validate() throws {
        switch (k, kRange) {
        case (nil, nil): throw ValidationError("give --k K or --k-range A...B")
        case (.some, .some): throw ValidationError("give either --k or --k-range, not both")
        case (.some(let k), nil): guard k >= 1 else { throw ValidationError("--k must be at least 1, not \(k)") }
        case (nil, .some): _ = try range()
        }
        guard restarts >= 1, restarts <= 1_000 else { throw ValidationError("--restarts must be in 1...1000, not \(restarts)") }
    }

    /// The candidate k values.
    private func range() throws -> ClosedRange<Int> {
        if let k { return k...k }
        let parts = (kRange ?? "").components(separatedBy: "...")
        guard parts.count == 2, let low = Int(parts[0]), let high = Int(parts[1]), low >= 1, low <= high else {
            throw ValidationError("--k-range must look like 2...8 (two whole numbers, the first at least 1 and not above the second), not \"\(kRange ?? "")\"")
        }
        guard high - low < Self.maximumCandidates else {
            throw ValidationError("--k-range \(kRange ?? "") has \(high - low + 1) values of k; at most \(Self.maximumCandidates) are tried (each is a k-means fit with --restarts runs)")
        }
        return low...high
    }

    /// The most values of k one `--k-range` tries.
    static let maximumCandidates = 50

    func run() throws {
        print(try makeOutput())
    }

    /// Segments, writes the requested files and returns the text or JSON report.
    func makeOutput() throws -> String {
        try checkOutputs([out.map { ("--out", $0) }, modelOut.map { ("--model-out", $0) }].compactMap { $0 }, inputs: [file], force: force)
        let table = try readTable(file, options: reading.csvOptions)
        let options = SegmentationOptions(
            features: columns.featureColumns, target: target, positiveLabel: positive, idColumn: columns.id,
            ignoredColumns: columns.ignoredColumns, k: try range(), restarts: restarts, seed: seed, valueColumn: valueColumn)
        let start = Date()
        printError("segmenting \(table.rowCount) customers ...")
        let result = try SegmentationTrainer(options: options).segment(table) { candidate, done, total in
            let silhouette = candidate.silhouette.map { formatted($0) } ?? "none"
            printError("k = \(candidate.k) (\(done) of \(total)): inertia \(formatted(candidate.inertia)), silhouette \(silhouette) (\(elapsed(since: start)))")
        }
        printError("segmented in \(elapsed(since: start))")
        for line in result.columnRoles.summaryLines { printError(line) }
        for warning in result.warnings { printError("warning: \(warning)") }
        if let out {
            let ids = try idColumn(of: table, named: result.pipeline.idColumn, firstRow: 0)
            try CSVWriter.write(
                Table(columns: [ids, Column(name: "segment", numeric: result.model.labels.map(Double.init))]), toFileAt: out, replacing: force)
        }
        if let modelOut { try result.pipeline.write(to: modelOut, replacing: force) }
        let report = SegmentReport(result)
        switch output.format {
        case .json: return try jsonText(report)
        case .text: return report.text
        }
    }
}

/// What `churn segment` reports (its `--format json` keys).
struct SegmentReport: Encodable {
    struct Segment: Encodable {
        let id: Int
        let size: Int
        let share: Double
        let churnRate: Double?
        let lift: Double?
        let profile: [SegmentProfiles.FeatureProfile]
        let value: SegmentProfiles.SegmentValue?
    }

    let k: Int
    let inertia: Double
    let silhouette: Double?
    let silhouetteRows: Int
    let iterations: Int
    let features: [String]
    let columnRoles: ColumnRoles
    let restarts: Int
    let positiveLabel: String?
    let overallChurnRate: Double?
    /// `--value-column`: all customers' total value.
    let totalValue: Double?
    let kSelection: KSelection?
    let segments: [Segment]
    private let table: String

    init(_ result: SegmentationResult) {
        restarts = result.restarts
        columnRoles = result.columnRoles
        positiveLabel = result.target?.positiveLabel
        k = result.model.k
        inertia = result.model.inertia
        silhouette = result.silhouette
        silhouetteRows = result.silhouetteRows
        iterations = result.model.iterationCount
        features = result.features
        overallChurnRate = result.profiles.overallChurnRate
        totalValue = result.profiles.totalValue
        kSelection = result.selection
        segments = result.profiles.segments.map {
            Segment(id: $0.id, size: $0.size, share: $0.share, churnRate: $0.churnRate, lift: $0.lift, profile: $0.features, value: $0.value)
        }
        table = result.profiles.textTable()
    }

    private enum CodingKeys: String, CodingKey {
        case k, inertia, silhouette, silhouetteRows, iterations, features, columnRoles, restarts, positiveLabel
        case overallChurnRate, totalValue, kSelection, segments
    }

    /// The report for people: the choice of k, quality, and the profile table.
    var text: String {
        var lines: [String] = []
        if let kSelection {
            var choice = TextTable(headers: ["k", "inertia", "silhouette"], alignments: [.right, .right, .right])
            for candidate in kSelection.candidates {
                choice.append([String(candidate.k), formatted(candidate.inertia), candidate.silhouette.map { formatted($0, digits: 3) } ?? "-"])
            }
            lines.append(choice.render())
            lines.append("elbow suggests k = \(kSelection.elbowK.map(String.init) ?? "-"), silhouette suggests k = "
                + "\(kSelection.silhouetteK.map(String.init) ?? "-"); using k = \(k)")
            lines.append("")
        }
        let quality = silhouette.map { "silhouette \(formatted($0, digits: 3)) on \(silhouetteRows) customers" } ?? "silhouette undefined"
        lines.append("k-means, k = \(k) on \(features.joined(separator: ", ")) (standardized): inertia \(formatted(inertia)), "
            + "\(quality), \(iterations) iterations, best of \(restarts) k-means++ restarts")
        lines.append("")
        lines.append(table)
        return lines.joined(separator: "\n")
    }
}
