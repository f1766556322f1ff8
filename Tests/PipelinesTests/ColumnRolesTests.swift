import Foundation
import LinearModels
import Tabular
import Testing
@testable import Pipelines

/// A bank-churn-shaped table: RowNumber 1..n, 8-digit unique CustomerId, a surname-like column with
/// `surnames` labels, a weak categorical and numeric features, and an Exited label.
private func bankShaped(rows: Int, surnames: Int, seed: UInt64) throws -> Table {
    var random = SeededRandom(seed: seed)
    var ids = Set<Int>()
    var customerIDs: [Double] = []
    while customerIDs.count < rows {
        let id = 15_500_000 + random.nextIndex(below: 300_000)
        if ids.insert(id).inserted { customerIDs.append(Double(id)) }
    }
    let names = (0..<rows).map { $0 < surnames ? "Surname\($0)" : "Surname\(random.nextIndex(below: surnames))" }
    let geography = (0..<rows).map { _ in ["France", "Spain", "Germany"][random.nextIndex(below: 3)] }
    let age = (0..<rows).map { _ in Double(18 + random.nextIndex(below: 60)) }
    let exited = zip(age, geography).map { age, place -> String? in
        let logit = -3 + 0.06 * (age - 40) + (place == "Germany" ? 0.8 : 0)
        return random.nextUnitDouble() < 1 / (1 + exp(-logit)) ? "1" : "0"
    }
    return try Table(columns: [
        Column(name: "RowNumber", numeric: (1...rows).map(Double.init)),
        Column(name: "CustomerId", numeric: customerIDs),
        Column(name: "Surname", labels: names),
        Column(name: "Geography", labels: geography),
        Column(name: "Age", numeric: age),
        Column(name: "Exited", labels: exited),
    ])
}

@Suite struct ColumnRolesTests {
    @Test func numericIdsRowNumbersAndSurnamesAreNotLinearFeatures() throws {
        let table = try bankShaped(rows: 10_000, surnames: 2_932, seed: 5)
        #expect(try table.column(named: "Surname").distinctCount == 2_932)
        let roles = try ColumnRoles(table: table, target: "Exited", id: nil, use: .linearModel)
        #expect(roles.features == ["Geography", "Age"])
        #expect(roles.id == "CustomerId")
        #expect(roles.exclusion(of: "RowNumber")?.reason == .rowNumber)
        #expect(roles.exclusion(of: "CustomerId")?.reason == .id)
        #expect(roles.exclusion(of: "Surname")?.reason == .highCardinality)
        #expect(roles.exclusion(of: "Exited")?.reason == .target)
        #expect(roles.warnings.contains { $0.contains("\"Surname\"") && $0.contains("2932 labels") })
        #expect(roles.warnings.contains { $0.contains("\"RowNumber\"") && $0.contains("row number") })
    }

    @Test func treesKeepHighCardinalityTextWithAWarningAndClusteringTakesNumbersOnly() throws {
        let table = try bankShaped(rows: 2_000, surnames: 600, seed: 6)
        let tree = try ColumnRoles(table: table, target: "Exited", id: nil, use: .treeModel)
        #expect(tree.features == ["Surname", "Geography", "Age"])
        #expect(tree.warnings.contains { $0.contains("\"Surname\"") && $0.contains("overfit") })
        let clustering = try ColumnRoles(table: table, target: "Exited", id: nil, use: .clustering)
        #expect(clustering.features == ["Age"])
        #expect(clustering.exclusion(of: "Geography")?.reason == .notNumeric)
        #expect(clustering.exclusion(of: "RowNumber")?.reason == .rowNumber)
    }

