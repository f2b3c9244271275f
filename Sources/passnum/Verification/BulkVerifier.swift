import Conventions
import Foundation
import PassVerifier
import SpentList
import SpentListAPI

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

    /// Line numbers start at `firstNumber` (nil: print none).
    func verify(_ lines: [ArraySlice<UInt8>], firstNumber: Int?) -> Block {
        // concurrentPerform uses every core whatever the chunk count: one thread means no call.
        let chunks = min(lines.count, threads * 8)
        guard threads > 1, chunks > 1 else { return format(lines[...], firstNumber: firstNumber) }
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
            formatter.append(result, number: firstNumber.map { $0 + offset }, to: &block.output)
        }
        return block
    }
}

/// One line per result: plain words for people, or JSON for machines. Appends bytes to the
/// output directly and caches what repeats (a key's issuer, an expiry day), because in bulk it
/// runs once per token beside a ~35 µs signature check.
struct ResultFormatter {
    let json: Bool
    private var dayCache: [UInt32: (iso: String, day: String)] = [:]
    private var issuerCache: [KeyID: String] = [:]

    init(json: Bool) { self.json = json }

    mutating func append(_ result: Result<VerifiedPass, PassError>, number: Int?, to out: inout [UInt8]) {
        switch result {
        case .success(let pass): appendAccepted(pass, number: number, to: &out)
        case .failure(let error): appendRejected(error, number: number, to: &out)
        }
        out.append(UInt8(ascii: "\n"))
    }

    private mutating func appendAccepted(_ pass: VerifiedPass, number: Int?, to out: inout [UInt8]) {
        let expiry = days(pass.token.payload.expiry)
        if json {
            out += #"{"valid":true,"kid":""#.utf8
            out += pass.kid.text.utf8
            out += #"","serial":"#.utf8
            out += String(pass.serial.value).utf8
            out += #","valueCents":"#.utf8
            out += String(pass.value.value).utf8
            out += #","expires":""#.utf8
            out += expiry.iso.utf8
            out += #"","issuer":"#.utf8
            out += issuerJSON(pass).utf8
            out += "}".utf8
            return
        }
        let verdict = Console.paint(Words(en: "✔ VALID", fr: "✔ VALIDE").text, .green, forStdout: true)
        let serial = Words(en: "serial", fr: "série").text
        let until = Words(en: "valid until", fr: "valable jusqu'au").text
        out += (prefix(number) + "\(verdict)  \(Money.local(pass.value))  \(serial) \(pass.serial)  \(until) \(expiry.day)  \(pass.issuer) (\(pass.kid))").utf8
    }

    private func appendRejected(_ error: PassError, number: Int?, to out: inout [UInt8]) {
        if json {
            out += jsonLine([("valid", .bool(false)), ("reason", .string(error.code.rawValue))]).utf8
            return
        }
        let verdict = Console.paint(Words(en: "✘ REJECTED", fr: "✘ REFUSÉ").text, .red, forStdout: true)
        out += (prefix(number) + "\(verdict)  \(ReasonWords.describe(error).text)").utf8
    }

    private func prefix(_ number: Int?) -> String {
        number.map { "\($0): " } ?? ""
    }

    private mutating func issuerJSON(_ pass: VerifiedPass) -> String {
        if let known = issuerCache[pass.kid] { return known }
        let escaped = JSON.string(pass.issuer).text
        issuerCache[pass.kid] = escaped
        return escaped
    }

    private mutating func days(_ expiry: UInt32) -> (iso: String, day: String) {
        if let known = dayCache[expiry] { return known }
        let date = Date(timeIntervalSince1970: TimeInterval(expiry))
        let value = (MachineTime.rfc3339(date), Paris.lastValidDay(expiry: date))
        dayCache[expiry] = value
        return value
    }
}
