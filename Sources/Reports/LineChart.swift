/// A line chart rendered as a self-contained SVG document: axes with ticks, one polyline per
/// series, and a legend. Used for ROC, cumulative gains, calibration, elbow and Qini curves.
public struct LineChart: Sendable {
    /// One named line.
    public struct Series: Sendable {
        /// The legend label.
        public var name: String
        /// The points, in drawing order.
        public var points: [(x: Double, y: Double)]
        /// Whether to draw the line dashed (reference lines such as "random").
        public var dashed: Bool
        /// Whether to mark each point with a dot.
        public var markers: Bool
        /// A label written beside each point (for example a bin's count, "n=120"); empty for none.
        public var pointLabels: [String]

        /// Creates a series.
        public init(name: String, points: [(x: Double, y: Double)], dashed: Bool = false, markers: Bool = false,
                    pointLabels: [String] = []) {
            self.name = name
            self.points = points
            self.dashed = dashed
            self.markers = markers
            self.pointLabels = pointLabels
        }
    }

    /// The title above the plot.
    public var title: String
    /// The x-axis label.
    public var xLabel: String
    /// The y-axis label.
    public var yLabel: String
    /// The lines.
    public var series: [Series]
    /// Fixed x range, or nil to fit the data.
    public var xRange: ClosedRange<Double>?
    /// Fixed y range, or nil to fit the data.
    public var yRange: ClosedRange<Double>?

    /// Creates a chart.
    public init(
        title: String, xLabel: String, yLabel: String, series: [Series],
        xRange: ClosedRange<Double>? = nil, yRange: ClosedRange<Double>? = nil
    ) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.series = series
        self.xRange = xRange
        self.yRange = yRange
    }

    /// The chart as an SVG document of `width` x `height` pixels. Non-finite points are skipped.
    /// - Complexity: O(total points).
    public func svg(width: Int = 640, height: Int = 400) -> String {
        let finite = series.flatMap { $0.points.filter { $0.x.isFinite && $0.y.isFinite } }
        let xs = xRange ?? _paddedRange(finite.map(\.x))
        let ys = yRange ?? _paddedRange(finite.map(\.y))
        var canvas = _SVGCanvas(width: width, height: height, xRange: xs, yRange: ys)
        canvas.drawFrame(title: title, xLabel: xLabel, yLabel: yLabel)
        for (index, line) in series.enumerated() {
            canvas.drawPolyline(line.points, colorIndex: index, dashed: line.dashed)
            if line.markers || !line.pointLabels.isEmpty {
                canvas.drawMarkers(line.points, colorIndex: index, dots: line.markers, labels: line.pointLabels)
            }
        }
        canvas.drawLegend(series.enumerated().map { ($0.element.name, $0.offset, $0.element.dashed) })
        return canvas.document
    }
}

/// A vertical bar chart as SVG, for values per group (lift by decile, churn rate per segment).
public struct BarChart: Sendable {
    /// The title above the plot.
    public var title: String
    /// The x-axis label.
    public var xLabel: String
    /// The y-axis label.
    public var yLabel: String
    /// One label and value per bar.
    public var bars: [(label: String, value: Double)]
    /// A horizontal reference line (for example lift 1 or the base churn rate), or nil.
    public var reference: Double?
    /// What the reference line is ("average (lift 1)"), written at its right end; nil for no label.
    public var referenceLabel: String?

    /// Creates a bar chart.
    public init(title: String, xLabel: String, yLabel: String, bars: [(label: String, value: Double)], reference: Double? = nil,
                referenceLabel: String? = nil) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.bars = bars
        self.reference = reference
        self.referenceLabel = referenceLabel
    }

    /// The chart as an SVG document of `width` x `height` pixels.
    /// - Complexity: O(bars).
    public func svg(width: Int = 640, height: Int = 400) -> String {
        let values = bars.map(\.value).filter(\.isFinite) + [0] + (reference.map { [$0] } ?? [])
        let top = _paddedRange(values).upperBound
        var canvas = _SVGCanvas(width: width, height: height, xRange: 0...Double(max(bars.count, 1)), yRange: 0...top)
        canvas.drawFrame(title: title, xLabel: xLabel, yLabel: yLabel, xTicks: false)
        for (index, bar) in bars.enumerated() where bar.value.isFinite {
            canvas.drawBar(at: Double(index), width: 1, value: bar.value, label: bar.label)
        }
        if let reference {
            canvas.drawPolyline([(0, reference), (Double(bars.count), reference)], colorIndex: 1, dashed: true)
            if let referenceLabel { canvas.drawLabel(referenceLabel, at: (Double(bars.count), reference), colorIndex: 1, anchor: "end") }
        }
        return canvas.document
    }
}
