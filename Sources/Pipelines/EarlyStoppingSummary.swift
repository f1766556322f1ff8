import Ensembles

/// How early stopping chose a boosted model's rounds: the validation log loss after each round of
/// the model fitted on the training part, the rounds it kept, and the rounds the saved model kept
/// (a refit on every labelled row sets its own validation rows aside and chooses again).
public struct EarlyStoppingSummary: Sendable, Codable, Equatable {
    /// The validation log loss after each round grown, until the patience ran out.
    public let validationLoss: [Double]
    /// The round of the lowest validation loss (1-based): the trees the model kept.
    public let chosenRound: Int
    /// The trees of the saved model (its own chosen round when it was refitted).
    public let savedModelRounds: Int

    /// The summary of `model` (fitted on the training part) and `saved`, or nil when `model` was
    /// grown without a validation set (no early stopping).
    /// - Parameters:
    ///   - model: the model fitted on the training part of the split.
    ///   - saved: the model in the returned pipeline.
    init?(model: GradientBoostingModel, saved: GradientBoostingModel) {
        guard !model.validationLoss.isEmpty else { return nil }
        validationLoss = model.validationLoss
        chosenRound = model.trees.count
        savedModelRounds = saved.trees.count
    }
}
