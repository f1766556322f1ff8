import Foundation
import ModelProtocols
import Testing

@Test func aKindIsWrittenAsItsPlainName() throws {
    let kind: ModelKind = "forest"
    let data = try JSONEncoder().encode(["kind": kind])
    #expect(String(decoding: data, as: UTF8.self) == #"{"kind":"forest"}"#)
    #expect(try JSONDecoder().decode([String: ModelKind].self, from: data)["kind"] == ModelKind(rawValue: "forest"))
    #expect("\(kind)" == "forest")
}
