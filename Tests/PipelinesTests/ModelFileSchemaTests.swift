import Foundation
import Testing
import _TestSupport

/// The committed model files of the current versions (the fuzzing corpus: a pipeline of each
/// classifier kind, a segmentation, an uplift model) validate against the schema.
@Test func theCommittedModelFilesValidateAgainstTheSchema() throws {
    let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("FuzzTests/Corpus/model-file")
    let files = try FileManager.default.contentsOfDirectory(atPath: corpus.path).filter { $0.hasSuffix(".json") }.sorted()
    #expect(files.count >= 6)
    for file in files {
        let errors = try modelFileSchema.get().errors(in: Data(contentsOf: corpus.appendingPathComponent(file)))
        #expect(errors.isEmpty, "\(file): \(errors)")
    }
}
