import Foundation
import Tabular

/// The JSON file format of an uplift model: `{"format": "churnkit-uplift-model", "version": 2,
/// "model": {...}}`. Loading checks the format name and version before decoding.
extension FittedUpliftModel {
    /// The `format` value of every uplift model file.
    public static let fileFormat = "churnkit-uplift-model"
    /// The file format version this build writes and the highest it reads.
    public static let fileVersion = 2

    /// The model as pretty-printed JSON with sorted keys (stable bytes for the same model).
    /// - Returns: The file's bytes.
    /// - Throws: An encoding error (not expected for a fitted model).
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try encoder.encode(_UpliftModelFile(format: Self.fileFormat, version: Self.fileVersion, model: self))
    }

    /// Writes the model to `path` atomically (a temporary file renamed over the target).
    /// - Parameters:
    ///   - path: The file to write.
    ///   - replacing: Whether an existing file may be replaced; with false it never is
    ///     (`AtomicFileError.alreadyExists`).
    /// - Throws: A file system error with the OS reason.
    public func write(to path: String, replacing: Bool = true) throws {
        try AtomicFile.write(Array(jsonData()), to: path, replacing: replacing)
    }

    /// Reads a model written by `write(to:)`.
    /// - Parameter path: The model file.
    /// - Returns: The model.
    /// - Throws: `UpliftModelError.unreadableModel` when the file cannot be read or decoded (saying
    ///   where), `.unsupportedModel` for another format or a newer version.
    public static func load(from path: String) throws(UpliftModelError) -> FittedUpliftModel {
        let data: Data
        if let reason = nonRegularInputReason(path) { throw .unreadableModel(path: path, reason: reason) }
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw .unreadableModel(path: path, reason: "cannot read the file (\(error.localizedDescription))")
        }
        return try decode(data, path: path)
    }

    /// Decodes a model from the bytes of a model file.
    /// - Parameters:
    ///   - data: The file's bytes.
    ///   - path: Names the file in errors.
    /// - Returns: The model.
    /// - Throws: As `load(from:)`.
    public static func decode(_ data: Data, path: String = "<memory>") throws(UpliftModelError) -> FittedUpliftModel {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let header: _UpliftModelHeader
        do { header = try decoder.decode(_UpliftModelHeader.self, from: data) } catch {
            throw .unreadableModel(path: path, reason: _describe(error))
        }
        guard header.format == fileFormat else {
            throw .unsupportedModel(path: path, reason: "format is \"\(header.format)\", not a ChurnKit uplift model (\"\(fileFormat)\")")
        }
        guard header.version >= 1, header.version <= fileVersion else {
            throw .unsupportedModel(
                path: path, reason: "format version \(header.version) was written by another ChurnKit; this build reads versions 1 to \(fileVersion)")
        }
        do { return try decoder.decode(_UpliftModelFile.self, from: data).model } catch {
            throw .unreadableModel(path: path, reason: _describe(error))
        }
    }
}

/// The envelope of an uplift model file.
private struct _UpliftModelFile: Codable {
    let format: String
    let version: Int
    let model: FittedUpliftModel
}

/// The envelope's header, decoded first so a newer or foreign file gets a clear message.
private struct _UpliftModelHeader: Decodable {
    let format: String
    let version: Int
}

/// A decoding error as one line: what was wrong and at which key path.
private func _describe(_ error: any Error) -> String {
    func path(_ keys: [any CodingKey]) -> String {
        keys.isEmpty ? "the top level" : keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
    }
    switch error as? DecodingError {
    case .dataCorrupted(let context): return "\(context.debugDescription) at \(path(context.codingPath))"
    case .keyNotFound(let key, let context): return "missing key \"\(key.stringValue)\" at \(path(context.codingPath))"
    case .typeMismatch(_, let context), .valueNotFound(_, let context): return "\(context.debugDescription) at \(path(context.codingPath))"
    default: return String(describing: error)
    }
}
