import ArgumentParser
import ChurnKit

/// `churn rules MODEL.json`: the leaves of a tree model as rules a marketer can read.
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "Print the rules of a tree model, one per leaf, sorted by churn rate.",
        discussion: "Each rule is the path to a leaf in the data's column names and labels, with the leaf's churn rate and customer count.")

    @Argument(help: "A model file written by `churn train --model tree`.")
    var model: String

    @Flag(help: "Print the tree as Graphviz DOT instead.")
    var dot = false

    @OptionGroup var output: OutputOptions

    func run() throws {
        print(try makeOutput())
    }

    /// The text or JSON this command prints.
    func makeOutput() throws -> String {
        let pipeline = try FittedPipeline.load(from: model)
        guard let tree = pipeline.model.classifier as? DecisionTreeModel else {
            throw CommandError("\(model) holds a \(pipeline.model.kind) model; rules come from tree models (churn train --model tree)")
        }
        if dot { return tree.graphviz() }
        let rules = tree.rules(positiveClass: 1, outcome: "churn", unit: "customers").map(RuleReport.init)
        switch output.format {
        case .json: return try jsonText(["rules": rules])
        case .text: return rules.map(\.text).joined(separator: "\n")
        }
    }
}
