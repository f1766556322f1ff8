import ChurnKit
import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// On SIGINT or SIGTERM, removes the temporary files of the outputs being written
/// (`AtomicFile.removeTemporaryFiles()`), then ends the process by the same signal, so that an
/// interrupted command leaves neither a partial output nor a hidden temporary file.
///
/// The signals are received through Dispatch signal sources on a global queue, so the cleanup runs
/// as ordinary code on its own thread while the main thread computes.
public enum SignalCleanup {
    /// The signals handled.
    static let signals: [Int32] = [SIGINT, SIGTERM]

    /// Installs the handlers (once; later calls do nothing). Call after any re-execution of the
    /// process, since ignored signals are inherited across `exec`.
    public static func install() { _ = _sources }

    nonisolated(unsafe) private static let _sources: [any DispatchSourceSignal] = signals.map { number in
        signal(number, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
        source.setEventHandler {
            AtomicFile.removeTemporaryFiles()
            signal(number, SIG_DFL)
            // Die of the signal on this thread, which may have it blocked (as the parent's mask is
            // inherited and Dispatch threads block signals).
            var set = sigset_t()
            sigemptyset(&set)
            sigaddset(&set, number)
            pthread_sigmask(SIG_UNBLOCK, &set, nil)
            raise(number)
        }
        source.resume()
        return source
    }
}
