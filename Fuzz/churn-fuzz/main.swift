// libFuzzer on one reader of _ChurnKitFuzz; built only by scripts/fuzz.sh (CHURNKIT_FUZZ=1 adds
// this target, -sanitize=fuzzer instruments the code and links libFuzzer). The reader is named by
// CHURNKIT_FUZZ_TARGET (csv, model-file, assignment); the arguments are libFuzzer's.

import CLibFuzzer
import Foundation
import _ChurnKitFuzz

/// The reader this process fuzzes.
enum FuzzedReader {
    /// The target named by CHURNKIT_FUZZ_TARGET; the process exits with status 64 when it names none.
    static let target: FuzzTarget = {
        let name = ProcessInfo.processInfo.environment["CHURNKIT_FUZZ_TARGET"] ?? ""
        guard let target = FuzzTarget(rawValue: name) else {
            let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")
            FileHandle.standardError.write(Data("churn-fuzz: set CHURNKIT_FUZZ_TARGET to one of \(names), not \"\(name)\"\n".utf8))
            exit(64)
        }
        return target
    }()
}

/// Runs the target reader on one input. It is also libFuzzer's `LLVMFuzzerTestOneInput`: a debug
/// build links libFuzzer's own main (SwiftPM renames this executable's main there), which calls it;
/// a release build runs the main below, which hands it to `LLVMFuzzerRunDriver`.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    _ = FuzzedReader.target.run(bytes)
    return 0
}

_ = FuzzedReader.target
var arguments: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
var argumentCount = CommandLine.argc
exit(LLVMFuzzerRunDriver(&argumentCount, &arguments) { data, size in fuzzOneInput(data, size) })
