import Foundation
import Tabular

/// The JSON file format of a fitted pipeline: `{"contentSHA256": "...", "format": "churnkit-pipeline",
/// "version": 3, "pipeline": {...}}` (every key in docs/model-file.md). Loading checks the format
/// name and version before decoding, the meaning of the decoded parts (`_meaningProblem`), then the
/// content hash when the file has one; version 1 files load too, their schema reduced on load to
/// the kinds of the columns scoring reads (they have no `training` record).
extension FittedPipeline {
    /// The `format` value of every pipeline file.
    public static let fileFormat = "churnkit-pipeline"
    /// The file format version this build writes and the highest it reads.
    public static let fileVersion = 3

    /// The pipeline as pretty-printed JSON with sorted keys (stable bytes for the same model).
    /// - Throws: an encoding error (not expected for a valid pipeline).
    public func jsonData() throws -> Data {
        try Self.encoder().encode(
            _PipelineFile(format: Self.fileFormat, version: Self.fileVersion, contentSHA256: try contentSHA256(), pipeline: self))
    }

    /// The SHA-256 (64 lowercase hex digits) of the pipeline's canonical encoding: compact JSON with
    /// sorted keys, non-finite numbers as the strings `inf`, `-inf`, `nan`. Stored in the file as
    /// `contentSHA256` and checked on load, so an edited or damaged parameter is refused.
    /// - Throws: an encoding error (not expected for a valid pipeline).
    public func contentSHA256() throws -> String {
        let canonical = JSONEncoder()
        canonical.outputFormatting = [.sortedKeys]
        canonical.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return SHA256.hexDigest(try canonical.encode(self))
    }

    /// Writes the pipeline to `path` atomically (a temporary file renamed over the target), so a
    /// crash never leaves a half-written model.
    /// - Throws: a file system error with the OS reason.
    ///   With `replacing` false an existing file is never replaced (`AtomicFileError.alreadyExists`).
    public func write(to path: String, replacing: Bool = true) throws {
        try AtomicFile.write(Array(jsonData()), to: path, replacing: replacing)
    }

    /// Reads a pipeline written by `write(to:)`.
    /// - Parameter path: the model file.
    /// - Throws: `PipelineError.unreadableModel` when the file cannot be read or is not valid
    ///   JSON of a pipeline (saying where decoding failed), `PipelineError.unsupportedModel` when
    ///   it is another format or a newer version, `PipelineError.invalidModel` naming the key whose
    ///   value makes no sense or whose content hash does not match.
    public static func load(from path: String) throws -> FittedPipeline {
        let data: Data
        if let reason = nonRegularInputReason(path) { throw PipelineError.unreadableModel(path: path, reason: reason) }
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw PipelineError.unreadableModel(path: path, reason: "cannot read the file (\(error.localizedDescription))")
        }
        return try decode(data, path: path)
    }

    /// Decodes a pipeline from the bytes of a model file; `path` names it in errors.
    /// - Throws: as `load(from:)`.
    public static func decode(_ data: Data, path: String = "<memory>") throws -> FittedPipeline {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let header: _PipelineHeader
        do {
            header = try decoder.decode(_PipelineHeader.self, from: data)
        } catch {
            throw PipelineError.unreadableModel(path: path, reason: describe(error))
        }
        guard header.format == fileFormat else {
            throw PipelineError.unsupportedModel(
                path: path, reason: "format is \"\(header.format)\", not a ChurnKit pipeline (\"\(fileFormat)\")")
        }
        guard header.version <= fileVersion, header.version >= 1 else {
            throw PipelineError.unsupportedModel(
                path: path,
                reason: "format version \(header.version) was written by another ChurnKit; this build reads versions 1 to \(fileVersion)")
        }
        do {
            let file = try decoder.decode(_PipelineFile.self, from: data)
            let read = file.pipeline
            if let means = read.featureMeans, means.count != read.encoder.featureCount || !means.allSatisfy(\.isFinite) {
                throw PipelineError.unreadableModel(
                    path: path,
                    reason: "featureMeans has \(means.count) values (all finite needed), but the encoder makes \(read.encoder.featureCount) features")
            }
            if let problem = read._meaningProblem() {
                throw PipelineError.invalidModel(path: path, key: problem.key, reason: problem.reason)
            }
            // The hash is over this build's encoding, so it is checked for files of this version;
            // an earlier version encoded some values differently (`_0` payload keys before 3).
            if header.version == fileVersion, let stored = file.contentSHA256, try read.contentSHA256() != stored {
                throw PipelineError.invalidModel(
                    path: path, key: "contentSHA256",
                    reason: "the parameters do not match the content hash written with them: the file was edited or damaged; train the model again")
            }
            // Rebuilt through the initializer: a version 1 schema (every column, every level) is
            // reduced to what scoring reads.
            return FittedPipeline(
                schema: read.schema, idColumn: read.idColumn, target: read.target, encoder: read.encoder,
                model: read.model, riskDecileEdges: read.riskDecileEdges, calibrator: read.calibrator, training: read.training,
                featureMeans: read.featureMeans)
        } catch let error as PipelineError {
            throw error
        } catch {
            throw PipelineError.unreadableModel(path: path, reason: describe(error))
        }
    }

    private static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return encoder
    }

    /// A decoding error as one line: what was wrong and at which key path.
    private static func describe(_ error: any Error) -> String {
        func path(_ keys: [any CodingKey]) -> String {
            keys.isEmpty ? "the top level" : keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
        }
        switch error as? DecodingError {
        case .dataCorrupted(let context):
            return "\(context.debugDescription) at \(path(context.codingPath))"
        case .keyNotFound(let key, let context):
            return "missing key \"\(key.stringValue)\" at \(path(context.codingPath))"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "\(context.debugDescription) at \(path(context.codingPath))"
        default:
            return String(describing: error)
        }
    }
}

/// The envelope of a pipeline file.
private struct _PipelineFile: Codable {
    let format: String
    let version: Int
    /// `FittedPipeline.contentSHA256()` of `pipeline`; absent in files written before it existed.
    let contentSHA256: String?
    let pipeline: FittedPipeline
}

/// The envelope's header, decoded first so a newer or foreign file gets a clear message.
private struct _PipelineHeader: Decodable {
    let format: String
    let version: Int
}
