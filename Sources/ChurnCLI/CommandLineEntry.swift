import ArgumentParser
import Foundation
#if canImport(Glibc)
import Glibc
#endif

extension ChurnCommand {
    /// Runs the command line as `ParsableCommand.main()` does, with two repairs: a negative number
    /// given to an option is joined to it first (`--k -3` becomes `--k=-3`, which the argument
    /// parser would otherwise read as an unknown option `-3` and report a missing value), and a
    /// Foundation file error is printed as `path: reason` instead of its raw domain and code.
    public static func main() {
        do {
            var command = try parseAsRoot(joiningNegativeValues(Array(CommandLine.arguments.dropFirst())))
            try command.run()
        } catch {
            exit(withError: readableError(error))
        }
    }

    /// `arguments` with each `--option -N` pair (N a number: `-3`, `-0.5`, `-.5`, `-1e9`, `-inf`)
    /// written `--option=-N`; arguments after `--` are left as they are.
    static func joiningNegativeValues(_ arguments: [String]) -> [String] {
        var joined: [String] = []
        var i = 0
        while i < arguments.count {
            let argument = arguments[i]
            if argument == "--" {
                joined += arguments[i...]
                break
            }
            if argument.hasPrefix("--"), !argument.contains("="), i + 1 < arguments.count, isNegativeNumber(arguments[i + 1]) {
                joined.append(argument + "=" + arguments[i + 1])
                i += 2
            } else {
                joined.append(argument)
                i += 1
            }
        }
        return joined
    }

    /// Whether `text` is a minus sign followed by a number or by a digit or point (`-3...5`).
    private static func isNegativeNumber(_ text: String) -> Bool {
        guard text.count >= 2, text.first == "-", let second = text.dropFirst().first else { return false }
        return second.isASCII && (second.isNumber || second == ".") || Double(text) != nil
    }

    /// `error`, or for a Foundation (Cocoa or POSIX domain) error a `CommandError` reading
    /// `path: reason` (the operating system's reason when Foundation kept it).
    static func readableError(_ error: any Error) -> any Error {
        let ns = error as NSError
        guard ns.domain == NSCocoaErrorDomain || ns.domain == NSPOSIXErrorDomain else { return error }
        let path = ns.userInfo[NSFilePathErrorKey] as? String ?? (ns.userInfo[NSURLErrorKey] as? URL)?.path
        let reason: String
        if ns.domain == NSPOSIXErrorDomain {
            reason = String(cString: strerror(Int32(truncatingIfNeeded: ns.code)))
        } else if let underlying = (ns.userInfo[NSUnderlyingErrorKey] as? any Error).map({ $0 as NSError }),
            underlying.domain == NSPOSIXErrorDomain
        {
            reason = String(cString: strerror(Int32(truncatingIfNeeded: underlying.code)))
        } else {
            switch CocoaError.Code(rawValue: ns.code) {
            case .fileNoSuchFile, .fileReadNoSuchFile: reason = "no such file or directory"
            case .fileReadNoPermission, .fileWriteNoPermission: reason = "permission denied"
            case .fileWriteOutOfSpace: reason = "no space left on device"
            case .fileWriteVolumeReadOnly: reason = "read-only file system"
            case .fileWriteFileExists: reason = "the file already exists"
            case .fileReadTooLarge: reason = "the file is too large to read"
            case .fileReadCorruptFile: reason = "the file is damaged or not in the expected format"
            case .fileReadInapplicableStringEncoding, .fileWriteInapplicableStringEncoding: reason = "the text is not in the expected encoding"
            default: reason = "file operation failed (Foundation error \(ns.code))"
            }
        }
        return CommandError(path.map { "\($0): \(reason)" } ?? reason)
    }
}
