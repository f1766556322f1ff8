#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `write(2)`.
private func _systemWrite(_ fd: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    write(fd, bytes, count)
}

/// Errors of `AtomicFile`: what failed, on which path, and the operating system's reason.
public enum AtomicFileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The temporary file next to `path` could not be created.
    case cannotCreate(path: String, reason: String)
    /// Writing to the temporary file failed.
    case cannotWrite(path: String, reason: String)
    /// Flushing or renaming the temporary file onto `path` failed.
    case cannotCommit(path: String, reason: String)
    /// `path` exists and the commit was asked not to replace it.
    case alreadyExists(path: String)
    /// The file was already committed or abandoned.
    case closed(path: String)
    /// `path` exists and is not a regular file (a directory, a device, a pipe or a symbolic link),
    /// so it is never replaced.
    case notRegularFile(path: String, kind: String)

    /// The path the error is about.
    public var path: String {
        switch self {
        case .cannotCreate(let path, _), .cannotWrite(let path, _), .cannotCommit(let path, _), .alreadyExists(let path),
             .closed(let path), .notRegularFile(let path, _):
            return path
        }
    }

    /// What went wrong, without the path (for messages that name the file already).
    public var reason: String {
        switch self {
        case .cannotCreate(_, let reason): return "cannot create a temporary file beside it: \(reason)"
        case .cannotWrite(_, let reason): return "cannot write: \(reason)"
        case .cannotCommit(_, let reason): return "cannot commit: \(reason)"
        case .alreadyExists: return "the file already exists and is not replaced"
        case .closed: return "the file was already committed or abandoned"
        case .notRegularFile(_, let kind): return "is \(kind), not a regular file, and is never replaced"
        }
    }

    /// A one-line human-readable explanation: the path, then the reason.
    public var description: String { "\(path): \(reason)" }
}

/// A file that appears at its path complete or not at all.
///
/// Bytes go to a temporary file in the same directory (`.NAME.churnkit-tmp-PID-RANDOM`); `commit()`
/// flushes it to disk (`fsync`), renames it onto the path (`rename(2)` is atomic within a file
/// system) and syncs the directory, so a reader never sees a half-written file and a crash leaves
/// the old file intact. Without a commit (an error, `abandon()`, or the object going away) the
/// temporary file is removed; `removeTemporaryFiles()` (called by the command line's SIGINT and
/// SIGTERM handler) removes every open one, and a temporary file left by a process that no longer
/// runs (kill -9) is removed by the next `AtomicFile` for the same path.
///
/// The destination must be a regular file or not exist: a directory, device, pipe or symbolic link
/// is refused (`notRegularFile`). A replaced file keeps its permission bits.
///
/// ```swift
/// let file = try AtomicFile(path: "scores.csv")
/// try file.write(Array("id,score\n".utf8))
/// try file.commit()
/// ```
public final class AtomicFile {
    /// The final path.
    public let path: String
    /// The temporary file's path (removed or renamed at the end).
    public let temporaryPath: String

    private var fd: Int32
    private var pending: [UInt8] = []
    private static let flushSize = 1 << 20
    /// The infix of every temporary file's name (`.NAME` + this + `PID-RANDOM`).
    public static let temporaryInfix = ".churnkit-tmp-"

