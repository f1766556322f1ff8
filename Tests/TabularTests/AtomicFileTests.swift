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
    #expect(listing(dir).count == 1 && listing(dir)[0].hasPrefix(".model.json.churnkit-tmp-"))
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

/// Issue 13: a directory, a device or a symbolic link at the destination is refused, not replaced
/// by a regular file.
@Test func onlyARegularFileIsEverReplaced() throws {
    let dir = temporaryDirectory("atomic")
    mkdir(dir + "/folder", 0o755)
    #expect(throws: AtomicFileError.notRegularFile(path: dir + "/folder", kind: "a directory")) {
        try AtomicFile.write(Array("x".utf8), to: dir + "/folder")
    }
    #expect(throws: AtomicFileError.notRegularFile(path: "/dev/null", kind: "a device")) {
        _ = try AtomicFile(path: "/dev/null")
    }
    try AtomicFile.write(Array("target".utf8), to: dir + "/target.csv")
    symlink(dir + "/target.csv", dir + "/link.csv")
    #expect(throws: AtomicFileError.notRegularFile(path: dir + "/link.csv", kind: "a symbolic link")) {
        try AtomicFile.write(Array("x".utf8), to: dir + "/link.csv")
    }
    #expect(contents(dir + "/target.csv") == Array("target".utf8))
    #expect(listing(dir) == ["folder", "link.csv", "target.csv"])
}

/// A replaced file keeps its permission bits (a private 0600 file stays private).
@Test func aReplacedFileKeepsItsMode() throws {
    let dir = temporaryDirectory("atomic")
    let path = dir + "/private.json"
    try AtomicFile.write(Array("old".utf8), to: path)
    chmod(path, 0o600)
    try AtomicFile.write(Array("new".utf8), to: path)
    var info = stat()
    stat(path, &info)
    #expect(info.st_mode & 0o777 == 0o600)
    #expect(contents(path) == Array("new".utf8))
}

/// Temporary files of a process that no longer runs (kill -9) are removed by the next writer of the
/// same path; those of a running process (this one) and other files are kept.
@Test func temporaryFilesOfEndedProcessesAreSwept() throws {
    let dir = temporaryDirectory("atomic")
    var child: pid_t = 0
    // A pid that surely ended: a child that exited and was reaped.
    let argv: [UnsafeMutablePointer<CChar>?] = [strdup("/bin/true"), nil]
    defer { free(argv[0]) }
    posix_spawn(&child, "/bin/true", nil, nil, argv, nil)
    var status: Int32 = 0
    waitpid(child, &status, 0)
    for name in [".scores.csv.churnkit-tmp-\(child)-12345", ".scores.csv.churnkit-tmp-\(getpid())-1", ".other.csv.churnkit-tmp-\(child)-1"] {
        try AtomicFile.write(Array("left".utf8), to: dir + "/" + name)
    }
    try AtomicFile.write(Array("id\n".utf8), to: dir + "/scores.csv")
    #expect(listing(dir) == [".other.csv.churnkit-tmp-\(child)-1", ".scores.csv.churnkit-tmp-\(getpid())-1", "scores.csv"])
}
