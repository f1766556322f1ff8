import Foundation
import ModelMetrics
import Testing

@Test func calibratorsRoundTripThroughJSONWithTheirMethodNamed() throws {
    let scores = [-2.0, -1.0, 0.0, 1.0, 2.0, 0.5]
    let labels = [false, true, false, true, true, false]
    for method in CalibrationMethod.allCases {
        let calibrator = try ProbabilityCalibrator.fit(method, scores: scores, labels: labels)
        #expect(calibrator.method == method)
        let data = try JSONEncoder().encode(calibrator)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"method\":\"\(method.rawValue)\""))
        let decoded = try JSONDecoder().decode(ProbabilityCalibrator.self, from: data)
        #expect(decoded == calibrator)
        for s in scores { #expect((0...1).contains(decoded(s))) }
    }
}

@Test func aCorruptCalibratorFileIsRefused() throws {
    let bad = #"{"method":"isotonic","parameters":{"thresholds":[2,1],"values":[0,1]}}"#
    #expect(throws: (any Error).self) { try JSONDecoder().decode(ProbabilityCalibrator.self, from: Data(bad.utf8)) }
    let unknown = #"{"method":"beta","parameters":{}}"#
    #expect(throws: (any Error).self) { try JSONDecoder().decode(ProbabilityCalibrator.self, from: Data(unknown.utf8)) }
}
