import Conventions
import Counter
import Foundation
import PassVerifier
import SpentList
import SpentListAPI

/// One operator session: each scan's verdict on stdout, a running tally, a summary at the end.
struct ScanSession {
    let desk: Desk
    let json: Bool
    /// The service's address, to name it when it stops answering.
    let service: String?
    private(set) var tally = Tally()
    /// Runs after each pass accepted online (`scan --help-given` records the kind of help).
    var afterAcceptance: (@Sendable (VerifiedPass) async -> Void)?
    /// Whether the operator was last told the counter works offline, so a change is said once.
    private var saidOffline: Bool

    init(desk: Desk, json: Bool, service: String? = nil) {
        self.desk = desk
        self.json = json
        self.service = service
        saidOffline = desk.workingOffline(at: Date())
    }

    mutating func scan(_ line: String) async {
        guard let verdict = await desk.handle(line: line, at: Date()) else { return }
        sayReachabilityChange()
        show(verdict)
        if case .accepted(let pass) = verdict.outcome, !verdict.offline { await afterAcceptance?(pass) }
    }

    /// An online counter whose service stops (or starts again) answering says so once.
    private mutating func sayReachabilityChange() {
        let offline = desk.workingOffline(at: Date())
        guard offline != saidOffline else { return }
        saidOffline = offline
        Console.warning(offline ? ScanWords.workingOffline(service ?? "") : ScanWords.backOnline)
    }

    mutating func scan(imageAt path: String) async throws {
        // A photo of a whole carnet page also shows the stub's code (SPEC.md §15): not a pass.
        let texts = try ImageDecoder.decode(path: path).filter { CarnetCode(text: $0) == nil }
        if texts.isEmpty {
            Console.warning(Words(en: "no pass found in \(path)", fr: "aucun pass trouvé dans \(path)"))
        }
        for text in texts { await scan(text) }
    }

    func finish() {
        Console.info(VerdictText.summary(tally))
    }

    private mutating func show(_ verdict: Verdict) {
        tally.add(verdict)
        Output.stdout(Array(((json ? VerdictJSON.line(verdict) : VerdictText.line(verdict, tally: tally)) + "\n").utf8))
    }
}

/// `--json`: one object per scan, for integration.
enum VerdictJSON {
    static func line(_ verdict: Verdict) -> String {
        var fields: [(String, JSON)] = [("scannedAt", .string(MachineTime.rfc3339(verdict.scannedAt))), ("offline", .bool(verdict.offline))]
        switch verdict.outcome {
        case .accepted(let pass):
            fields = [("verdict", .string("accepted")), ("kid", .string(pass.kid.text)), ("serial", .int(Int64(pass.serial.value))),
                      ("valueCents", .int(Int64(pass.value.value)))] + fields
        case .refused(let refusal):
            fields = [("verdict", .string("refused")), ("reason", .string(reason(refusal))),
                      ("message", .string(VerdictText.reason(refusal, at: verdict.scannedAt).text))] + fields
        case .status(let number, let status):
            fields = [("verdict", .string("status")), ("serial", .int(Int64(number.serial.value))), ("number", .string(number.text)),
                      ("state", .string(state(status))), ("message", .string(VerdictText.statusWords(number, status).text))] + fields
        case .mistypedSerial(let text):
            fields = [("verdict", .string("status")), ("typed", .string(text)), ("state", .string("mistyped")),
                      ("message", .string(VerdictText.mistyped.text))] + fields
        }
        return jsonLine(fields)
    }

    static func state(_ status: PassStatus) -> String {
        switch status {
        case .unspent: "unspent"
        case .spent: "spent"
        case .revoked: "revoked"
        }
    }

    static func reason(_ refusal: Verdict.Refusal) -> String {
        switch refusal {
        case .invalid(let error): error.code.rawValue
        case .expired: Reason.expired.rawValue
        case .alreadySpent: Reason.alreadySpent.rawValue
        case .revoked: Reason.revoked.rawValue
        case .notDistributed: Reason.notDistributed.rawValue
        case .unreadable: PassError.Code.malformed.rawValue  // as `passnum verify` says of the same input
        case .service(let code): code
        case .unavailable: "unavailable"
        }
    }
}
