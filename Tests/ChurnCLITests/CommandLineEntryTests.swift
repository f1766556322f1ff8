import Foundation
import Testing
@testable import ChurnCLI

@Test func negativeNumbersAreJoinedToTheirOption() {
    #expect(ChurnCommand.joiningNegativeValues(["segment", "f.csv", "--k", "-3"]) == ["segment", "f.csv", "--k=-3"])
    #expect(ChurnCommand.joiningNegativeValues(["--ratio", "-1e300", "--alpha", "-.5", "--k-range", "-3...5"])
        == ["--ratio=-1e300", "--alpha=-.5", "--k-range=-3...5"])
    #expect(ChurnCommand.joiningNegativeValues(["--x", "-inf"]) == ["--x=-inf"])
    // Options and flags are left alone, and so is everything after "--".
    #expect(ChurnCommand.joiningNegativeValues(["--force", "-h", "--k=-3", "--", "--k", "-3"]) == ["--force", "-h", "--k=-3", "--", "--k", "-3"])
}

@Test func foundationFileErrorsReadAsPathAndReason() {
    let full = NSError(domain: NSCocoaErrorDomain, code: CocoaError.fileWriteOutOfSpace.rawValue, userInfo: [NSFilePathErrorKey: "/data/m.json"])
    #expect("\(ChurnCommand.readableError(full))" == "/data/m.json: no space left on device")
    let underlying = NSError(domain: NSPOSIXErrorDomain, code: Int(ENOTDIR))
    let wrapped = NSError(domain: NSCocoaErrorDomain, code: 512,
                          userInfo: [NSURLErrorKey: URL(fileURLWithPath: "/dev/null/x"), NSUnderlyingErrorKey: underlying])
    #expect("\(ChurnCommand.readableError(wrapped))" == "/dev/null/x: Not a directory")
    // Other errors pass through unchanged.
    #expect("\(ChurnCommand.readableError(CommandError("as it was")))" == "as it was")
}
