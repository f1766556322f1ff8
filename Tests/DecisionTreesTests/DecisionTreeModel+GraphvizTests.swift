import LinearAlgebra
import Testing
@testable import DecisionTrees

/// Hand-worked golden output: one split at the midpoint 2.5 of 2 and 3.
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
          1 [label="rows = 2\\nchurn = 0.0%"];
          2 [label="rows = 2\\nchurn = 100.0%"];
        }

        """)
}

@Test func graphvizNamesCategoriesAndMissingValues() throws {
    let data = try contractData()
    let model = try DecisionTreeClassifier(maxDepth: 1).fit(data.x, data.y, features: data.features)
    #expect(model.graphviz().contains("0 [label=\"Contract in {One year, Two year}\\nrows = 60\\nchurn = 18.3%\"];"))
}
