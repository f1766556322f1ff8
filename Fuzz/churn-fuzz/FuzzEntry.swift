// libFuzzer entry point for the readers in _ChurnKitFuzz; built only by scripts/fuzz.sh
// (CHURNKIT_FUZZ=1 adds this target, -sanitize=fuzzer supplies main).

import _ChurnKitFuzz
import Foundation

/// The reader this process fuzzes, named by CHURNKIT_FUZZ_TARGET (csv, model-file, assignment).
private let target: FuzzTarget = {
    let name = ProcessInfo.processInfo.environment["CHURNKIT_FUZZ_TARGET"] ?? ""
    guard let target = FuzzTarget(rawValue: name) else {
        let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")
        fputs("churn-fuzz: set CHURNKIT_FUZZ_TARGET to one of \(names), not \"\(name)\"\n", stderr)
        exit(64)
    }
    return target
}()

/// Runs the target on one input from libFuzzer.
/// - Parameters:
///   - data: the input's bytes.
///   - size: their count.
/// - Returns: 0 (the input may be kept in the corpus).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    _ = target.run(bytes)
    return 0
}
