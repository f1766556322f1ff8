import Foundation
import Testing
import Tabular
@testable import Experiments

@Suite struct AssignmentFileTests {
    func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "churnkit-exp-\(UInt64.random(in: 0...UInt64.max))"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    func make(seed: UInt64) throws -> (Assignment, AssignmentManifest) {
        let (ids, scores) = AssignmentTests.customers(300)
        let design = try ExperimentDesign.highLow(arms: ["call", "mail"])
        let bytes = Array(zip(ids, scores).map { "\($0),\($1)\n" }.joined().utf8)
        let a = try Assignment.randomize(design: design, ids: ids, scores: scores, seed: seed)
        return (a, AssignmentManifest(assignment: a, seed: seed, input: .init(name: "mem", sha256: SHA256.hexDigest(bytes))))
    }

    @Test func sameInputAndSeedGiveByteIdenticalFiles() throws {
        let (a1, m1) = try make(seed: 5)
        let (a2, m2) = try make(seed: 5)
        #expect(AssignmentFile.csvBytes(a1) == AssignmentFile.csvBytes(a2))
        #expect(try AssignmentFile.manifestBytes(m1) == AssignmentFile.manifestBytes(m2))
        let (a3, _) = try make(seed: 6)
        #expect(AssignmentFile.csvBytes(a1) != AssignmentFile.csvBytes(a3))
        let header = String(decoding: AssignmentFile.csvBytes(a1).prefix(25), as: UTF8.self)
        #expect(header.hasPrefix("id,tier,group,arm,score\n"))
    }

    /// A missing assignment is reported as missing (not as a missing manifest); a missing manifest
    /// says that it is read beside the assignment.
    @Test func missingFilesAreNamed() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/assignment.csv"
        #expect(throws: ExperimentsError.fileError(path: path, reason: "no such file")) { try AssignmentFile.read(from: path) }
        let (a, m) = try make(seed: 11)
        try AssignmentFile.write(a, manifest: m, to: path)
        try FileManager.default.removeItem(atPath: AssignmentFile.manifestPath(for: path))
        #expect(throws: ExperimentsError.fileError(
            path: AssignmentFile.manifestPath(for: path), reason: "no such file: an assignment is read with the manifest written beside it"
        )) { try AssignmentFile.read(from: path) }
    }

    @Test func writeReadRoundTripAndNoSilentOverwrite() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/assignment.csv"
        let (a, m) = try make(seed: 11)
        try AssignmentFile.write(a, manifest: m, to: path)
        let (back, manifest) = try AssignmentFile.read(from: path)
        #expect(back.ids == a.ids && back.tiers == a.tiers && back.groups == a.groups && back.scores == a.scores)
        // The manifest written binds the assignment by its SHA-256; otherwise it is the one given.
        var bound = m
        bound.assignmentSHA256 = SHA256.hexDigest(AssignmentFile.csvBytes(a))
        #expect(manifest == bound)
        let (other, otherManifest) = try make(seed: 12)
        #expect(throws: ExperimentsError.outputExists(path: path)) {
            try AssignmentFile.write(other, manifest: otherManifest, to: path)
        }
        #expect(try AssignmentFile.read(from: path).assignment.groups == a.groups)
        try AssignmentFile.write(other, manifest: otherManifest, to: path, force: true)
        #expect(try AssignmentFile.read(from: path).assignment.groups == other.groups)
    }

    @Test func tamperedFilesAreRejected() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/a.csv"
        let (a, m) = try make(seed: 1)
        try AssignmentFile.write(a, manifest: m, to: path)
        var text = try String(contentsOfFile: path, encoding: .utf8)
        text = text.replacingOccurrences(of: ",call,", with: ",sms,")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: ExperimentsError.self) { try AssignmentFile.read(from: path) }
        #expect(throws: ExperimentsError.self) { try AssignmentFile.read(from: directory + "/missing.csv") }
    }

    /// Issue 13: an assignment replaced beside an older manifest (a kill or a full disk between the
    /// two writes) has the right columns and counts but other groups; the manifest's SHA-256 tells.
    @Test func anAssignmentThatIsNotTheManifestsIsRefused() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/a.csv", other = directory + "/b.csv"
        let (a, m) = try make(seed: 1)
        let (b, n) = try make(seed: 2)
        try AssignmentFile.write(a, manifest: m, to: path)
        try AssignmentFile.write(b, manifest: n, to: other)
        try FileManager.default.removeItem(atPath: path)
        try FileManager.default.copyItem(atPath: other, toPath: path)
        #expect {
            try AssignmentFile.read(from: path)
        } throws: { "\($0)".contains("do not belong together") }
        // A manifest without the binding (written before it existed) is refused too.
        var unbound = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: other + ".manifest.json"))) as? [String: Any] ?? [:]
        unbound["assignmentSHA256"] = nil
        try JSONSerialization.data(withJSONObject: unbound).write(to: URL(fileURLWithPath: other + ".manifest.json"))
        #expect {
            try AssignmentFile.read(from: other)
        } throws: { "\($0)".contains("no assignmentSHA256") }
    }
}
