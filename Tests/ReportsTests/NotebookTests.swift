import Foundation
import Testing
@testable import Reports

@Test func notebookIsValidNbformatWithStableBytes() throws {
    var notebook = Notebook()
    notebook.markdown("# Title\n\nSome text.")
    notebook.code("churn(\"inspect\", \"data.csv\")\nprint(1)")
    notebook.hiddenCode("import json")
    let data = try notebook.jsonData()
    #expect(data == (try notebook.jsonData()))
    let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    #expect(json["nbformat"] as? Int == 4)
    #expect(json["nbformat_minor"] as? Int == 5)
    let cells = try #require(json["cells"] as? [[String: Any]])
    #expect(cells.map { $0["cell_type"] as? String } == ["markdown", "code", "code"])
    #expect(cells.map { $0["id"] as? String } == ["cell-1", "cell-2", "cell-3"])
    #expect(cells[0]["source"] as? [String] == ["# Title\n", "\n", "Some text."])
    #expect(cells[1]["source"] as? [String] == ["churn(\"inspect\", \"data.csv\")\n", "print(1)"])
    #expect(cells[1]["execution_count"] is NSNull)
    #expect((cells[1]["outputs"] as? [Any])?.isEmpty == true)
    #expect(((cells[2]["metadata"] as? [String: Any])?["jupyter"] as? [String: Bool])?["source_hidden"] == true)
    let kernel = try #require((json["metadata"] as? [String: Any])?["kernelspec"] as? [String: String])
    #expect(kernel["name"] == "python3")
}

