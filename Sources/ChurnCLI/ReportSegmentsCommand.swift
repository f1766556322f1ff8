import ArgumentParser
import ChurnKit

/// `churn report segments FILE --out FILE.ipynb`: k-means segments as readable profile tables,
/// with a chart per segment (and churn rates when a churn column is given).
struct ReportSegmentsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "segments",
        abstract: "Customer segments: k-means profiles as tables, a chart per segment.",
        discussion: """
            The notebook segments FILE with churn segment (k-means on standardized numeric \
            columns, --features or chosen as churn segment chooses them; k is --k, or the k of \
            --k-range with the best silhouette), then shows one profile \
            column per segment (size, share, churn rate and lift with --target, numeric means, \
            the most common level of categorical columns), the churn rate by segment, and each \
            segment's numeric means as an index against the customer base (100 = average).
            """)

    @Argument(help: "The customer CSV file.")
    var file: String

    @Option(help: "The number of segments (default: the k of --k-range with the best silhouette).")
    var k: Int?

    @Option(help: "The range of k to choose from when --k is not given, as A...B.")
    var kRange = "2...8"

    @Option(help: "A churn column whose rate is reported per segment.")
    var target: String?

    @Option(help: "Seed of the k-means++ seeding and the silhouette sample.")
    var seed: UInt64 = 42

    @OptionGroup(title: "Columns (features: numeric columns to cluster on)")
    var columns: ColumnRoleOptions

    @OptionGroup var report: ReportOptions

    func validate() throws {
        if let k { guard (1...50).contains(k) else { throw ValidationError("--k must be in 1...50, not \(k)") } }
    }

    func run() throws { print(try makeOutput()) }

    /// Writes the notebook; returns the line `churn report` prints.
    func makeOutput() throws -> String {
        try requireColumns([("--target", target)] + columns.namedColumns, in: file)
        var notebook = try ReportNotebook(title: "Customer segments: \(file)", introduction: """
            k-means segments of `\(file)`\(target.map { ", profiled with the churn label `\($0)`" } ?? ""): \
            one profile column per segment and a chart per segment.
            """, options: report)
        let arguments = ["segment", file] + (k.map { ["--k", String($0)] } ?? ["--k-range", kRange]) + columns.arguments
            + (target.map { ["--target", $0] } ?? []) + ["--seed", String(seed), "--format", "json"]
        notebook.code(churnCall(arguments, into: "seg"), #"""
            print(f"k = {seg['k']}: inertia {fmt(seg['inertia'], 5)}, silhouette {fmt(seg['silhouette'])} "
                  f"on {seg['silhouetteRows']} customers, {seg['iterations']} iterations")
            """#)
        if k == nil {
            notebook.code(#"""
                choice = seg["kSelection"]
                table(choice["candidates"], [("k", "k"), ("inertia", "inertia"), ("silhouette", "silhouette"), ("iterations", "iterationCount")],
                      caption=f"k chosen by the silhouette (on {choice['silhouetteRowCount']} customers): {choice['silhouetteK']}")
                """#)
        }
        notebook.markdown("## Profiles\n\nOne column per segment; numeric rows are means, categorical rows the most common level and its share.")
        notebook.code(#"""
            segments = seg["segments"]
            rows = [{"": "customers", **{f"segment {s['id']}": s["size"] for s in segments}, "all": sum(s["size"] for s in segments)},
                    {"": "share", **{f"segment {s['id']}": percent(s["share"]) for s in segments}, "all": "100.0%"}]
            if seg.get("overallChurnRate") is not None:
                rows += [{"": "churn rate", **{f"segment {s['id']}": percent(s["churnRate"]) for s in segments},
                          "all": percent(seg["overallChurnRate"])},
                         {"": "lift", **{f"segment {s['id']}": s["lift"] for s in segments}, "all": 1.0}]
            for k, feature in enumerate(segments[0]["profile"]):
                if feature["kind"] == "numeric":
                    rows.append({"": feature["column"] + " (mean)", **{f"segment {s['id']}": s["profile"][k]["mean"] for s in segments},
                                 "all": feature["overallMean"]})
                elif feature.get("topLevels"):
                    top = lambda f: f"{f['topLevels'][0]['level']} {percent(f['topLevels'][0]['share'], 0)}" if f.get("topLevels") else ""
                    common = max(feature["topLevels"], key=lambda level: level["overallShare"])
                    rows.append({"": feature["column"], **{f"segment {s['id']}": top(s["profile"][k]) for s in segments},
                                 "all": f"{common['level']} {percent(common['overallShare'], 0)}"})
            table(rows, [("", "")] + [(f"segment {s['id']}", f"segment {s['id']}") for s in segments] + [("all", "all")])
            """#)
        if target != nil {
            notebook.code(#"""
                bar_chart("Churn rate by segment", "segment", "churn rate", [(str(s["id"]), s["churnRate"]) for s in segments],
                          reference=(seg["overallChurnRate"], f"all customers ({percent(seg['overallChurnRate'])})"))
                """#)
        }
        notebook.markdown("## Each segment against the customer base\n\nNumeric means as an index: 100 is the average customer.")
        notebook.code(#"""
            for s in segments:
                numeric = [f for f in s["profile"] if f["kind"] == "numeric" and f["overallMean"]]
                churn_rate = f", churn {percent(s['churnRate'])}" if s.get("churnRate") is not None else ""
                bar_chart(f"Segment {s['id']}: {s['size']} customers{churn_rate}", "feature", "index",
                          [(f["column"], 100 * f["mean"] / f["overallMean"]) for f in numeric], reference=(100, "average = 100"))
            """#)
        return try notebook.write(report, inputs: [file])
    }
}
