import Foundation

/// The package root, found from this file's path (Tests/ExperimentsTests/SharedDatasets.swift).
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// ../shared/datasets/hillstrom-email.csv relative to the package root.
let hillstromPath = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/datasets/hillstrom-email.csv").path

/// Whether ../shared/datasets is present; tests that need it are disabled (with this reason) otherwise.
let sharedDatasetsAvailable = FileManager.default.fileExists(atPath: hillstromPath)
