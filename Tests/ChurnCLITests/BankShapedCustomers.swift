import ChurnKit
import Foundation

/// Writes a CSV with the shape of the public bank-churn file: `RowNumber` 1..n, `CustomerId`
/// (8-digit unique integers), `Surname` (`surnames` labels, each at least once), the usual features
/// and `Exited` (0/1) drawn from a logistic model of age, activity, products, balance and country.
/// - Returns: the file's path in `directory`.
func writeBankShapedCustomers(rows: Int, surnames: Int, seed: UInt64, in directory: URL) throws -> String {
    var random = SeededRandom(seed: seed)
    var ids = Set<Int>()
    var lines = ["RowNumber,CustomerId,Surname,CreditScore,Geography,Gender,Age,Tenure,Balance,NumOfProducts,HasCrCard,IsActiveMember,EstimatedSalary,Exited"]
    for row in 1...rows {
        var id = 15_565_701 + random.nextIndex(below: 250_000)
        while !ids.insert(id).inserted { id = 15_565_701 + random.nextIndex(below: 250_000) }
        let surname = row <= surnames ? "Name\(row)" : "Name\(1 + random.nextIndex(below: surnames))"
        let geography = ["France", "France", "Spain", "Germany"][random.nextIndex(below: 4)]
        let age = 18 + random.nextIndex(below: 55)
        let products = 1 + random.nextIndex(below: 3)
        let active = random.nextIndex(below: 2)
        let balance = random.nextIndex(below: 3) == 0 ? 0 : 50_000 + random.nextUnitDouble() * 150_000
        let logit = -2.2 + 0.07 * Double(age - 38) - 0.9 * Double(active) + (geography == "Germany" ? 0.7 : 0)
            + (products == 3 ? 1.5 : 0) + (balance > 0 ? 0.3 : 0)
        let exited = random.nextUnitDouble() < 1 / (1 + exp(-logit)) ? 1 : 0
        let fields: [String] = [
            "\(row)", "\(id)", surname, "\(350 + random.nextIndex(below: 500))", geography,
            random.nextIndex(below: 2) == 0 ? "Female" : "Male", "\(age)", "\(random.nextIndex(below: 11))",
            String(format: "%.2f", balance), "\(products)", "\(random.nextIndex(below: 2))", "\(active)",
            String(format: "%.2f", 10_000 + random.nextUnitDouble() * 190_000), "\(exited)",
        ]
        lines.append(fields.joined(separator: ","))
    }
    let path = directory.appendingPathComponent("bank-churn.csv").path
    try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: path))
    return path
}
