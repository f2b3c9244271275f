import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import PassVerifier
import SpentList
import SpentListAPI
@testable import SpentListServer
import Testing

/// The admin's dashboard, `GET /admin` (issue 13 §6): a page the service writes from the same
/// report as `GET /v1/report`, for an admin session or the admin key only; every other caller is
/// refused with the status other admin routes give, as a page. The browser test
/// (Tests/Browser/dashboard_test.py) opens it in Chromium.
@Suite struct DashboardRouteTests {
    typealias Client = any TestClientProtocol
    static let now = ServiceFixture.now  // 2026-11-18, Paris
    static let later = now + 3600
    static let kid = ServiceFixture.active.kid

    /// Four carnets of five passes printed in October; CCAS Nord hands out the first two; PiNG
    /// takes three passes (one with a CV), Secours one of the first carnet's and one of carnet 4,
    /// never handed out. The batch ends within 30 days, so both carnets handed out are to remind.
    static func programme(_ fixture: ServiceFixture, _ client: Client) async throws {
        let batch = try PrintedBatch(
            kid: kid, first: Serial(1)!, carnets: 4, perCarnet: 5, value: Cents(1000)!, expiry: now + 20 * 86_400, label: "Ville de test",
            printedAt: now - 40 * 86_400)
        _ = try await fixture.store.publishBatches([batch], at: now - 40 * 86_400)
        for first: UInt64 in [1, 6] {
            let (status, _, _) = try await client.call(.post, "/v1/handouts", key: fixture.officeKey, body: API.text(API.HandoutRequest(kid: kid.text, first: first, count: 5)))
            #expect(status == .created)
        }
        for (serial, key) in [(1, fixture.pingKey), (2, fixture.pingKey), (7, fixture.pingKey), (3, fixture.secoursKey), (16, fixture.secoursKey)] {
            #expect(try await client.redeem(ServiceFixture.token(UInt64(serial)), key: key).0 == .created, "\(serial)")
        }
        let (status, _, _) = try await client.call(.post, "/v1/redemptions/\(kid.text)/1/help", key: fixture.pingKey, body: #"{"kind":"cv"}"#)
        #expect(status == .ok || status == .created)
    }

    /// The programme recorded at `now`, then a service an hour later (the report counts what
    /// happened before its instant) on the same store and session key.
    static func withProgramme(_ body: @escaping @Sendable (ServiceFixture, Client, SessionKey) async throws -> Void) async throws {
        let key = SessionKey.random()
        let fixture = try await ServiceFixture()
        try await Application(router: try WebCounterRouteTests.service(fixture, key: key).buildRouter()).test(.router) { client in
            try await programme(fixture, client)
        }
        try await Application(router: try WebCounterRouteTests.service(fixture, clock: later, key: key).buildRouter()).test(.router) { client in
            try await body(fixture, client, key)
        }
    }

    static func page(_ client: Client, _ uri: String = "/admin", cookie: String? = nil, key: String? = nil) async throws -> (HTTPResponse.Status, String, TestResponse) {
        var headers: HTTPFields = [:]
        if let cookie { headers[.cookie] = cookie }
        if let key { headers[.authorization] = "Bearer \(key)" }
        let response = try await client.execute(uri: uri, method: .get, headers: headers)
        return (response.status, String(buffer: response.body), response)
    }

    /// A row of the page's tables as it is written: a name, then its figures right-aligned.
    static func row(_ name: String, _ figures: String...) -> String {
        "<tr><td>\(name)</td>" + figures.map { "<td class=\"num\">\($0)</td>" }.joined() + "</tr>"
    }

    @Test func anAdminSessionGetsThePageWithTheReportsFigures() async throws {
        try await Self.withProgramme { fixture, client, _ in
            let (_, json, _) = try await client.call(.get, "/v1/report", key: fixture.adminKey)
            let report = try API.decodeAnswer(API.Report.self, from: Data(JSONSerialization.data(withJSONObject: json)))
            #expect(report.total.passesPrinted == 20 && report.total.carnetsHandedOut == 2 && report.total.passesUsed == 5)
            let cookie = try await SessionRoleTests.session(client, key: fixture.adminKey).cookie
            let (status, html, response) = try await Self.page(client, cookie: cookie)
            #expect(status == .ok)
            #expect(response.headers[.contentType] == "text/html; charset=utf-8" && response.headers[.cacheControl] == "no-store")
            #expect(response.headers[.contentSecurityPolicy] == WebFiles.contentSecurityPolicy)
            #expect(html.hasPrefix("<!doctype html>\n<html lang=\"fr\">") && html.contains("<h1>Tableau de bord du programme</h1>"))
            // The report's figures, French, in the key figures, by office, by partner, by kind of help.
            let t = report.total
            #expect(html.contains(Self.row("Pass imprimés", "\(t.passesPrinted)", "")))
            #expect(html.contains(Self.row("Carnets remis aux personnes", "\(t.carnetsHandedOut)", "50\u{202F}%")))
            #expect(html.contains("<tr><td>Carnets dont un pass a servi</td><td class=\"num\">\(t.carnetsFirstUsed)</td>"))
            #expect(html.contains(Self.row("Pass utilisés", "\(t.passesUsed)", "25\u{202F}%")))
            #expect(html.contains(Self.row("CCAS Nord", "2", "2", "100\u{202F}%", "0", "4")))
            #expect(html.contains(Self.row("PiNG", "3", "30\u{00A0}€")) && html.contains(Self.row("Secours", "2", "20\u{00A0}€")))
            #expect(html.contains(Self.row("CV", "1", "20\u{202F}%")) && html.contains(Self.row("Non renseigné", "4", "80\u{202F}%")))
            #expect(html.contains(Self.row("CCAS Nord", "000001", "521 000 001-9", "2", "08/12/2026"))
                    && html.contains(Self.row("CCAS Nord", "000006", "521 000 006-2", "4", "08/12/2026")), "the carnets to remind")
            // Every section, its chart drawn here as SVG; nothing from elsewhere, no inline script or style.
            for id in ["key-figures", "batches", "funnel", "offices", "months", "partners", "help", "first-use", "expiring", "money"] {
                #expect(html.contains("<section class=\"panel\" id=\"\(id)\">"), "\(id)")
            }
            // Seven charts, each laid out for a phone and for a wider screen; the time to first use has nothing to draw (hand-overs and scans at the same instant), its table says 0 days.
            #expect(html.components(separatedBy: "<div class=\"wide\"><svg ").count - 1 == 6 && html.components(separatedBy: "<svg ").count - 1 == 12 && html.contains(Self.row("CCAS Nord", "2", "0\u{00A0}j", "0\u{00A0}j", "0\u{00A0}j")))
            #expect(!html.replacingOccurrences(of: "http://www.w3.org/2000/svg", with: "").contains("//"), "no address of elsewhere")
            #expect(html.components(separatedBy: "<script").count == 2 && html.contains(#"<script type="module" src="/js/dashboard.mjs"></script>"#))
            #expect(!html.contains("style="), "inline style is refused by the policy")
            #expect(html.contains(#"href="/v1/report" download="passnum-rapport-2026-11-18.json""#) && html.contains(#"href="/v1/report?format=csv""#))
        }
    }

