import Foundation

/// `../shared/datasets` beside the package root (present on CI and developer machines, not in a
/// user's clone); tests that need it are skipped, saying so, when it is absent.
let sharedDatasets: String = {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    return root.deletingLastPathComponent().appendingPathComponent("shared/datasets").path
}()

/// Whether the shared Telco file is present.
let telcoAvailable = FileManager.default.fileExists(atPath: sharedDatasets + "/telco-customer-churn.csv")

/// The package's bundled synthetic customers (`datasets/telecom-customers.csv`).
let bundledTelecomCustomers: String = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("datasets/telecom-customers.csv").path
