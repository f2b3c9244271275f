import Foundation
import Hummingbird
import PassVerifier
import SpentList
import SpentListAPI

extension Service {
    /// `POST /v1/handouts` (an office): the carnet of the scanned stub is handed out now. 201
    /// when recorded, 200 with the first hand-over when it already was, 422 when cancelled.
    func handOut(_ request: Request, _ office: Partner) async throws -> Response {
        let body = try await body(API.HandoutRequest.self, of: request)
        guard let kid = KeyID(text: body.kid), let first = Serial(body.first),
              let code = CarnetCode(kid: kid, first: first, count: body.count)
        else {
            throw ServiceError.badRequest("a carnet is a key id (8 hex digits), a first serial and a count of 1 to 9 passes")
        }
        let outcome = try await storeCall {
            try await store.recordHandout(kid: kid, first: first, last: code.last, office: office, at: clock())
        }
        switch outcome {
        case .recorded(let handout):
            logger.info("carnet handed out", metadata: ["office": "\(office.name)", "kid": "\(kid)", "first": "\(first)"])
            return jsonResponse(Self.body(handout, new: true), status: .created)
        case .already(let handout):
            return jsonResponse(Self.body(handout, new: false), status: .ok)
        case .revoked(let reason):
            throw ServiceError(.unprocessableContent, .revoked, "this carnet was cancelled: \(reason)")
        }
    }

    private static func body(_ handout: Handout, new: Bool) -> API.Handout {
        API.Handout(
            kid: handout.kid.text, first: handout.first.value, last: handout.last.value, office: handout.officeName,
            handedOutAt: Timestamp(handout.at), new: new)
    }

    /// `POST /v1/redemptions/{kid}/{serial}/help`: the kind of help given with a redemption of
    /// this partner's (the first one recorded stays). 404 when it has no such redemption.
    func recordHelp(_ request: Request, _ context: ServiceContext, _ partner: Partner) async throws -> Response {
        let kind = try await body(API.HelpRequest.self, of: request).kind
        guard let kid = context.parameters.get("kid").flatMap({ KeyID(text: $0) }),
              let serial = context.parameters.get("serial").flatMap({ UInt64($0) }).flatMap({ Serial($0) })
        else { throw ServiceError.badRequest("the pass is a key id (8 hex digits) and a serial") }
        guard try await currentProgramme().helpKinds.contains(kind) else {
            throw ServiceError(.unprocessableContent, .unknownHelpKind, "\"\(kind)\" is not one of the programme's kinds of help")
        }
        guard try await storeCall({ try await store.recordHelp(PassRef(kid: kid, serial: serial), partnerID: partner.id, kind: kind) }) else {
            throw ServiceError(.notFound, .notFound, "no redemption of this pass by you without a kind of help yet")
        }
        return jsonResponse(API.Help(kid: kid.text, serial: serial.value, kind: kind), status: .ok)
    }

    /// `GET /v1/programme`.
    func programmeSettings() async throws -> Response {
        jsonResponse(try await currentProgramme(), status: .ok)
    }

    /// The programme's settings, read from the store at most once a second.
    func currentProgramme() async throws -> API.Programme {
        if let cached = programmeCache.value(for: .current) { return cached }
        let settings = try await storeCall { try await store.programme() }
        programmeCache.keep(settings, for: .current)
        return settings
    }

    /// Throws `not_distributed` when the programme requires hand-over and this pass's carnet
    /// was never handed out. Costs nothing while the setting is off.
    func requireHandedOut(_ pass: PassRef, _ programme: API.Programme) async throws {
        guard programme.requireHandout else { return }
        guard try await storeCall({ try await store.handout(of: pass) }) != nil else {
            throw ServiceError(.unprocessableContent, .notDistributed, "this pass's carnet was never handed out at an office: it cannot be used")
        }
    }
}

/// The programme's settings are one value: the only key of their cache.
enum ProgrammeSettings: Hashable, Sendable { case current }
