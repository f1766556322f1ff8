import Testing
@testable import Tabular

#if canImport(Glibc)
import Glibc
#endif

/// A fresh empty directory for one test.
func temporaryDirectory(_ tag: String) -> String {
    var template = Array("/tmp/churnkit-\(tag)-XXXXXX".utf8CString)
    return template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)!) }
}

/// The contents of a file, or nil when it cannot be opened.
func contents(_ path: String) -> [UInt8]? {
    guard let file = fopen(path, "rb") else { return nil }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 4096)
    while true {
        let n = fread(&chunk, 1, chunk.count, file)
        if n == 0 { break }
        bytes += chunk.prefix(n)
    }
    return bytes
}

/// The names in a directory (without . and ..).
func listing(_ directory: String) -> [String] {
    guard let dir = opendir(directory) else { return [] }
    defer { closedir(dir) }
    var names: [String] = []
    while let entry = readdir(dir) {
        let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        if name != "." && name != ".." { names.append(name) }
    }
    return names.sorted()
}

@Test func theFileAppearsOnlyOnCommit() throws {
    let dir = temporaryDirectory("atomic")
    let path = dir + "/model.json"
    let file = try AtomicFile(path: path)
    try file.write("{\"a\": ")
    try file.write(Array("1}".utf8))
    #expect(contents(path) == nil)
    #expect(listing(dir).count == 1 && listing(dir)[0].hasPrefix(".model.json.tmp-"))
    try file.commit()
    #expect(contents(path) == Array("{\"a\": 1}".utf8))
    #expect(listing(dir) == ["model.json"])
    #expect(throws: AtomicFileError.closed(path: path)) { try file.write("more") }
}

@Test func abandoningLeavesTheOldFile() throws {
    let dir = temporaryDirectory("atomic")
    let path = dir + "/scores.csv"
    try AtomicFile.write(Array("old".utf8), to: path)
    do {
        let file = try AtomicFile(path: path)
        try file.write("new, half written")
        file.abandon()
    }
    do {
        let dropped = try AtomicFile(path: path)
        try dropped.write("dropped without commit")
    }
    #expect(contents(path) == Array("old".utf8))
    #expect(listing(dir) == ["scores.csv"])
}

@Test func noReplaceRefusesAnExistingFile() throws {
    let dir = temporaryDirectory("atomic")
    let path = dir + "/assignment.csv"
    try AtomicFile.write(Array("first".utf8), to: path, replacing: false)
    #expect(throws: AtomicFileError.alreadyExists(path: path)) {
        try AtomicFile.write(Array("second".utf8), to: path, replacing: false)
    }
    #expect(contents(path) == Array("first".utf8))
    #expect(listing(dir) == ["assignment.csv"])
    try AtomicFile.write(Array("third".utf8), to: path)
    #expect(contents(path) == Array("third".utf8))
}

@Test func aMissingDirectoryIsACreateError() {
    #expect(throws: AtomicFileError.cannotCreate(path: "/nonexistent/dir/x", reason: "No such file or directory")) {
        _ = try AtomicFile(path: "/nonexistent/dir/x")
    }
}

@Test func largeWritesAreComplete() throws {
    let dir = temporaryDirectory("atomic")
    let path = dir + "/big.bin"
    var rng = SeededRandom(seed: 1)
    let bytes = (0..<3_000_000).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
    let file = try AtomicFile(path: path)
    for start in stride(from: 0, to: bytes.count, by: 700_000) {
        try file.write(Array(bytes[start..<min(start + 700_000, bytes.count)]))
    }
    try file.commit()
    #expect(contents(path) == bytes)
}
