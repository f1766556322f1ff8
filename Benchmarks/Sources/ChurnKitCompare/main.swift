// ChurnKitCompare: the Swift side of the side-by-side comparison with scikit-learn / numpy / pandas.
//
// `ChurnKitCompare TASK ARGS...` runs one task once and prints one JSON line
// `{"task": ..., "seconds": ..., ...}` on standard output; `Benchmarks/compare/compare.py` calls it
// interleaved with the Python side, so both sides see the same machine load.
import Foundation

let arguments = Array(CommandLine.arguments.dropFirst())
guard let name = arguments.first, let task = compareTasks[name] else {
    let names = compareTasks.keys.sorted().joined(separator: ", ")
    FileHandle.standardError.write(Data("usage: ChurnKitCompare TASK ARGS...; tasks: \(names)\n".utf8))
    exit(2)
}
do {
    let result = try task(Array(arguments.dropFirst()))
    var fields = result.extra
    fields["task"] = name
    fields["seconds"] = result.seconds
    let json = try JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys])
    print(String(decoding: json, as: UTF8.self))
} catch {
    FileHandle.standardError.write(Data("ChurnKitCompare \(name): \(error)\n".utf8))
    exit(1)
}
