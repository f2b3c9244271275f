import Foundation
import PassVerifier

/// Verifies many tokens on all cores and formats one result line each, in input order.
/// Formatting runs in the worker threads too: at 30,000 tokens a second per core it is not free.
struct BulkVerifier: Sendable {
    let verifier: Verifier
    let date: Date
    let json: Bool
    let threads: Int

    struct Block {
        var output: [UInt8] = []
        var rejected = 0
    }

    /// `numbers[i]` is the line number printed for `lines[i]` (nil: print none).
    func verify(_ lines: [ArraySlice<UInt8>], firstNumber: Int?) -> Block {
        let chunks = min(lines.count, threads * 8)
        guard chunks > 1 else { return format(lines[...], firstNumber: firstNumber) }
        let size = (lines.count + chunks - 1) / chunks
        let results = UnsafeMutableBufferPointer<Block>.allocate(capacity: chunks)
        results.initialize(repeating: Block())
        defer { results.deinitialize().deallocate() }
        nonisolated(unsafe) let slots = results  // each iteration writes its own slot only
        DispatchQueue.concurrentPerform(iterations: chunks) { index in
            let range = min(lines.count, index * size)..<min(lines.count, (index + 1) * size)
            slots[index] = format(lines[range], firstNumber: firstNumber.map { $0 + range.lowerBound })
        }
        return results.reduce(into: Block()) { total, block in
            total.output += block.output
            total.rejected += block.rejected
        }
    }

    private func format(_ lines: ArraySlice<[UInt8].SubSequence>, firstNumber: Int?) -> Block {
        var block = Block()
        var formatter = ResultFormatter(json: json)
        for (offset, line) in lines.enumerated() {
            let result = Result { () throws(PassError) in
                try verifier.verify(text: String(decoding: line, as: UTF8.self), at: date)
            }
            if case .failure = result { block.rejected += 1 }
            block.output += formatter.line(for: result, number: firstNumber.map { $0 + offset }).utf8
            block.output.append(UInt8(ascii: "\n"))
        }
        return block
    }
}

/// One line per result: plain words for people, or JSON for machines (SPEC of the CLI in README).
struct ResultFormatter {
    let json: Bool
    private var dayCache: [UInt32: (iso: String, day: String)] = [:]

    init(json: Bool) { self.json = json }

    mutating func line(for result: Result<VerifiedPass, PassError>, number: Int?) -> String {
        switch result {
        case .success(let pass): accepted(pass, number: number)
        case .failure(let error): rejected(error, number: number)
        }
    }

    private mutating func accepted(_ pass: VerifiedPass, number: Int?) -> String {
        let expiry = days(pass.token.payload.expiry)
        if json {
            return JSONText.object([
                ("valid", .bool(true)), ("kid", .string(pass.kid.text)), ("serial", .int(Int64(pass.serial.value))),
                ("valueCents", .int(Int64(pass.value.value))), ("expires", .string(expiry.iso)), ("issuer", .string(pass.issuer)),
            ])
        }
        let verdict = Console.paint(Words(en: "✔ VALID", fr: "✔ VALIDE").text, .green, forStdout: true)
        let serial = Words(en: "serial", fr: "série").text
        let until = Words(en: "valid until", fr: "valable jusqu'au").text
        return prefix(number) + "\(verdict)  \(pass.value) €  \(serial) \(pass.serial)  \(until) \(expiry.day)  \(pass.issuer) (\(pass.kid))"
    }

    private func rejected(_ error: PassError, number: Int?) -> String {
        if json {
            return JSONText.object([("valid", .bool(false)), ("reason", .string(error.code.rawValue))])
        }
        let verdict = Console.paint(Words(en: "✘ REJECTED", fr: "✘ REFUSÉ").text, .red, forStdout: true)
        return prefix(number) + "\(verdict)  \(ReasonWords.describe(error).text)"
    }

    private func prefix(_ number: Int?) -> String {
        number.map { "\($0): " } ?? ""
    }

    private mutating func days(_ expiry: UInt32) -> (iso: String, day: String) {
        if let known = dayCache[expiry] { return known }
        let date = Date(timeIntervalSince1970: TimeInterval(expiry))
        let value = (Dates.iso(date), Dates.lastValidDay(expiry: date))
        dayCache[expiry] = value
        return value
    }
}
