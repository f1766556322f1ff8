// Reading a purchase log: one line per transaction (customer id, date, amount).
//
// Two layouts: a CSV file with a header, columns named (read by Tabular's RFC 4180 reader), and
// a whitespace-separated file without a header, columns by 1-based position, as the CDNOW
// sample is published (` 00004 0001 19970101  2   29.33`: full-data id, sample id, date, CDs, dollars).
// Dates are ISO (YYYY-MM-DD) or YYYYMMDD. Line numbers in CSV messages count the header as line 1
// and one line per record (records with quoted line breaks would shift later numbers).

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Tabular

/// One purchase.
public struct Transaction: Sendable, Equatable {
    /// The customer id as written in the log.
    public var customer: String
    /// The purchase day.
    public var day: CalendarDay
    /// The amount spent (≥ 0).
    public var amount: Double
    /// The 1-based line of the log it came from (for messages).
    public var line: Int

    /// Creates a transaction.
    public init(customer: String, day: CalendarDay, amount: Double, line: Int) {
        self.customer = customer
        self.day = day
        self.amount = amount
        self.line = line
    }
}

/// Where the customer, date and amount are in a log file.
public enum TransactionLogLayout: Sendable, Equatable {
    /// A CSV file with a header; the columns are named.
    case csv(customer: String, date: String, amount: String)
    /// A headerless file of whitespace-separated fields; columns by 1-based position.
    case whitespace(customer: Int, date: Int, amount: Int)

    /// The CDNOW sample as published: whitespace-separated, customer = field 2 (the sample id, 0001-2357),
    /// date = field 3 (YYYYMMDD), amount = field 5 (dollars).
    public static let cdnow = TransactionLogLayout.whitespace(customer: 2, date: 3, amount: 5)
}

/// A purchase log read into memory.
public struct TransactionLog: Sendable, Equatable {
    /// The file's name, as used in messages.
    public var file: String
    /// The transactions in file order.
    public var transactions: [Transaction]
    /// The names used in messages for the customer, date and amount columns.
    public var columnNames: (customer: String, date: String, amount: String)

    /// Two logs are equal when they hold the same transactions from the same file.
    public static func == (lhs: TransactionLog, rhs: TransactionLog) -> Bool {
        lhs.file == rhs.file && lhs.transactions == rhs.transactions && lhs.columnNames == rhs.columnNames
    }

    /// Creates a log from transactions already in memory.
    /// - Parameters:
    ///   - file: The name used in messages.
    ///   - transactions: The transactions.
    ///   - columnNames: The column names used in messages.
    public init(file: String, transactions: [Transaction], columnNames: (customer: String, date: String, amount: String)) {
        self.file = file
        self.transactions = transactions
        self.columnNames = columnNames
    }

    /// Reads a purchase log.
    /// - Parameters:
    ///   - path: The file.
    ///   - layout: Where the customer, date and amount are.
    /// - Throws: `CustomerValueError`: a malformed file or missing column, an empty customer id,
    ///   a date that is not YYYY-MM-DD / YYYYMMDD, an amount that is not a number or is negative
    ///   (each naming file, line and column), or a log without transactions.
    /// - Complexity: O(file bytes).
    public init(contentsOf path: String, layout: TransactionLogLayout) throws(CustomerValueError) {
        switch layout {
        case .csv(let customer, let date, let amount):
            try self.init(csvAt: path, customer: customer, date: date, amount: amount)
        case .whitespace(let customer, let date, let amount):
            try self.init(whitespaceAt: path, customer: customer, date: date, amount: amount)
        }
        if transactions.isEmpty { throw .noTransactions(file: path) }
    }

    private init(csvAt path: String, customer: String, date: String, amount: String) throws(CustomerValueError) {
        let options = CSVReadOptions(columnKinds: [customer: .categorical, date: .categorical, amount: .numeric])
        let table: Table
        do { table = try Table(csvAt: path, options: options) } catch { throw .csv(error) }
        func column(_ name: String) throws(CustomerValueError) -> Column {
            guard let found = table.columns.first(where: { $0.name == name }) else {
                throw .missingColumn(file: path, column: name, available: table.columnNames)
            }
            return found
        }
        let ids = try column(customer), dates = try column(date), amounts = try column(amount)
        var transactions: [Transaction] = []
        transactions.reserveCapacity(table.rowCount)
        for row in 0..<table.rowCount {
            let line = row + 2
            guard let id = ids.text(at: row), !id.isEmpty else { throw .emptyCustomer(file: path, line: line, column: customer) }
            let dateText = dates.text(at: row) ?? ""
            guard let day = CalendarDay(parsing: dateText) else {
                throw .invalidDate(file: path, line: line, column: date, value: dateText)
            }
            guard case .numeric(let values) = amounts.values, values[row].isFinite else {
                throw .invalidAmount(file: path, line: line, column: amount, value: amounts.text(at: row) ?? "")
            }
            guard values[row] >= 0 else { throw .negativeAmount(file: path, line: line, column: amount, value: values[row]) }
            transactions.append(Transaction(customer: id, day: day, amount: values[row], line: line))
        }
        self.init(file: path, transactions: transactions, columnNames: (customer, date, amount))
    }

    private init(whitespaceAt path: String, customer: Int, date: Int, amount: Int) throws(CustomerValueError) {
        guard customer >= 1, date >= 1, amount >= 1 else {
            throw .invalidInput("column positions are 1-based; got customer \(customer), date \(date), amount \(amount)")
        }
        let bytes = try Self.readBytes(path)
        let names = ("column \(customer)", "column \(date)", "column \(amount)")
        var transactions: [Transaction] = []
        var line = 0
        var start = 0
        while start < bytes.count {
            var end = start
            while end < bytes.count, bytes[end] != 10 { end += 1 }
            line += 1
            let fields = bytes[start..<end].split(whereSeparator: { $0 == 32 || $0 == 9 || $0 == 13 })
            start = end + 1
            if fields.isEmpty { continue }
            func field(_ position: Int) throws(CustomerValueError) -> String {
                guard position <= fields.count else {
                    throw .missingField(file: path, line: line, column: position, found: fields.count)
                }
                return String(decoding: fields[position - 1], as: UTF8.self)
            }
            let id = try field(customer)
            let dateText = try field(date)
            guard let day = CalendarDay(parsing: dateText) else {
                throw .invalidDate(file: path, line: line, column: names.1, value: dateText)
            }
            let amountText = try field(amount)
            guard let value = Double(amountText), value.isFinite else {
                throw .invalidAmount(file: path, line: line, column: names.2, value: amountText)
            }
            guard value >= 0 else { throw .negativeAmount(file: path, line: line, column: names.2, value: value) }
            transactions.append(Transaction(customer: id, day: day, amount: value, line: line))
        }
        self.init(file: path, transactions: transactions, columnNames: names)
    }

    private static func readBytes(_ path: String) throws(CustomerValueError) -> [UInt8] {
        guard let handle = fopen(path, "rb") else {
            throw .cannotRead(file: path, reason: String(cString: strerror(errno)))
        }
        defer { fclose(handle) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = buffer.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, handle) }
            if count > 0 { bytes.append(contentsOf: buffer[0..<count]) }
            if count < buffer.count {
                if ferror(handle) != 0 { throw .cannotRead(file: path, reason: "read error") }
                break
            }
        }
        return bytes
    }
}
