import Foundation

/// The drawing surface shared by the charts: maps data coordinates to pixels inside margins and
/// accumulates SVG elements.
struct _SVGCanvas {
    private static let palette = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#17becf"]
    private let width: Double, height: Double
    private let left = 64.0, right = 20.0, top = 36.0, bottom = 52.0
    private let xRange: ClosedRange<Double>, yRange: ClosedRange<Double>
    private var elements: [String] = []

    init(width: Int, height: Int, xRange: ClosedRange<Double>, yRange: ClosedRange<Double>) {
        self.width = Double(width)
        self.height = Double(height)
        self.xRange = xRange
        self.yRange = yRange
    }

    private func px(_ x: Double) -> Double {
        left + (x - xRange.lowerBound) / max(xRange.upperBound - xRange.lowerBound, .leastNormalMagnitude) * (width - left - right)
    }

    private func py(_ y: Double) -> Double {
        height - bottom - (y - yRange.lowerBound) / max(yRange.upperBound - yRange.lowerBound, .leastNormalMagnitude) * (height - top - bottom)
    }

    /// Title, axes, tick marks with labels, and axis labels.
    mutating func drawFrame(title: String, xLabel: String, yLabel: String, xTicks: Bool = true) {
        let x0 = px(xRange.lowerBound), x1 = px(xRange.upperBound), y0 = py(yRange.lowerBound), y1 = py(yRange.upperBound)
        elements.append(##"<rect x="0" y="0" width="\##(f(width))" height="\##(f(height))" fill="white"/>"##)
        elements.append(##"<text x="\##(f(width / 2))" y="22" text-anchor="middle" font-size="15" font-weight="bold">\##(escape(title))</text>"##)
        elements.append(##"<path d="M\##(f(x0)),\##(f(y1)) L\##(f(x0)),\##(f(y0)) L\##(f(x1)),\##(f(y0))" stroke="#333" fill="none"/>"##)
        for tick in _ticks(yRange) {
            let y = py(tick)
            elements.append(##"<line x1="\##(f(x0 - 4))" y1="\##(f(y))" x2="\##(f(x1))" y2="\##(f(y))" stroke="#ddd"/>"##)
            elements.append(##"<text x="\##(f(x0 - 7))" y="\##(f(y + 4))" text-anchor="end" font-size="11">\##(_tickLabel(tick))</text>"##)
        }
        if xTicks {
            for tick in _ticks(xRange) {
                let x = px(tick)
                elements.append(##"<line x1="\##(f(x))" y1="\##(f(y0))" x2="\##(f(x))" y2="\##(f(y0 + 4))" stroke="#333"/>"##)
                elements.append(##"<text x="\##(f(x))" y="\##(f(y0 + 17))" text-anchor="middle" font-size="11">\##(_tickLabel(tick))</text>"##)
            }
        }
        elements.append(##"<text x="\##(f((x0 + x1) / 2))" y="\##(f(height - 12))" text-anchor="middle" font-size="12">\##(escape(xLabel))</text>"##)
        elements.append(##"<text transform="translate(16,\##(f((y0 + y1) / 2))) rotate(-90)" text-anchor="middle" font-size="12">\##(escape(yLabel))</text>"##)
    }

    /// A polyline through the finite points.
    mutating func drawPolyline(_ points: [(x: Double, y: Double)], colorIndex: Int, dashed: Bool) {
        let coordinates = points.filter { $0.x.isFinite && $0.y.isFinite }.map { "\(f(px($0.x))),\(f(py($0.y)))" }
        guard !coordinates.isEmpty else { return }
        let dash = dashed ? ##" stroke-dasharray="6,4""## : ""
        elements.append(##"<polyline points="\##(coordinates.joined(separator: " "))" fill="none" stroke="\##(color(colorIndex))" stroke-width="2"\##(dash)/>"##)
    }

    /// A dot at each finite point (when `dots`) and `labels[i]` above and right of point `i`.
    mutating func drawMarkers(_ points: [(x: Double, y: Double)], colorIndex: Int, dots: Bool, labels: [String]) {
        for (index, point) in points.enumerated() where point.x.isFinite && point.y.isFinite {
            if dots {
                elements.append(##"<circle cx="\##(f(px(point.x)))" cy="\##(f(py(point.y)))" r="3.5" fill="\##(color(colorIndex))"/>"##)
            }
            if index < labels.count, !labels[index].isEmpty {
                drawLabel(labels[index], at: point, colorIndex: colorIndex, anchor: "start")
            }
        }
    }

    /// `text` just above the data point `at`, in the series' color; `anchor` is SVG's text-anchor
    /// (`start`: the text begins right of the point, `end`: it ends there).
    mutating func drawLabel(_ text: String, at point: (x: Double, y: Double), colorIndex: Int, anchor: String) {
        let dx = anchor == "end" ? -4.0 : 5.0
        elements.append(##"<text x="\##(f(px(point.x) + dx))" y="\##(f(py(point.y) - 6))" text-anchor="\##(anchor)" font-size="11" fill="\##(color(colorIndex))" stroke="white" stroke-width="3" paint-order="stroke">\##(escape(text))</text>"##)
    }

    /// A bar from 0 to `value` over [at, at + width), labelled under the axis.
    mutating func drawBar(at x: Double, width w: Double, value: Double, label: String) {
        let xa = px(x + 0.1 * w), xb = px(x + 0.9 * w), ya = py(max(value, 0)), yb = py(0)
        elements.append(##"<rect x="\##(f(xa))" y="\##(f(min(ya, yb)))" width="\##(f(xb - xa))" height="\##(f(abs(yb - ya)))" fill="\##(color(0))"/>"##)
        elements.append(##"<text x="\##(f((xa + xb) / 2))" y="\##(f(yb + 17))" text-anchor="middle" font-size="11">\##(escape(label))</text>"##)
    }

    /// A legend box in the top-left corner of the plot area.
    mutating func drawLegend(_ entries: [(name: String, colorIndex: Int, dashed: Bool)]) {
        guard entries.count > 1 else { return }
        for (row, entry) in entries.enumerated() {
            let y = top + 14 + 18 * Double(row), x = left + 12
            let dash = entry.dashed ? ##" stroke-dasharray="6,4""## : ""
            elements.append(##"<line x1="\##(f(x))" y1="\##(f(y))" x2="\##(f(x + 24))" y2="\##(f(y))" stroke="\##(color(entry.colorIndex))" stroke-width="2"\##(dash)/>"##)
            elements.append(##"<text x="\##(f(x + 30))" y="\##(f(y + 4))" font-size="12">\##(escape(entry.name))</text>"##)
        }
    }

    /// The complete SVG document.
    var document: String {
        ##"<svg xmlns="http://www.w3.org/2000/svg" width="\##(Int(width))" height="\##(Int(height))" viewBox="0 0 \##(Int(width)) \##(Int(height))" font-family="sans-serif">"##
            + "\n" + elements.joined(separator: "\n") + "\n</svg>\n"
    }

    private func color(_ index: Int) -> String { Self.palette[index % Self.palette.count] }
    private func f(_ x: Double) -> String { String(format: "%.1f", x) }
}

/// Text safe inside SVG/XML elements and attributes.
func escape(_ text: String) -> String {
    text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
        .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
}

/// The data range widened by 5% on each side (or to a unit range around a single value).
func _paddedRange(_ values: [Double]) -> ClosedRange<Double> {
    guard let low = values.min(), let high = values.max() else { return 0...1 }
    if low == high { return (low - 1)...(high + 1) }
    let pad = 0.05 * (high - low)
    return (low - pad)...(high + pad)
}

/// About five "nice" tick positions (steps of 1, 2 or 5 times a power of ten) inside `range`.
func _ticks(_ range: ClosedRange<Double>) -> [Double] {
    let span = range.upperBound - range.lowerBound
    guard span > 0, span.isFinite else { return [range.lowerBound] }
    let raw = span / 5
    let magnitude = pow(10, (log10(raw)).rounded(.down))
    let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? 10 * magnitude
    var ticks: [Double] = []
    var tick = (range.lowerBound / step).rounded(.up) * step
    while tick <= range.upperBound + step * 1e-9 {
        ticks.append(abs(tick) < step * 1e-9 ? 0 : tick)
        tick += step
    }
    return ticks
}

/// A tick label without trailing zeros ("0.2", "150", "1e+06").
func _tickLabel(_ x: Double) -> String {
    String(format: "%g", x)
}
