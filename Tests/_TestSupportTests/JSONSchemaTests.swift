import Foundation
import Testing
import _TestSupport

/// Each keyword of the subset, on a small schema: what passes, and the message of what fails.
@Test func theValidatorChecksEachKeywordOfItsSubset() throws {
    let schema = try JSONSchemaValidator(schema: Data(#"""
        {"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object",
         "properties": {"kind": {"const": "a"}, "n": {"type": "integer", "minimum": 0},
                        "xs": {"type": "array", "items": {"$ref": "#/$defs/number"}, "minItems": 1, "maxItems": 2},
                        "hash": {"type": "string", "pattern": "^[0-9a-f]{4}$"}, "flag": {"type": "boolean"},
                        "pick": {"oneOf": [{"enum": ["x", "y"]}, {"type": "integer"}]}},
         "required": ["kind", "n"], "additionalProperties": false,
         "$defs": {"number": {"oneOf": [{"type": "number"}, {"enum": ["inf", "-inf", "nan"]}]}}}
        """#.utf8))
    func errors(_ json: String) throws -> [String] { try schema.errors(in: Data(json.utf8)) }
    #expect(try errors(#"{"kind": "a", "n": 3, "xs": [1.5, "inf"], "hash": "00af", "flag": true, "pick": "y"}"#) == [])
    #expect(try errors(#"{"kind": "b", "n": 3}"#) == ["$.kind: not the constant value"])
    #expect(try errors(#"{"kind": "a"}"#) == [#"$: missing required key "n""#])
    #expect(try errors(#"{"kind": "a", "n": 1.5}"#) == ["$.n: not of type integer"])
    #expect(try errors(#"{"kind": "a", "n": -1}"#) == ["$.n: -1.0 is below 0.0"])
    #expect(try errors(#"{"kind": "a", "n": true}"#) == ["$.n: not of type integer"])  // a boolean is no number
    #expect(try errors(#"{"kind": "a", "n": 0, "extra": 1}"#) == [#"$: unexpected key "extra""#])
    #expect(try errors(#"{"kind": "a", "n": 0, "xs": []}"#) == ["$.xs: 0 items, minItems is 1"])
    #expect(try errors(#"{"kind": "a", "n": 0, "xs": [1, 2, 3]}"#) == ["$.xs: 3 items, maxItems is 2"])
    #expect(try errors(#"{"kind": "a", "n": 0, "hash": "00AF"}"#) == ["$.hash: does not match ^[0-9a-f]{4}$"])
    #expect(try errors(#"{"kind": "a", "n": 0, "xs": ["big"]}"#).first?.hasPrefix("$.xs[0]: matches none of the oneOf") == true)
    let unsupported = try JSONSchemaValidator(schema: Data(#"{"uniqueItems": true}"#.utf8))
    #expect(try unsupported.errors(in: Data("[1]".utf8)).first?.contains(#""uniqueItems""#) == true)
}