    @Test func theDownloadLinksGiveTheSameReportAsJSONAndCSV() async throws {
        try await Self.withProgramme { fixture, client, _ in
            let cookie = try await SessionRoleTests.session(client, key: fixture.adminKey).cookie
            let (_, html, _) = try await Self.page(client, "/admin?from=2026-10&to=2026-10", cookie: cookie)
            #expect(html.contains(#"href="/v1/report?asOf=2026-10-31""#) && html.contains(#"href="/v1/report?asOf=2026-10-31&amp;format=csv""#))
            let json = try await client.execute(uri: "/v1/report?asOf=2026-10-31", method: .get, headers: [.cookie: cookie])
            let report = try API.decodeAnswer(API.Report.self, from: Data(buffer: json.body))
            #expect(json.status == .ok && report.total.passesPrinted == 20 && report.total.passesUsed == 0, "the end of October: printed, nothing used yet")
            let csv = try await client.execute(uri: "/v1/report?asOf=2026-10-31&format=csv", method: .get, headers: [.cookie: cookie])
            #expect(csv.status == .ok && csv.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(String(buffer: csv.body) == SpreadsheetCSV.report(report))
            #expect(try await client.call(.get, "/v1/report?format=pdf", key: fixture.adminKey).0 == .badRequest)
        }
    }

