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

    /// A one-line human-readable explanation.
    public var description: String {
        switch self {
        case .cannotCreate(let path, let reason): return "\(path): cannot create a temporary file beside it: \(reason)"
        case .cannotWrite(let path, let reason): return "\(path): cannot write: \(reason)"
        case .cannotCommit(let path, let reason): return "\(path): cannot commit: \(reason)"
        case .alreadyExists(let path): return "\(path): the file already exists and is not replaced"
        case .closed(let path): return "\(path): the file was already committed or abandoned"
        }
    }
}

/// A file that appears at its path complete or not at all.
///
/// Bytes go to a temporary file in the same directory (`.NAME.tmp-PID-RANDOM`); `commit()` flushes it
/// to disk (`fsync`) and renames it onto the path (`rename(2)` is atomic within a file system), so a
/// reader never sees a half-written file and a crash leaves the old file intact. Without a commit
/// (an error, `abandon()`, or the object going away) the temporary file is removed.
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

    /// Creates the temporary file beside `path`.
    /// - Parameters:
    ///   - path: where the file will appear on `commit()`.
    ///   - permissions: the new file's mode (default 0o644, less the process umask).
    /// - Throws: `AtomicFileError.cannotCreate` (for example when the directory does not exist).
    public init(path: String, permissions: UInt32 = 0o644) throws(AtomicFileError) {
        self.path = path
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { String(path[...$0]) } ?? ""
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        var attempt = 0
        while true {
            let candidate = "\(directory).\(name).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
            let opened = open(candidate, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode_t(permissions))
            if opened >= 0 {
                fd = opened
                temporaryPath = candidate
                return
            }
            attempt += 1
            if errno != EEXIST || attempt > 100 {
                throw .cannotCreate(path: path, reason: String(cString: strerror(errno)))
            }
        }
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
        if replacing {
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
    }

    /// Closes and removes the temporary file, leaving `path` as it was. Does nothing after a commit.
    public func abandon() {
        guard fd >= 0 else { return }
        close(fd)
        fd = -1
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
