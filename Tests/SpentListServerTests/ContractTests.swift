import Foundation
import SpentListAPI
import Testing
import Yams

/// The `Codable` types of SpentListAPI against openapi.yaml, schema by schema: the fields a type
/// writes are the schema's properties, the fields it always writes are the schema's required
/// ones, and the reasons are the ones the document lists. A field added on one side only fails
/// here.
@Suite struct ContractTests {
    static let at = Timestamp(Date(timeIntervalSince1970: 1_795_000_000))

    /// Per schema: a value with every optional field set, and one with none (its fields must be
    /// exactly the required ones).
    static func samples() -> [String: (full: any Encodable, minimal: any Encodable)] {
        let conflict = API.Conflict(
            kid: "7f26c5a0", serial: 1, valueCents: 1000, reason: .alreadySpent, partner: "PiNG", scannedAt: at, firstPartner: "Secours",
            firstRedeemedAt: at, recordedAt: at)
        let noFirst = API.Conflict(
            kid: "7f26c5a0", serial: 1, valueCents: 1000, reason: .revoked, partner: "PiNG", scannedAt: at, firstPartner: nil,
            firstRedeemedAt: nil, recordedAt: at)
        let pass = API.SettledPass(kid: "7f26c5a0", serial: 1, valueCents: 1000, redeemedAt: at)
        let partner = API.PartnerSettlement(partner: "PiNG", count: 1, totalCents: 1000, passes: [pass])
        let item = API.FeedItem(cursor: "1", kind: .spent, kid: "7f26c5a0", first: 1, last: 1, at: at)
        let offline = API.OfflineItem(token: "1", scannedAt: at)
        let accepted = API.OfflineResult.accepted(kid: "7f26c5a0", serial: 1, valueCents: 1000, redeemedAt: at, receipt: "pnr1.x")
        let error = API.ErrorBody(error: .invalidBody, message: "x")
        var everyOfflineField = API.OfflineResult.conflict(
            kid: "7f26c5a0", serial: 1, reason: .revoked, message: "x", scannedAt: at, firstRedeemedAt: at)
        (everyOfflineField.valueCents, everyOfflineField.redeemedAt, everyOfflineField.receipt, everyOfflineField.helpKind) = (1000, at, "pnr1.x", "cv")
        return [
            "Error": (error, error),
            "AlreadySpent": (
                API.ErrorBody(error: .alreadySpent, message: "x", firstRedeemedAt: at, redeemedByYou: true, receipt: "pnr1.x"),
                API.ErrorBody(error: .alreadySpent, message: "x", firstRedeemedAt: at)
            ),
            "RedemptionRequest": (API.RedemptionRequest(token: "1"), API.RedemptionRequest(token: "1")),
            "Redeemed": (
                API.Redeemed(serial: 1, kid: "7f26c5a0", valueCents: 1000, redeemedAt: at, receipt: "pnr1.x"),
                API.Redeemed(serial: 1, kid: "7f26c5a0", valueCents: 1000, redeemedAt: at, receipt: "pnr1.x")
            ),
            "PassState": (
                API.PassState(kid: "7f26c5a0", serial: 1, state: .revoked, redeemedAt: at, reason: "lost", revokedAt: at),
                API.PassState(kid: "7f26c5a0", serial: 1, state: .unspent)
            ),
            "FeedPage": (API.FeedPage(items: [item], next: "1", more: false), API.FeedPage(items: [], next: "1", more: false)),
            "FeedItem": (item, item),
            "RevocationRequest": (
                API.RevocationRequest(kid: "7f26c5a0", first: 1, last: 2, reason: "lost"),
                API.RevocationRequest(kid: "7f26c5a0", first: 1, reason: "lost")
            ),
            "Revocation": (
                API.Revocation(kid: "7f26c5a0", first: 1, last: 2, reason: "lost", revokedAt: at, new: true),
                API.Revocation(kid: "7f26c5a0", first: 1, last: 2, reason: "lost", revokedAt: at, new: true)
            ),
            "Settlement": (
                API.Settlement(from: at, to: at, count: 1, totalCents: 1000, partners: [partner], conflicts: [conflict]),
                API.Settlement(from: at, to: at, count: 0, totalCents: 0, partners: [], conflicts: [])
            ),
            "PartnerSettlement": (partner, partner),
            "SettledPass": (API.SettledPass(kid: "7f26c5a0", serial: 1, valueCents: 1000, redeemedAt: at, helpKind: "cv"), pass),
            "Conflict": (conflict, noFirst),
            "Conflicts": (API.Conflicts(from: at, to: at, conflicts: [conflict]), API.Conflicts(from: at, to: at, conflicts: [])),
            "OfflineRedemptionRequest": (API.OfflineRedemptionRequest(items: [offline]), API.OfflineRedemptionRequest(items: [offline])),
            "OfflineItem": (API.OfflineItem(token: "1", scannedAt: at, helpKind: "cv"), offline),
            "OfflineRedemptions": (
                API.OfflineRedemptions(accepted: 1, conflicts: 0, results: [accepted]),
                API.OfflineRedemptions(accepted: 0, conflicts: 0, results: [])
            ),
            "OfflineResult": (
                everyOfflineField,
                API.OfflineResult(status: .conflict)
            ),
            "TrustRoot": (API.TrustRoot(kid: "56fa8c66", publicKey: "AA==", fingerprint: "56fa 8c66"), API.TrustRoot(kid: "56fa8c66", publicKey: "AA==", fingerprint: "56fa 8c66")),
            "ReceiptKey": (API.ReceiptKey(kid: "7f26c5a0", publicKey: "AA=="), API.ReceiptKey(kid: "7f26c5a0", publicKey: "AA==")),
            "Health": (API.Health(), API.Health()),
            "SessionRequest": (API.SessionRequest(key: "pnk_x"), API.SessionRequest(key: "pnk_x")),
            "Session": (API.Session(role: .partner, partner: "PiNG", office: "CCAS Nord", expiresAt: at), API.Session(role: .admin, expiresAt: nil)),
            "Frame": (API.Frame(texts: ["1"]), API.Frame(texts: [])),
            "Programme": (API.Programme.standard, API.Programme.standard),
            "HelpRequest": (API.HelpRequest(kind: "cv"), API.HelpRequest(kind: "cv")),
            "Help": (API.Help(kid: "7f26c5a0", serial: 1, kind: "cv"), API.Help(kid: "7f26c5a0", serial: 1, kind: "cv")),
            "HandoutRequest": (API.HandoutRequest(kid: "7f26c5a0", first: 6, count: 5), API.HandoutRequest(kid: "7f26c5a0", first: 6, count: 5)),
            "Handout": (
                API.Handout(kid: "7f26c5a0", first: 6, last: 10, office: "CCAS Nord", handedOutAt: at, new: true),
                API.Handout(kid: "7f26c5a0", first: 6, last: 10, office: "CCAS Nord", handedOutAt: at, new: true)
            ),
        ].merging(reportSamples()) { first, _ in first }
    }

