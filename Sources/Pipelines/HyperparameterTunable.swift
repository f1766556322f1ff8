/// A trainer whose hyperparameters can be set from text by name, so that `HyperparameterSearch`
/// and `churn tune` can search them. Names are the `churn train` flags without their dashes.
public protocol HyperparameterTunable: Sendable {
    /// The hyperparameters `setting(_:to:)` can change, by their CLI names.
    var tunableHyperparameters: [String] { get }
    /// A small default grid for `HyperparameterSearch` when none is given.
    var defaultSearchRanges: [HyperparameterRange] { get }

    /// This trainer with one hyperparameter set from text; `none` clears an optional limit.
    /// - Parameters:
    ///   - name: a name in `tunableHyperparameters`.
    ///   - value: its value as text (`0.1`, `8`, `balanced`, `entropy`, `none`).
    /// - Returns: the changed trainer; its own checks still run when it is fitted.
    /// - Throws: `PipelineError.invalidOption` naming the hyperparameter and the value when the
    ///   name is not one of this trainer's or the value is not of its type.
    func setting(_ name: String, to value: String) throws -> Self
}

/// Reads a hyperparameter's text value as `setting(_:to:)` implementations need it, with errors
/// that name the hyperparameter and the value.
struct _HyperparameterText {
    let name: String
    let value: String

    /// A finite number.
    func number() throws -> Double {
        guard let x = Double(value), x.isFinite else { throw invalid("a finite number") }
        return x
    }

    /// A whole number.
    func count() throws -> Int {
        guard let x = Int(value) else { throw invalid("a whole number") }
        return x
    }

    /// A whole number, or nil for `none`.
    func optionalCount() throws -> Int? { value == "none" ? nil : try count() }

    /// The value paired with the text among `options` (`[("none", .none), ("balanced", .balanced)]`).
    func choice<Value>(_ options: [(text: String, value: Value)]) throws -> Value {
        guard let match = options.first(where: { $0.text == value }) else {
            throw invalid(options.map(\.text).joined(separator: " or "))
        }
        return match.value
    }

    /// The error for a value that is not `expected`.
    func invalid(_ expected: String) -> PipelineError {
        .invalidOption("hyperparameter \(name): \"\(value)\" is not \(expected)")
    }

    /// The error for a name that is not one of `tunable`.
    static func unknown(_ name: String, tunable: [String]) -> PipelineError {
        .invalidOption("hyperparameter \"\(name)\" is not one of this learner's (\(tunable.joined(separator: ", ")))")
    }
}
