import Foundation
import Testing
@testable import Tabular

@Suite struct SHA256Tests {
    // NIST FIPS 180-4 example vectors (csrc.nist.gov "Examples with intermediate values").
    @Test func nistVectors() {
        #expect(SHA256.hexDigest(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hexDigest([UInt8]()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hexDigest(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
            == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(SHA256.hexDigest(Array("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu".utf8))
            == "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1")
        #expect(SHA256.hexDigest([UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000))
            == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func incrementalUpdatesEqualOneShot() {
        let message = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        var hasher = SHA256()
        hasher.update(message[0..<63])
        hasher.update(message[63..<64])
        hasher.update(message[64..<1000])
        #expect(hasher.finalize() == { var h = SHA256(); h.update(message); return h.finalize() }())
    }

    // SOURCES.md publishes the SHA-256 of hillstrom-email.csv; skipped without ../shared.
    @Test(.enabled(if: sharedDatasetsAvailable, "needs ../shared/datasets/hillstrom-email.csv"))
    func fileDigestMatchesThePublishedChecksum() throws {
        #expect(try SHA256.hexDigest(fileAt: sharedDatasets + "/hillstrom-email.csv")
            == "0e5893329d8b93cefecc571777672028290ab69865718020c78c7284f291aece")
    }

    @Test func missingFileThrows() {
        #expect(throws: CSVError.self) { try SHA256.hexDigest(fileAt: "/nonexistent/file.csv") }
    }
}