    /// The report's schemas (issue 13 §3-§4): every field is always written.
    static func reportSamples() -> [String: (full: any Encodable, minimal: any Encodable)] {
        let funnel = API.Funnel(passesPrinted: 10, carnetsPrinted: 2, firstUseDays: API.Quartiles(count: 1, q1: 3, median: 3, q3: 3))
        let figure = API.Figure(name: "PiNG", count: 1, valueCents: 1000)
        let batch = API.BatchFigures(
            label: "Métropole", kid: "7f26c5a0", firstSerial: 1, lastSerial: 10, valueCents: 1000, lastValidDay: "2027-12-31",
            expired: false, unusedValueCents: 0, funnel: funnel)
        let month = API.MonthFigures(
            month: "2026-11", funnel: funnel, redemptions: 1, redeemedCents: 1000, partners: [figure], helpKinds: [figure], conflicts: 0,
            liabilityCents: 9000)
        let carnet = API.ExpiringCarnet(carnet: "000001", firstPass: "195 000 001-0", kid: "7f26c5a0", firstSerial: 1, passesLeft: 4, lastValidDay: "2027-12-31")
        let expiring = API.OfficeExpiring(office: "CCAS Nord", carnets: [carnet])
        let office = API.OfficeFigures(office: "CCAS Nord", funnel: funnel)
        let report = API.Report(
            asOf: at, graceDays: 0, total: funnel, batches: [batch], offices: [office], months: [month], expiringSoon: [expiring])
        let printed = API.PrintedBatch(kid: "7f26c5a0", firstSerial: 1, carnets: 2, perCarnet: 5, valueCents: 1000, expiry: at, label: "Métropole", printedAt: at)
        let published = API.BatchesPublished(recorded: 1, unchanged: 0)
        let samples: [String: any Encodable] = [
            "Report": report, "Funnel": funnel, "Quartiles": API.Quartiles(), "BatchFigures": batch, "OfficeFigures": office,
            "MonthFigures": month, "Figure": figure, "OfficeExpiring": expiring, "ExpiringCarnet": carnet,
            "BatchList": API.BatchList(batches: [printed]), "PrintedBatch": printed, "BatchesPublished": published,
        ]
        return samples.mapValues { ($0, $0) }
    }

    static let printedBatch = #"{"kid":"7f26c5a0","firstSerial":1,"carnets":2,"perCarnet":5,"valueCents":1000,"expiry":"2027-01-01T00:00:00Z","label":"Métropole","printedAt":"2026-11-01T09:00:00Z"}"#

    static func schemas() throws -> [String: [String: Any]] {
        let spec = try #require(try Yams.load(yaml: String(contentsOfFile: OpenAPIConformanceTests.specPath, encoding: .utf8)) as? [String: Any])
        return try #require((spec["components"] as? [String: Any])?["schemas"] as? [String: [String: Any]])
    }

