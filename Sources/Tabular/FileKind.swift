// What kind of file a path names, for the two rules of issue 13: inputs are read only from regular
// files (a device such as /dev/zero never ends), and outputs replace only regular files.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The name of a file type (`st_mode & S_IFMT`) for messages ("a directory", "a device").
package func fileKindName(_ kind: mode_t) -> String {
    switch kind {
    case S_IFDIR: return "a directory"
    case S_IFLNK: return "a symbolic link"
    case S_IFCHR, S_IFBLK: return "a device"
    case S_IFIFO: return "a pipe"
    case S_IFSOCK: return "a socket"
    default: return "not a regular file"
    }
}

/// Why `path` cannot be read as an input file, or nil when it is a regular file (following links)
/// or does not exist (the open reports that).
/// - Parameter path: the input path.
/// - Returns: a reason such as "it is a device, not a regular file".
package func nonRegularInputReason(_ path: String) -> String? {
    var info = stat()
    guard stat(path, &info) == 0 else { return nil }
    return nonRegularReason(info.st_mode & S_IFMT)
}

/// Why a file of type `kind` cannot be read as an input, or nil for a regular file.
/// - Parameter kind: `st_mode & S_IFMT`.
/// - Returns: "it is a directory", or for devices, pipes and sockets "it is a device, not a regular file".
package func nonRegularReason(_ kind: mode_t) -> String? {
    switch kind {
    case S_IFREG: return nil
    case S_IFDIR: return "it is a directory"
    default: return "it is \(fileKindName(kind)), not a regular file"
    }
}
