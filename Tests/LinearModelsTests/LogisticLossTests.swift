import Foundation
import Testing

@testable import LinearModels

/// The overflow-free sigmoid and log-loss against closed forms.
@Suite struct LogisticLossTests {
    @Test("sigmoid at hand-worked points")
    func sigmoidValues() {
        #expect(logisticSigmoid(0) == 0.5)
        #expect(close(logisticSigmoid(log(3)), 0.75, relative: 1e-15))
        #expect(close(logisticSigmoid(-log(3)), 0.25, relative: 1e-15))
        #expect(logisticSigmoid(800) == 1)
        #expect(logisticSigmoid(-800) == 0)
        // The small tail keeps relative accuracy: sigmoid(-40) = e^-40 / (1 + e^-40).
        #expect(close(logisticSigmoid(-40), exp(-40) / (1 + exp(-40)), relative: 1e-15))
        #expect(logisticSigmoid(.nan).isNaN)
    }

    @Test("log-loss is softplus: finite for confident wrong predictions, tiny for confident right ones")
    func lossValues() {
        #expect(close(logisticLoss(0, label: true), log(2), relative: 1e-15))
        #expect(close(logisticLoss(log(3), label: true), -log(0.75), relative: 1e-15))
        #expect(close(logisticLoss(log(3), label: false), -log(0.25), relative: 1e-15))
        #expect(logisticLoss(800, label: false) == 800)
        #expect(close(logisticLoss(40, label: true), exp(-40), relative: 1e-15))
        #expect(close(logisticLoss(-40, label: true), 40 + log1p(exp(-40)), relative: 1e-15))
    }

    @Test("row terms: residual p - y and curvature p (1 - p), also in the tails")
    func rowTerms() {
        for z in [-50.0, -3, -0.2, 0, 0.7, 4, 50] {
            for y in [0.0, 1.0] {
                let terms = _logisticTerms(z, y)
                let p = logisticSigmoid(z)
                #expect(close(terms.loss, logisticLoss(z, label: y == 1), relative: 1e-15))
                #expect(close(terms.residual, p - y, relative: 1e-15, absolute: 1e-300))
                // p (1 - p) with 1 - p = sigmoid(-z), exact in both tails.
                #expect(close(terms.curvature, p * logisticSigmoid(-z), relative: 1e-14))
            }
        }
    }
}
