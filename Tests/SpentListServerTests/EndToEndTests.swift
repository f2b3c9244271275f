import AsyncHTTPClient
import Conventions
import Foundation
import NIOCore
import Testing

/// The built `passnum` binary, run as an operator would: keys, passes, partners, the service,
/// a SIGKILL in the middle of a stream of redemptions, a restart, receipts and settlement.
@Suite(.serialized) struct EndToEndTests {
    @Test func aKilledServiceLosesNoAcknowledgedRedemptionAndRecordsNoneTwice() async throws {
        try await streamRedemptions(thenSend: SIGKILL)
    }

    /// SIGTERM in the middle of a stream: answers in flight are finished, the process exits 0,
    /// and every acknowledged redemption is there after a restart.
    @Test func aStoppedServiceFinishesInFlightRequestsAndExitsCleanly() async throws {
        try await streamRedemptions(thenSend: SIGTERM)
    }

    private func streamRedemptions(thenSend signal: Int32) async throws {
        let run = try CLIRun()
        let (kid, tokens) = try run.issue(count: 600)
        let partnerKey = try run.passnum(["partners", "add", "--name", "Épicerie solidaire"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(partnerKey.hasPrefix("pnk_"))

        let first = try run.startService()
        let http = quickHTTPClient
        let log = RedemptionLog()
        // 16 workers redeem distinct passes; the signal goes once 200 have been acknowledged.
        await withTaskGroup(of: Void.self) { group in
            for worker in 0..<16 {
                group.addTask {
                    for index in stride(from: worker, to: tokens.count, by: 16) {
                        guard await !log.stopped else { return }
                        await log.sent()
                        guard let status = try? await redeem(http, port: first.port, key: partnerKey, token: tokens[index]) else { return }
                        if status == 201 {
                            if await log.acknowledged(index + 1) == 200 { kill(first.process.processIdentifier, signal) }
                        } else {
                            await log.unexpected(status)
                        }
                    }
                }
            }
        }
        if first.process.isRunning, signal == SIGKILL {
            Issue.record("the stream ended before the service was killed")
            kill(first.process.processIdentifier, SIGKILL)
        }
        first.process.waitUntilExit()
        if signal == SIGKILL {
            #expect(first.process.terminationReason == .uncaughtSignal && first.process.terminationStatus == SIGKILL)
        } else {
            #expect(first.process.terminationReason == .exit && first.process.terminationStatus == 0)
            #expect(try first.stderr().contains("service stopped"))
        }
        let acknowledged = await log.serials
        let sent = await log.sentCount
        #expect(acknowledged.count >= 200)
        #expect(await log.unexpectedStatuses.isEmpty)

        let second = try run.startService()
        for serial in acknowledged.prefix(50) {
            let (status, body) = try await get(http, port: second.port, path: "/v1/passes/\(kid)/\(serial)", key: partnerKey)
            #expect(status == 200 && body["state"] as? String == "spent", "serial \(serial)")
        }
        let (_, settlement) = try await get(http, port: second.port, path: "/v1/settlement?from=2020-01-01&to=2099-01-01", key: CLIRun.adminKey)
        let passes = ((settlement["partners"] as? [[String: Any]])?.first?["passes"] as? [[String: Any]]) ?? []
        let recorded = passes.compactMap { $0["serial"] as? Int }
        #expect(Set(recorded).count == recorded.count, "a pass recorded twice")
        #expect(Set(acknowledged).isSubset(of: Set(recorded)), "acknowledged but lost: \(Set(acknowledged).subtracting(recorded).sorted())")
        #expect(recorded.count <= sent)
        let again = try await redeem(http, port: second.port, key: partnerKey, token: tokens[acknowledged[0] - 1])
        #expect(again == 409)

        second.process.terminate()
        second.process.waitUntilExit()
        #expect(second.process.terminationReason == .exit && second.process.terminationStatus == 0)
    }

    @Test func receiptsVerifyWithThePublishedKeyAndSettlementShowsThePass() async throws {
        let run = try CLIRun()
        let (kid, tokens, partnerKey, service) = try run.servingTenPasses()
        let http = quickHTTPClient
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(service.port)/v1/redemptions")
        request.method = .POST
        request.headers.add(name: "Authorization", value: "Bearer \(partnerKey)")
        request.body = .bytes(ByteBuffer(string: #"{"token":"\#(tokens[2])"}"#))
        let response = try await http.execute(request, timeout: .seconds(30))
        let body = try await response.body.collect(upTo: 1 << 16)
        #expect(response.status.code == 201)
        let receipt = try #require((try JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any])?["receipt"] as? String)
        service.process.terminate()
        service.process.waitUntilExit()

        let verified = try run.passnum(["receipt", "verify", "--key", "receipt.pub", "--json", receipt])
        #expect(verified.status == 0)
        #expect(verified.stdout.contains(#""partner":"PiNG""#) && verified.stdout.contains(#""serial":3"#))
        var forged = Array(receipt.utf8)
        forged[40] = forged[40] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
        let refused = try run.passnum(["receipt", "verify", "--key", "receipt.pub", String(decoding: forged, as: UTF8.self)])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("passnum: error:"))

        let month = Paris.isoMonth(Date())
        let csv = try run.passnum(["settlement", "--month", month, "--csv"])
        #expect(csv.status == 0)
        #expect(csv.stdout.contains("\"PiNG\",\(kid),3,1000,"))
        let pdf = try run.passnum(["settlement", "--month", month, "--pdf", "settlement.pdf"])
        #expect(pdf.status == 0)
        let pdfBytes = try Data(contentsOf: run.folder.appendingPathComponent("settlement.pdf"))
        #expect(pdfBytes.starts(with: Array("%PDF-".utf8)))
        #expect(try run.passnum(["settlement", "--month", month, "--pdf", "settlement.pdf"]).status == 64)  // no overwrite without --force
        let usage = try run.passnum(["settlement", "--month", "2026-13"])
        #expect(usage.status == 64)
    }

    /// `passnum keys revoke` then SIGHUP: the running service refuses that key's passes.
    @Test func aHangUpReloadsTheTrustList() async throws {
        let run = try CLIRun()
        let (kid, tokens, partnerKey, service) = try run.servingTenPasses()
        let http = quickHTTPClient
        #expect(try await redeem(http, port: service.port, key: partnerKey, token: tokens[0]) == 201)
        #expect(try run.passnum(["keys", "revoke", kid]).status == 0)
        kill(service.process.processIdentifier, SIGHUP)
        #expect(try service.waitForLog("trust list replaced"))
        #expect(try await redeem(http, port: service.port, key: partnerKey, token: tokens[1]) == 422)
        service.process.terminate()
        service.process.waitUntilExit()
        #expect(service.process.terminationStatus == 0)
    }

    /// `passnum keys generate` beside a running service: the service trusts the new key by
    /// itself, without a signal or a restart.
    @Test func aNewKeyIsTrustedByTheRunningServiceWithoutASignal() async throws {
        let run = try CLIRun()
        let (_, _, partnerKey, service) = try run.servingTenPasses()
        let generated = try run.passnum(["keys", "generate", "--issuer", "Test office", "--dir", "Keys", "--unencrypted"])
        #expect(generated.stderr.contains("applies it within 2 seconds by itself"), "\(generated.stderr)")
        let kid = generated.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let expiry = Date().addingTimeInterval(365 * 86_400).formatted(Date.ISO8601FormatStyle().year().month().day())
        let issued = try run.passnum([
            "issue", "--key", "Keys/\(kid).secret", "--carnets", "1", "--value", "10", "--expires", expiry, "--out", "new.txt",
        ])
        try #require(issued.status == 0, "\(issued.stderr)")
        let token = try String(contentsOf: run.folder.appendingPathComponent("new.txt"), encoding: .utf8).split(separator: "\n")[0]
        #expect(try service.waitForLog("trust list replaced"))
        let http = quickHTTPClient
        #expect(try await redeem(http, port: service.port, key: partnerKey, token: String(token)) == 201)
        service.process.terminate()
        service.process.waitUntilExit()
    }

    @Test func partnersAreListedAndDisabledAndAdminKeysReplaced() throws {
        let run = try CLIRun()
        _ = try run.passnum(["partners", "add", "--name", "PiNG"])
        let duplicate = try run.passnum(["partners", "add", "--name", "PiNG"])
        #expect(duplicate.status == 1 && duplicate.stdout.isEmpty)
        #expect(try run.passnum(["partners", "disable", "PiNG"]).status == 0)
        let list = try run.passnum(["partners", "list", "--json"])
        #expect(list.stdout.contains(#""name":"PiNG""#) && !list.stdout.contains(#""disabledAt":null"#))
        #expect(try run.passnum(["partners", "disable", "Nobody"]).status == 1)
        let admin = try run.passnum(["admin-key"])
        #expect(admin.status == 0 && admin.stdout.hasPrefix("pna_"))
    }
}

/// POST /v1/redemptions over a real connection; the status code (the live-server tests share it).
func redeem(_ http: HTTPClient, port: Int, key: String, token: String, timeout: TimeAmount = .seconds(30)) async throws -> UInt {
    var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/v1/redemptions")
    request.method = .POST
    request.headers.add(name: "Authorization", value: "Bearer \(key)")
    request.body = .bytes(ByteBuffer(string: #"{"token":"\#(token)"}"#))
    let response = try await http.execute(request, timeout: timeout)
    _ = try await response.body.collect(upTo: 1 << 16)
    return response.status.code
}

private func get(_ http: HTTPClient, port: Int, path: String, key: String) async throws -> (UInt, [String: Any]) {
    var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)\(path)")
    request.headers.add(name: "Authorization", value: "Bearer \(key)")
    let response = try await http.execute(request, timeout: .seconds(30))
    let body = try await response.body.collect(upTo: 1 << 24)
    return (response.status.code, (try? JSONSerialization.jsonObject(with: Data(body.readableBytesView))) as? [String: Any] ?? [:])
}

private actor RedemptionLog {
    private(set) var serials: [Int] = []
    private(set) var sentCount = 0
    private(set) var unexpectedStatuses: [UInt] = []
    var stopped = false

    func sent() { sentCount += 1 }
    /// How many are acknowledged with this one: exactly one caller sees each number.
    func acknowledged(_ serial: Int) -> Int {
        serials.append(serial)
        return serials.count
    }
    func unexpected(_ status: UInt) {
        unexpectedStatuses.append(status)
        stopped = true
    }
}
