import Foundation
import Testing
@testable import Reports

@Test func notebookIsValidNbformatWithStableBytes() throws {
    var notebook = Notebook()
    notebook.markdown("# Title\n\nSome text.")
    notebook.command("churn inspect data.csv", output: "line 1\nline 2\n")
    notebook.figure("<svg xmlns=\"http://www.w3.org/2000/svg\"></svg>\n", caption: "a figure")
    let data = try notebook.jsonData()
    #expect(data == (try notebook.jsonData()))
    let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    #expect(json["nbformat"] as? Int == 4)
    #expect(json["nbformat_minor"] as? Int == 5)
    let cells = try #require(json["cells"] as? [[String: Any]])
    #expect(cells.map { $0["cell_type"] as? String } == ["markdown", "code", "code"])
    #expect(cells.map { $0["id"] as? String } == ["cell-1", "cell-2", "cell-3"])
    #expect(cells[0]["source"] as? [String] == ["# Title\n", "\n", "Some text."])
    let outputs = try #require(cells[1]["outputs"] as? [[String: Any]])
    #expect(outputs.first?["text"] as? [String] == ["line 1\n", "line 2\n"])
    let figure = try #require((cells[2]["outputs"] as? [[String: Any]])?.first?["data"] as? [String: Any])
    #expect(figure["image/svg+xml"] != nil)
}

@Test func markdownTableEscapesPipes() {
    var table = MarkdownTable(headers: ["segment", "churn rate"])
    table.append(["a|b", "0.25"])
    table.append(["c"])
    #expect(table.text == "| segment | churn rate |\n| --- | --- |\n| a\\|b | 0.25 |\n| c |  |\n")
}
