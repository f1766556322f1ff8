import LinearAlgebra
import Testing
@testable import DecisionTrees

/// Hand-worked golden output: one split at the midpoint 2.5 of 2 and 3; the leaves print the
/// smoothed rates (0 + 0.5) / (2 + 1) and (2 + 0.5) / (2 + 1) (leaf smoothing 1, root rate 0.5).
@Test func graphvizDescribesEveryNode() throws {
    let model = try DecisionTreeClassifier(splitSearch: .exact).fit(
        Matrix([[1], [2], [3], [4]]), [false, false, true, true], features: [.numeric("tenure \"months\"")])
    #expect(model.graphviz() == """
        digraph DecisionTree {
          node [shape=box, style="rounded", fontname="Helvetica"];
          edge [fontname="Helvetica"];
          0 [label="tenure \\"months\\" <= 2.5\\nrows = 4\\nchurn = 50.0%"];
          0 -> 1 [label="yes"];
          0 -> 2 [label="no"];
          1 [label="rows = 2\\nchurn = 16.7%"];
          2 [label="rows = 2\\nchurn = 83.3%"];
        }

        """)
}

/// Contract has 3 levels, so its split is one level against the rest (Month-to-month, 11 of 20
/// churners, against 0 of 40); the rules name the level. Unregularized, the optimal partition
/// lists the other two levels on the left.
@Test func graphvizNamesCategoriesAndMissingValues() throws {
    let data = try contractData()
    let model = try DecisionTreeClassifier(maxDepth: 1).fit(data.x, data.y, features: data.features)
    #expect(model.graphviz().contains("0 [label=\"Contract = Month-to-month\\nrows = 60\\nchurn = 18.3%\"];"))
    let optimal = try DecisionTreeClassifier(maxDepth: 1, categoricalSplits: .unregularized)
        .fit(data.x, data.y, features: data.features)
    #expect(optimal.graphviz().contains("0 [label=\"Contract in {One year, Two year}\\nrows = 60\\nchurn = 18.3%\"];"))
}
