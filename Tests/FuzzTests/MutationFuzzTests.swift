// A seeded mutation runner over the committed corpus (issue 13): every reader in FuzzTarget gets
// the corpus inputs unchanged (each must be accepted, so the corpus stays meaningful) and a
// bounded number of mutants (bytes flipped, inserted, deleted, duplicated, replaced by tokens that
// readers treat specially, spliced from another input). A mutant may be accepted or rejected; a
// trap ends the test process, which is the finding. CHURNKIT_FUZZ_ITERATIONS sets the number of
// mutants per target (default 400, a few seconds in a debug build); CHURNKIT_FUZZ_SEED the seed.

import Foundation
import Tabular
import Testing
import _ChurnKitFuzz

/// The corpus inputs of `target`, by file name.
func corpus(_ target: FuzzTarget) throws -> [(name: String, bytes: [UInt8])] {
    let folder = try #require(Bundle.module.url(forResource: "Corpus", withExtension: nil)).appendingPathComponent(target.rawValue)
    return try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted().map { name in
        (name, Array(try Data(contentsOf: folder.appendingPathComponent(name))))
    }
}

/// Byte strings that readers treat specially: delimiters, quotes, line ends, extreme or
/// non-finite numbers, JSON structure, huge counts.
let interestingTokens: [[UInt8]] = [
    ",", "\"", "\"\"", "\n", "\r", "\r\n", "\0", ";", "\t", "nan", "inf", "-inf", "1e400", "-1e308", "1e-320", "0",
    "-1", "4294967296", "9223372036854775807", "18446744073709551616", "-9223372036854775808", "{", "}", "[", "]",
    "null", "true", "\"\":", "[[]]", "\u{FEFF}", "é", "\u{FFFD}", "@SHA256@", "\n#manifest\n",
].map { Array($0.utf8) }

/// One mutant of `input`: one to four random edits, `other` the input spliced from.
func mutate(_ input: [UInt8], other: [UInt8], random: inout SeededRandom) -> [UInt8] {
    var bytes = input
    for _ in 0..<(1 + random.nextIndex(below: 4)) {
        let at = random.nextIndex(below: bytes.count + 1)
        switch random.nextIndex(below: 7) {
        case 0 where !bytes.isEmpty:
            let k = min(at, bytes.count - 1)
            bytes[k] ^= UInt8(1 << random.nextIndex(below: 8))
        case 1:
            bytes.insert(UInt8(truncatingIfNeeded: random.next()), at: at)
        case 2:
            let length = min(bytes.count - at, 1 + random.nextIndex(below: 16))
            bytes.removeSubrange(at..<(at + length))
        case 3 where at < bytes.count:
            let length = min(bytes.count - at, 1 + random.nextIndex(below: 64))
            bytes.insert(contentsOf: bytes[at..<(at + length)], at: at)
        case 4, 5:
            let token = interestingTokens[random.nextIndex(below: interestingTokens.count)]
            let length = min(bytes.count - at, random.nextIndex(below: 4))
            bytes.replaceSubrange(at..<(at + length), with: token)
        default:
            guard !other.isEmpty else { continue }
            let from = random.nextIndex(below: other.count)
            let length = min(other.count - from, 1 + random.nextIndex(below: 256))
            bytes.insert(contentsOf: other[from..<(from + length)], at: at)
        }
    }
    return bytes
}

/// A number from the environment, or `fallback`.
func environmentNumber(_ name: String, _ fallback: Int) -> Int {
    ProcessInfo.processInfo.environment[name].flatMap { Int($0) } ?? fallback
}

@Suite struct MutationFuzzTests {
    @Test(arguments: FuzzTarget.allCases)
    func corpusInputsAreAcceptedUnchanged(_ target: FuzzTarget) throws {
        let inputs = try corpus(target)
        #expect(!inputs.isEmpty)
        for input in inputs {
            #expect(target.run(input.bytes) == .accepted, "\(target.rawValue)/\(input.name)")
        }
    }

    @Test(arguments: FuzzTarget.allCases)
    func mutantsAreAcceptedOrRejectedWithoutTrapping(_ target: FuzzTarget) throws {
        let inputs = try corpus(target).map(\.bytes)
        let iterations = environmentNumber("CHURNKIT_FUZZ_ITERATIONS", 400)
        var random = SeededRandom(seed: UInt64(environmentNumber("CHURNKIT_FUZZ_SEED", 13)))
        var accepted = 0, rejected = 0
        for _ in 0..<iterations {
            let input = inputs[random.nextIndex(below: inputs.count)]
            let mutant = mutate(input, other: inputs[random.nextIndex(below: inputs.count)], random: &random)
            switch target.run(mutant) {
            case .accepted: accepted += 1
            case .rejected(let message):
                rejected += 1
                #expect(!message.isEmpty)
            }
        }
        #expect(accepted + rejected == iterations)
        // The mutants reach both answers: a runner whose every mutant is rejected tests only the
        // first check of each reader.
        #expect(iterations < 50 || (accepted > 0 && rejected > 0), "accepted \(accepted), rejected \(rejected)")
    }
}
