import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import Reports

/// Parses `svg` as XML and returns the element names it holds, or nil when it is not well-formed.
func elementNames(_ svg: String) -> [String]? {
    final class Collector: NSObject, XMLParserDelegate {
        var names: [String] = []
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
                    qualifiedName: String?, attributes: [String: String] = [:]) { names.append(name) }
    }
    let parser = XMLParser(data: Data(svg.utf8))
    let collector = Collector()
    parser.delegate = collector
    return parser.parse() ? collector.names : nil
}

@Test func lineChartIsWellFormedSVGWithOnePolylinePerSeries() throws {
    let chart = LineChart(
        title: "ROC <test> & more", xLabel: "false positive rate", yLabel: "true positive rate",
        series: [
            .init(name: "model", points: [(0, 0), (0.1, 0.5), (1, 1)]),
            .init(name: "random", points: [(0, 0), (1, 1)], dashed: true),
        ], xRange: 0...1, yRange: 0...1)
    let svg = chart.svg()
    let names = try #require(elementNames(svg))
    #expect(names.first == "svg")
    #expect(names.filter { $0 == "polyline" }.count == 2)
    #expect(svg.contains("ROC &lt;test&gt; &amp; more"))
    // Corners of the plot area: (0,0) maps to the lower-left, (1,1) to the upper-right.
    #expect(svg.contains("64.0,348.0"))
    #expect(svg.contains("620.0,36.0"))
}

@Test func barChartDrawsOneBarPerValueAndSkipsNaN() throws {
    let chart = BarChart(title: "Lift", xLabel: "decile", yLabel: "lift",
                         bars: [("1", 3), ("2", 1.5), ("3", .nan)], reference: 1)
    let names = try #require(elementNames(chart.svg()))
    #expect(names.filter { $0 == "rect" }.count == 1 + 2)
    var labelled = chart
    labelled.referenceLabel = "average (lift 1)"
    #expect(!chart.svg().contains("average (lift 1)"))
    #expect(labelled.svg().contains(">average (lift 1)</text>"))
}

@Test func ticksAreNiceAndInsideTheRange() {
    #expect(_ticks(0...1) == [0, 0.2, 0.4, 0.6000000000000001, 0.8, 1])
    #expect(_ticks(0...100) == [0, 20, 40, 60, 80, 100])
    #expect(_ticks(3...3) == [3])
    #expect(_paddedRange([2, 2]) == 1...3)
}

@Test func classificationFiguresRenderFromMetrics() throws {
    let labels = [true, false, true, false, false, true, false, false, true, false]
    let scores = [0.9, 0.8, 0.7, 0.6, 0.5, 0.45, 0.4, 0.3, 0.2, 0.1]
    let roc = try ClassificationFigures.roc(labels: labels, scores: scores)
    // AUC by hand: of the 24 positive-negative pairs, 15 are ordered correctly -> 0.625.
    #expect(roc.contains("AUC 0.625"))
    #expect(elementNames(roc) != nil)
    let calibration = try ClassificationFigures.calibration(labels: labels, scores: scores)
    #expect(elementNames(calibration) != nil)
    // One marker and one count per non-empty bin (0.4 and 0.45 share a bin, 0-0.1 is empty: 9 bins, one of 2).
    #expect(try #require(elementNames(calibration)).filter { $0 == "circle" }.count == 9)
    #expect(calibration.components(separatedBy: ">n=1</text>").count - 1 == 8)
    #expect(calibration.components(separatedBy: ">n=2</text>").count - 1 == 1)
    #expect(ClassificationFigures.liftBars([]).contains("average (lift 1)"))
    #expect(throws: (any Error).self) { try ClassificationFigures.roc(labels: [true, true], scores: [0.1, 0.2]) }
}
