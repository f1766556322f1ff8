/// The name of a model family in model files (`"kind"`) and messages: `logistic`, `tree`, `kmeans`.
///
/// An open set of typed values rather than a closed `enum`: each model module declares its own
/// kind as a static member (`ModelKind.logisticRegression` in LinearModels), so a new family, or a
/// user's own model, adds a kind without editing this module. Encoded as its raw string.
public struct ModelKind: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible,
    ExpressibleByStringLiteral
{
    /// The name written in files, e.g. `logistic`.
    public let rawValue: String

    /// A kind from its file name.
    /// - Parameter rawValue: the name written in files.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// A kind from its file name.
    /// - Parameter rawValue: the name written in files.
    public init(_ rawValue: String) { self.rawValue = rawValue }

    /// A kind from a string literal: `let kind: ModelKind = "forest"`.
    /// - Parameter value: the name written in files.
    public init(stringLiteral value: String) { self.rawValue = value }

    /// The name written in files.
    public var description: String { rawValue }
}