    /// The period: figures at the end of its last month, the months' sections cut to it; the
    /// language asked for; a period that is not one is refused as a page.
    @Test func thePeriodAndTheLanguageAreThoseAskedFor() async throws {
        try await Self.withProgramme { fixture, client, _ in
            let cookie = try await SessionRoleTests.session(client, key: fixture.adminKey).cookie
            let (_, october, _) = try await Self.page(client, "/admin?from=2026-10&to=2026-10", cookie: cookie)
            #expect(october.contains(Self.row("Pass utilisés", "0", "0\u{202F}%")) && october.contains(#"value="2026-10""#))
            #expect(october.contains("Chiffres à la fin de la période, le 31/10/2026 au soir"))
            #expect(!october.contains("<td>PiNG</td>") && october.contains("<p class=\"empty\">Aucun pass utilisé pour l&#39;instant.</p>"))
            let (_, november, _) = try await Self.page(client, "/admin?from=2026-11&to=2027-03", cookie: cookie)
            #expect(november.contains(#"id="to" name="to" type="month" value="2026-11""#), "a period past today ends today")
            #expect(november.contains(Self.row("PiNG", "3", "30\u{00A0}€")) && !november.contains("oct. 2026"))
            let (status, english, _) = try await Self.page(client, "/admin?lang=en", cookie: cookie)
            #expect(status == .ok && english.contains("<html lang=\"en\">") && english.contains("<h1>Programme dashboard</h1>"))
            #expect(english.contains(Self.row("Passes printed", "20", "")) && english.contains(Self.row("PiNG", "3", "30 €")))
            for query in ["from=2026-12&to=2026-11", "from=november", "to=2026-13"] {
                let (refused, html, response) = try await Self.page(client, "/admin?" + query, cookie: cookie)
                #expect(refused == .badRequest && html.contains("Période non valable"), "\(query)")
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
            }
        }
    }

    /// Refused as `GET /v1/report` refuses (401 without a valid admin credential, 403 for another
    /// role), in words on a page with the way to the sign-in page; the admin key itself opens it.
    @Test func onlyTheAdminOpensTheDashboard() async throws {
        try await Self.withProgramme { fixture, client, key in
            for (cookie, bearer, expected) in try await Self.callers(fixture, client, key) {
                let (status, html, response) = try await Self.page(client, cookie: cookie, key: bearer)
                let report = try await client.execute(uri: "/v1/report", method: .get, headers: Self.headers(cookie, bearer)).status
                #expect(status == expected && report == expected, "\(cookie ?? bearer ?? "nothing")")
                guard expected != .ok else { continue }
                #expect(response.headers[.contentType] == "text/html; charset=utf-8" && html.contains("id=\"refused\""))
                #expect(!html.contains("Pass imprimés") && !html.contains("<svg"), "nothing of the dashboard")
                #expect(html.contains(expected == .forbidden ? #"href="/""# : #"href="/?why="#))
            }
        }
    }

    /// Who asks, and what `/v1/report` and `/admin` answer them.
    static func callers(_ fixture: ServiceFixture, _ client: Client, _ key: SessionKey) async throws -> [(String?, String?, HTTPResponse.Status)] {
        let name = SessionCookie.name
        let expired = SessionCookie(role: .admin, keyHash: APIKey(text: fixture.adminKey).hash, expires: now - 1).value(key)
        let otherService = SessionCookie(role: .admin, keyHash: APIKey(text: fixture.adminKey).hash, expires: later + 3600).value(.random())
        let partnerAsAdmin = SessionCookie(role: .admin, keyHash: APIKey(text: fixture.pingKey).hash, expires: later + 3600).value(key)
        return [
            (try await SessionRoleTests.session(client, key: fixture.adminKey).cookie, nil, .ok),
            (nil, fixture.adminKey, .ok),
            (nil, nil, .unauthorized),
            ("\(name)=\(otherService)", nil, .unauthorized),
            ("\(name)=\(partnerAsAdmin)", nil, .unauthorized),
            ("\(name)=\(expired)", nil, .unauthorized),
            (try await SessionRoleTests.session(client, key: fixture.pingKey).cookie, nil, .forbidden),
            (try await SessionRoleTests.session(client, key: fixture.officeKey).cookie, nil, .forbidden),
            (nil, fixture.pingKey, .forbidden),
        ]
    }

    static func headers(_ cookie: String?, _ bearer: String?) -> HTTPFields {
        var headers: HTTPFields = [:]
        if let cookie { headers[.cookie] = cookie }
        if let bearer { headers[.authorization] = "Bearer \(bearer)" }
        return headers
    }
}
