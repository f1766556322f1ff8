import ArgumentParser
import Foundation
import Testing

@testable import ChurnCLI

/// Golden `--help` texts, as swift-argument-parser tests its own: every command's help, rendered at
/// a fixed width, equals its stored file in Fixtures/help/ (`churn-segment-assign.txt` for
/// `churn segment assign`), so a renamed flag or a changed default shows up in review as a diff of
/// that file. After a deliberate change, regenerate the files and review the diff:
///
///     CHURNKIT_UPDATE_HELP=1 swift test --filter HelpGoldenTests
@Suite struct HelpGoldenTests {
    /// The width the help is rendered at (ArgumentParser's default terminal width).
    static let columns = 80

    /// Fixtures/help/ in the source tree.
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/help")

    /// Every command under `churn`, depth first, with its path of command names.
    static func commands(
        _ command: any ParsableCommand.Type = ChurnCommand.self, path: [String] = []
    ) -> [(path: [String], type: any ParsableCommand.Type)] {
        let own = (path: path + [command._commandName], type: command)
        return [own] + command.configuration.subcommands.flatMap { commands($0, path: own.path) }
    }

    /// The help of `command` as `churn … --help` prints it.
    static func help(_ command: any ParsableCommand.Type) -> String {
        ChurnCommand.helpMessage(for: command, columns: columns) + "\n"
    }

    @Test func everyCommandsHelpEqualsItsStoredFile() throws {
        let update = ProcessInfo.processInfo.environment["CHURNKIT_UPDATE_HELP"] == "1"
        let commands = Self.commands()
        #expect(commands.count > 20)
        if update { try FileManager.default.createDirectory(at: Self.directory, withIntermediateDirectories: true) }
        var expectedFiles: Set<String> = []
        for command in commands {
            let file = command.path.joined(separator: "-") + ".txt"
            expectedFiles.insert(file)
            let url = Self.directory.appendingPathComponent(file)
            let rendered = Self.help(command.type)
            if update {
                try rendered.write(to: url, atomically: true, encoding: .utf8)
                continue
            }
            let stored = try? String(contentsOf: url, encoding: .utf8)
            #expect(
                stored == rendered,
                "\(command.path.joined(separator: " ")) --help differs from Fixtures/help/\(file) (CHURNKIT_UPDATE_HELP=1 regenerates it)")
        }
        let present = Set(try FileManager.default.contentsOfDirectory(atPath: Self.directory.path))
        if update {
            for stale in present.subtracting(expectedFiles) {
                try FileManager.default.removeItem(at: Self.directory.appendingPathComponent(stale))
            }
        } else {
            #expect(present == expectedFiles, "Fixtures/help/ holds a file of no command, or misses one")
        }
    }
}
