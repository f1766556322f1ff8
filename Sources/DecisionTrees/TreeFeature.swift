import ModelProtocols

/// The description of one tree input feature: its name and, for a categorical feature, its levels
/// (the shared `FeatureDescription` every trainer receives).
public typealias TreeFeature = FeatureDescription
