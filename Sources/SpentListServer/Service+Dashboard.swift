import Charts
import Foundation
import HTTPTypes
import Hummingbird
import SpentList
import SpentListAPI

extension Service {
    /// `GET /admin[?from=YYYY-MM&to=YYYY-MM&lang=en]` (admin): the programme's dashboard, an HTML
    /// page written from the report of `GET /v1/report` at the period's end (`DashboardPage`).
    func dashboard(_ request: Request) async throws -> Response {
        let query = try DashboardQuery(request.uri.queryParameters)
        let now = clock()
        let asOf = query.asOf(now: now)
        let report = try await storeCall { try await store.report(asOf: asOf) }
        let period = DashboardPeriod(query, months: report.months.map(\.month), asOf: asOf, now: now)
        let page = DashboardPage(report: DashboardPage.cut(report, to: period), period: period, french: query.french)
        return Self.page(page.html, status: .ok)
    }

    /// An HTML page the service writes: the web files' headers, and never kept by a browser or
    /// a proxy (the admin's figures stay on the service).
    static func page(_ html: String, status: HTTPResponse.Status) -> Response {
        var headers = WebFiles.headers(contentType: "text/html; charset=utf-8")
        headers[.cacheControl] = "no-store"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: html)))
    }
}

/// A page's refusals as a page: the same status (and `WWW-Authenticate`) as the JSON answer of
/// any other route, with words a person can act on and a link to the sign-in page or their own
/// page, rather than JSON in the browser's window.
struct PageErrorMiddleware: RouterMiddleware {
    typealias Context = ServiceContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as ServiceError {
            let french = request.uri.queryParameters.get("lang") != "en"
            var response = Service.page(Self.html(error, french: french), status: error.status)
            response.headers.append(contentsOf: error.headers)
            return response
        }
    }

    static func html(_ error: ServiceError, french: Bool) -> String {
        let say = { (fr: String, en: String) in SVGChart.escape(french ? fr : en) }
        let expired = error.reason == .sessionExpired
        let (title, text): (String, String) = switch error.status {
        case .unauthorized where expired: (say("Session expirée", "Session expired"), say("Votre session a expiré : reconnectez-vous avec la clé d'administration.", "Your session has expired: sign in again with the admin key."))
        case .unauthorized: (say("Connexion nécessaire", "Sign-in needed"), say("Cette page est celle de l'administration du programme : connectez-vous avec la clé d'administration.", "This page is for the programme's administration: sign in with the admin key."))
        case .forbidden: (say("Page de l'administration", "Administration page"), say("Cette page est celle de l'administration du programme ; la clé avec laquelle vous êtes connecté n'y donne pas accès.", "This page is for the programme's administration; the key you signed in with does not open it."))
        case .badRequest: (say("Période non valable", "Period not valid"), say("Choisissez deux mois (AAAA-MM), le premier au plus tard le dernier.", "Choose two months (YYYY-MM), the first no later than the last."))
        default: (say("Demande refusée", "Request refused"), SVGChart.escape(error.message))
        }
        // Signed out: the sign-in page, saying why; another role: its own page, where the sign-in page sends it.
        let (link, linkWords) = error.status == .unauthorized ? ("/?why=" + (expired ? "expired" : "signedOut"), say("Se connecter", "Sign in"))
            : error.status == .forbidden ? ("/", say("Aller à ma page", "Go to my page"))
            : ("/admin" + (french ? "" : "?lang=en"), say("Revenir au tableau de bord", "Back to the dashboard"))
        return """
            <!doctype html>
            <html lang="\(french ? "fr" : "en")">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,">\
            <link rel="stylesheet" href="/style.css"><title>\(title)</title></head>
            <body><main><section class="wrong-role" id="refused" role="alert"><h1>\(title)</h1><p>\(text)</p>\
            <a class="button" href="\(link)">\(linkWords)</a></section></main></body>
            </html>

            """
    }
}
