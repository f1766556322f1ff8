import Foundation

/// `../shared/datasets` beside the package root; tests needing it are skipped, saying so, without it.
let sharedDatasets: String = {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    return root.deletingLastPathComponent().appendingPathComponent("shared/datasets").path
}()

/// Whether both shared data sets are present.
let sharedDataAvailable = FileManager.default.fileExists(atPath: sharedDatasets + "/telco-customer-churn.csv")
    && FileManager.default.fileExists(atPath: sharedDatasets + "/hillstrom-email.csv")

/// The package's bundled data folder.
let bundledDatasets: String = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("datasets").path

/// A fresh temporary directory, removed by the caller.
func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("churn-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// Writes `text` to `name` in `directory` and returns the path.
func write(_ text: String, named name: String, in directory: URL) throws -> String {
    let path = directory.appendingPathComponent(name).path
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    return path
}

/// Parses a JSON object printed by a command.
func jsonObject(_ text: String) throws -> [String: Any] {
    try (JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]) ?? [:]
}
