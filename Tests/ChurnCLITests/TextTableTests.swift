import Testing
@testable import ChurnCLI

@Test func formattedNumbersSwitchToScientificNotationWhenHugeOrTiny() {
    #expect(formatted(0.2654) == "0.2654")
    #expect(formatted(1869) == "1869")
    #expect(formatted(64.757) == "64.76")
    // An overflowing odds ratio exp(300) or its reciprocal: no 100-digit numbers.
    #expect(formatted(1.9424263952412558e130) == "1.942e+130")
    #expect(formatted(5.1482002224473e-131) == "5.148e-131")
    #expect(formatted(2e12) == "2.000e+12")
    #expect(formatted(.infinity) == "inf")
}

@Test func aHugeCellIsCutSoItCannotWidenEveryLine() {
    var table = TextTable(headers: ["feature", "weight"], alignments: [.left, .right])
    table.append([String(repeating: "é", count: 2_000_000), "1"])
    table.append(["short", "2"])
    let lines = table.render().split(separator: "\n")
    #expect(lines.count == 4)
    #expect(lines[2] == Substring(String(repeating: "é", count: TextTable.maximumCellCharacters - 1) + "…  " + "     1"))
    #expect(lines[3].count == TextTable.maximumCellCharacters + 2 + "weight".count)
    #expect(TextTable.capped("short") == "short")
}