    @Test func namedFeaturesAreUsedExactlyAndIgnoredColumnsNever() throws {
        let table = try bankShaped(rows: 500, surnames: 100, seed: 7)
        let roles = try ColumnRoles(
            table: table, target: "Exited", id: "RowNumber", ignored: ["Geography"], features: ["Surname", "Age"],
            use: .linearModel)
        #expect(roles.features == ["Surname", "Age"])
        #expect(roles.exclusion(of: "Geography")?.reason == .ignored)
        #expect(roles.exclusion(of: "CustomerId")?.reason == .notListed)
        #expect(roles.exclusion(of: "RowNumber")?.reason == .id)
        #expect(roles.warnings.contains { $0.contains("\"Surname\"") && $0.contains("as requested") })
        #expect { try ColumnRoles(table: table, target: "Exited", id: nil, features: ["Exited"], use: .linearModel) }
            throws: { "\($0)".contains("is the target") }
        #expect { try ColumnRoles(table: table, target: "Exited", id: nil, features: ["Age", "Age"], use: .linearModel) }
            throws: { "\($0)".contains("twice") }
        #expect { try ColumnRoles(table: table, target: "Exited", id: nil, features: ["Geography"], use: .clustering) }
            throws: { "\($0)".contains("categorical") }
        #expect(throws: TabularError.self) { try ColumnRoles(table: table, target: "Exited", id: nil, ignored: ["nope"], use: .linearModel) }
        #expect { try ColumnRoles(table: table, target: "Exited", id: nil, ignored: ["Geography", "Age", "Surname"], use: .linearModel) }
            throws: { "\($0)".contains("no features left") }
    }

    @Test func identifierNamesNeedMostlyDistinctValues() throws {
        #expect(ColumnRoles.hasIdentifierName("CustomerId"))
        #expect(ColumnRoles.hasIdentifierName("customer_id"))
        #expect(ColumnRoles.hasIdentifierName("customerID"))
        #expect(ColumnRoles.hasIdentifierName("RowNumber"))
        #expect(ColumnRoles.hasIdentifierName("phone number"))
        #expect(!ColumnRoles.hasIdentifierName("NumOfProducts"))
        #expect(!ColumnRoles.hasIdentifierName("Number vmail messages"))
        #expect(!ColumnRoles.hasIdentifierName("Area code"))
        let rows = 40
        let table = try Table(columns: [
            Column(name: "plan_id", numeric: (0..<rows).map { Double($0 % 3) }),
            Column(name: "account_id", labels: (0..<rows).map { "A\($0 / 2)" }),
            Column(name: "x", numeric: (0..<rows).map { Double($0 % 7) }),
        ])
        let roles = try ColumnRoles(table: table, target: nil, id: nil, use: .linearModel)
        #expect(roles.features == ["plan_id", "x"])
        #expect(roles.id == "account_id")
    }

    @Test func identifiersAreFoundOnTheRowsUsed() throws {
        // Observation 1: one blank label leaves 4,999 rows whose 4,999 ids are all distinct.
        let table = try Table(csvAt: bundledTelecomCustomers)
        let target = try TargetSpecification(table: table, column: "churned")
        let subset = table.selecting(rows: Array(1..<table.rowCount))
        let roles = try ColumnRoles(table: subset, target: target.column, id: nil, use: .linearModel)
        #expect(roles.id == "customer_id")
        #expect(!roles.features.contains("customer_id"))
    }

    @Test func telcoRolesArePrintedAndCodable() throws {
        guard telcoAvailable else {
            print("skipped: \(sharedDatasets)/telco-customer-churn.csv is absent")
            return
        }
        let table = try Table(csvAt: sharedDatasets + "/telco-customer-churn.csv")
        let roles = try ColumnRoles(table: table, target: "Churn", id: nil, use: .linearModel)
        #expect(roles.id == "customerID")
        #expect(roles.features.count == 19)
        #expect(roles.excluded.map(\.reason) == [.id, .target])
        #expect(roles.summaryLines.first == "columns: target \"Churn\", id \"customerID\"")
        let data = try JSONEncoder().encode(roles)
        #expect(try JSONDecoder().decode(ColumnRoles.self, from: data) == roles)
    }
}