    /// Creates the temporary file beside `path`, after removing temporary files for `path` left by
    /// processes that have ended.
    /// - Parameters:
    ///   - path: where the file will appear on `commit()`.
    ///   - permissions: the new file's mode (default 0o644, less the process umask); an existing
    ///     file's mode is kept instead.
    /// - Throws: `AtomicFileError.cannotCreate` (for example when the directory does not exist),
    ///   `.notRegularFile` when `path` is a directory, device, pipe or symbolic link.
    public init(path: String, permissions: UInt32 = 0o644) throws(AtomicFileError) {
        self.path = path
        var existing = stat()
        var mode = mode_t(permissions)
        if lstat(path, &existing) == 0 {
            let kind = existing.st_mode & S_IFMT
            guard kind == S_IFREG else { throw .notRegularFile(path: path, kind: fileKindName(kind)) }
            mode = existing.st_mode & 0o7777
        }
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { String(path[...$0]) } ?? ""
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        let prefix = ".\(name)\(Self.temporaryInfix)"
        _removeAbandoned(directory: directory, prefix: prefix)
        var attempt = 0
        while true {
            let candidate = "\(directory)\(prefix)\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
            let opened = open(candidate, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
            if opened >= 0 {
                fd = opened
                temporaryPath = candidate
                if existing.st_mode != 0 { fchmod(opened, mode) }  // the umask does not apply to a kept mode
                _openTemporaryFiles.insert(candidate)
                return
            }
            attempt += 1
            if errno != EEXIST || attempt > 100 {
                throw .cannotCreate(path: path, reason: String(cString: strerror(errno)))
            }
        }
    }

    /// Removes every temporary file this process has open (for a signal handler: it only unlinks).
    /// The files' `AtomicFile`s then fail on their next write or commit.
    public static func removeTemporaryFiles() {
        _openTemporaryFiles.removeAll()
    }

    deinit { abandon() }

    /// Whether the file is still open for writing.
    public var isOpen: Bool { fd >= 0 }

    /// Appends bytes (buffered; written in 1 MiB pieces).
    /// - Throws: `AtomicFileError.cannotWrite` or `.closed`; the temporary file is then removed.
    /// - Complexity: O(bytes.count).
    public func write(_ bytes: [UInt8]) throws(AtomicFileError) {
        guard fd >= 0 else { throw .closed(path: path) }
        pending.append(contentsOf: bytes)
        if pending.count >= Self.flushSize { try flush() }
    }

    /// Appends the UTF-8 bytes of `text`.
    /// - Throws: as `write(_:)`.
    public func write(_ text: String) throws(AtomicFileError) {
        try write(Array(text.utf8))
    }

    private func flush() throws(AtomicFileError) {
        var done = 0
        let failure: Int32? = pending.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return nil }
            while done < raw.count {
                let n = _systemWrite(fd, base + done, raw.count - done)
                if n < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                done += n
            }
            return nil
        }
        pending.removeAll(keepingCapacity: true)
        if let failure {
            abandon()
            throw .cannotWrite(path: path, reason: String(cString: strerror(failure)))
        }
    }

    /// Flushes, syncs and moves the temporary file onto `path`.
    /// - Parameter replacing: whether an existing file at `path` may be replaced (default true).
    ///   With false the commit uses `link(2)`, which fails if `path` exists, and the existing file is
    ///   never touched.
    /// - Throws: `AtomicFileError`; the temporary file is then removed.
    public func commit(replacing: Bool = true) throws(AtomicFileError) {
        guard fd >= 0 else { throw .closed(path: path) }
        try flush()
        if fsync(fd) != 0 {
            let reason = String(cString: strerror(errno))
            abandon()
            throw .cannotCommit(path: path, reason: reason)
        }
        close(fd)
        fd = -1
        // Unregistered before the rename: a signal in between leaves the temporary file (removed by
        // the next run), never removes the committed one.
        _openTemporaryFiles.remove(temporaryPath)
        if replacing {
            var existing = stat()
            if lstat(path, &existing) == 0, existing.st_mode & S_IFMT != S_IFREG {
                unlink(temporaryPath)
                throw .notRegularFile(path: path, kind: fileKindName(existing.st_mode & S_IFMT))
            }
            if rename(temporaryPath, path) != 0 {
                let reason = String(cString: strerror(errno))
                unlink(temporaryPath)
                throw .cannotCommit(path: path, reason: reason)
            }
        } else {
            let linked = link(temporaryPath, path)
            let code = errno
            unlink(temporaryPath)
            if linked != 0 {
                if code == EEXIST { throw .alreadyExists(path: path) }
                throw .cannotCommit(path: path, reason: String(cString: strerror(code)))
            }
        }
        _syncDirectory(of: path)
    }

    /// Closes and removes the temporary file, leaving `path` as it was. Does nothing after a commit.
    public func abandon() {
        guard fd >= 0 else { return }
        close(fd)
        fd = -1
        _openTemporaryFiles.remove(temporaryPath)
        unlink(temporaryPath)
        pending = []
    }

    /// Writes `bytes` to `path` atomically in one call.
    /// - Parameters:
    ///   - bytes: the whole contents.
    ///   - path: the destination.
    ///   - replacing: whether an existing file may be replaced.
    /// - Throws: `AtomicFileError`.
    /// - Complexity: O(bytes.count).
    public static func write(_ bytes: [UInt8], to path: String, replacing: Bool = true) throws(AtomicFileError) {
        let file = try AtomicFile(path: path)
        try file.write(bytes)
        try file.commit(replacing: replacing)
    }
}

/// `fsync` of the directory holding `path`, so that a rename survives a power loss.
private func _syncDirectory(of path: String) {
    let directory = path.lastIndex(of: "/").map { String(path[...$0]) } ?? "."
    let fd = open(directory, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return }
    fsync(fd)
    close(fd)
}

/// Removes `directory/prefix<PID>-<RANDOM>` files whose process no longer runs.
private func _removeAbandoned(directory: String, prefix: String) {
    guard let dir = opendir(directory.isEmpty ? "." : directory) else { return }
    defer { closedir(dir) }
    while let entry = readdir(dir) {
        let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        guard name.hasPrefix(prefix), let pid = Int32(name.dropFirst(prefix.count).prefix { $0 != "-" }), pid > 0 else { continue }
        if kill(pid, 0) != 0 && errno == ESRCH { unlink(directory + name) }
    }
}

/// The temporary files this process has open, for `AtomicFile.removeTemporaryFiles()`.
private let _openTemporaryFiles = _TemporaryFileRegistry()

/// A set of paths behind a mutex (inserted and removed by `AtomicFile`, emptied by a signal handler).
private final class _TemporaryFileRegistry: @unchecked Sendable {
    private var lock = pthread_mutex_t()
    private var paths: Set<String> = []

    init() { pthread_mutex_init(&lock, nil) }

    func insert(_ path: String) {
        pthread_mutex_lock(&lock)
        paths.insert(path)
        pthread_mutex_unlock(&lock)
    }

    func remove(_ path: String) {
        pthread_mutex_lock(&lock)
        paths.remove(path)
        pthread_mutex_unlock(&lock)
    }

    /// Unlinks and forgets every path.
    func removeAll() {
        pthread_mutex_lock(&lock)
        for path in paths { unlink(path) }
        paths = []
        pthread_mutex_unlock(&lock)
    }
}