    static func fields(_ value: any Encodable) throws -> Set<String> {
        let object = try JSONSerialization.jsonObject(with: API.encode(value))
        return Set(try #require(object as? [String: Any]).keys)
    }

    @Test func everySchemaHasATypeAndEveryTypeASchema() throws {
        #expect(Set(try Self.schemas().keys) == Set(Self.samples().keys))
    }

    @Test func theTypesWriteTheSchemasFieldsAndAlwaysTheRequiredOnes() throws {
        let samples = Self.samples()
        for (name, schema) in try Self.schemas() {
            let (full, minimal) = try #require(samples[name], "\(name)")
            let properties = Set((schema["properties"] as? [String: Any] ?? [:]).keys)
            let required = Set(schema["required"] as? [String] ?? [])
            #expect(try Self.fields(full) == properties, "\(name): the type's fields differ from the schema's properties")
            #expect(try Self.fields(minimal) == required, "\(name): the fields always written differ from the required ones")
        }
    }

    /// The strict request types refuse what the schemas' `additionalProperties: false` refuses,
    /// and name each missing required field.
    @Test func requestSchemasAreClosedAndTheirRequiredFieldsNamed() throws {
        let schemas = try Self.schemas()
        let requests: [(String, any ContractRequest.Type, String)] = [
            ("RedemptionRequest", API.RedemptionRequest.self, #"{"token":"1"}"#),
            ("RevocationRequest", API.RevocationRequest.self, #"{"kid":"7f26c5a0","first":1,"last":2,"reason":"lost"}"#),
            ("OfflineRedemptionRequest", API.OfflineRedemptionRequest.self, #"{"items":[{"token":"1","scannedAt":"2026-11-18T10:00:00Z"}]}"#),
            ("SessionRequest", API.SessionRequest.self, #"{"key":"pnk_x"}"#),
            ("HandoutRequest", API.HandoutRequest.self, #"{"kid":"7f26c5a0","first":6,"count":5}"#),
            ("HelpRequest", API.HelpRequest.self, #"{"kind":"cv"}"#),
            ("BatchList", API.BatchList.self, #"{"batches":[]}"#),
            ("PrintedBatch", API.PrintedBatch.self, Self.printedBatch),
        ]
        for (name, type, sample) in requests {
            let schema = try #require(schemas[name])
            #expect(schema["additionalProperties"] as? Bool == false, "\(name)")
            var object = try #require(try JSONSerialization.jsonObject(with: Data(sample.utf8)) as? [String: Any])
            _ = try decode(type, object)
            for field in schema["required"] as? [String] ?? [] {
                var missing = object
                missing[field] = nil
                #expect(throws: API.RequestError(reason: .invalidBody, message: "missing field \"\(field)\"")) { try decode(type, missing) }
            }
            object["extra"] = 1
            #expect(throws: API.RequestError(reason: .invalidBody, message: "unknown field \"extra\"")) { try decode(type, object) }
        }
    }

    func decode(_ type: any ContractRequest.Type, _ object: [String: Any]) throws -> any ContractRequest {
        try API.decodeRequest(type, from: try JSONSerialization.data(withJSONObject: object))
    }

    @Test func theErrorSchemaListsEveryReason() throws {
        let error = try #require(try Self.schemas()["Error"]?["properties"] as? [String: Any])
        let words = try #require((error["error"] as? [String: Any])?["description"] as? String)
        let listed = Set(words.split(whereSeparator: { !($0.isLetter || $0 == "_") }).map(String.init))
        for reason in Reason.all { #expect(listed.contains(reason.rawValue), "\(reason) is not in openapi.yaml") }
    }

    /// The hot path's hand-written forms say exactly what the Codable ones say.
    @Test func theRedemptionFastPathEqualsTheCodableForms() throws {
        let redeemed = API.Redeemed(serial: 281_474_976_710_655, kid: "7f26c5a0", valueCents: 123_456, redeemedAt: Self.at, receipt: "pnr1.AbC-_x/y")
        #expect(redeemed.fastJSON == API.text(redeemed))
        let digits = String(repeating: "7", count: 200)
        let canonical = API.encode(API.RedemptionRequest(token: digits))
        #expect(API.RedemptionRequest.fastToken(canonical) == digits)
        #expect(try API.decodeRequest(API.RedemptionRequest.self, from: canonical).token == digits)
        // Anything else is left to the strict decoder.
        for other in [#"{"token":"\#(digits)","x":1}"#, #"{ "token":"\#(digits)"}"#, #"{"token":"\#(digits.dropLast())a"}"#, #"{"token":"1"}"#] {
            #expect(API.RedemptionRequest.fastToken(Data(other.utf8)) == nil, "\(other.prefix(20))")
        }
    }
}
