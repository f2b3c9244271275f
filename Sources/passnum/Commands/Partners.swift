import ArgumentParser
import Conventions
import Foundation
import SpentList
import SpentListAPI

struct Partners: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Add, list, disable and enable the partner associations that redeem passes; replace their keys.",
        subcommands: [Add.self, List.self, Disable.self, Enable.self, RotateKey.self]
    )
}

extension Partners {
    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a partner and print its new API key, once.",
            discussion: "The key is shown only now; the spent list keeps only a hash of it.")

        @Option(help: "The partner's name, as settlement reports show it.")
        var name: String

        @OptionGroup var store: StoreOption

        func run() async throws {
            try await addAccount(.partner, named: name, in: store) { partner in
                Words(
                    en: "Partner \(partner.name) added (id \(partner.id)). Its API key is above: give it to them over a safe channel; it cannot be shown again.",
                    fr: "Partenaire \(partner.name) ajouté (id \(partner.id)). Sa clé d'API est ci-dessus : transmettez-la par un canal sûr ; elle ne pourra plus être affichée.")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List partners and whether their key works.")
        @OptionGroup var listing: AccountListing
        func run() async throws { try await listing.print(.partner) }

        static func json(_ partner: Partner) -> String {
            jsonLine([
                ("id", .int(partner.id)), ("name", .string(partner.name)), ("createdAt", .string(MachineTime.rfc3339(partner.createdAt))),
                ("disabledAt", partner.disabledAt.map { .string(MachineTime.rfc3339($0)) } ?? .null),
            ])
        }

        /// "1  PiNG  active  since 01/11/2026".
        static func text(_ partner: Partner) -> String {
            let state = partner.disabledAt.map { Words(en: "disabled \(Paris.day($0))", fr: "désactivé le \(Paris.day($0))") }
                ?? Words(en: "active", fr: "actif")
            return "\(partner.id)  \(partner.name)  \(state.text)  \(Words(en: "since", fr: "depuis").text) \(Paris.day(partner.createdAt))"
        }
    }

    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Disable a partner: its key is refused (401) from now on; its redemptions stay.")
        @OptionGroup var partner: NamedPartner
        func run() async throws { try await partner.switchKey(on: false) }
    }

    struct Enable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Enable a disabled partner again: its key works again (within a second on a running service).")
        @OptionGroup var partner: NamedPartner
        func run() async throws { try await partner.switchKey(on: true) }
    }

    struct RotateKey: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rotate-key",
            abstract: "Give a partner a new API key and print it once; the old key stops working.",
            discussion: "A running service refuses the old key within a second. The partner's redemptions and settlement stay.")

        @OptionGroup var partner: NamedPartner

        func run() async throws {
            try await reportingFailures {
                let renewed = try await handOut(.partner) { hash in
                    try await partner.store.open(.existing).replacePartnerKey(name: partner.name, keyHash: hash)
                }
                Console.info(Words(
                    en: "New API key for \(renewed.name) above; the old one no longer works. Give it to them over a safe channel; it cannot be shown again.",
                    fr: "Nouvelle clé d'API de \(renewed.name) ci-dessus ; l'ancienne ne fonctionne plus. Transmettez-la par un canal sûr ; elle ne pourra plus être affichée."))
                if !renewed.isActive {
                    Console.hint(Words(en: "the partner is still disabled: `passnum partners enable \(renewed.name)`", fr: "le partenaire est encore désactivé : `passnum partners enable \(renewed.name)`"))
                }
            }
        }
    }
}

/// `partners add` and `offices add`: the account recorded with the hash of a new key, the key
/// printed once, then `words` about it.
func addAccount(_ role: AccountRole, named name: String, in store: StoreOption, saying words: (Partner) -> Words) async throws {
    try await reportingFailures {
        let account = try await handOut(role == .office ? .office : .partner) { hash in
            try await store.open().addPartner(name: name, keyHash: hash, at: Date(), role: role)
        }
        Console.info(words(account))
    }
}

/// `partners list` and `offices list`: the accounts of one role, a line (or JSON object) each.
struct AccountListing: ParsableArguments {
    @Flag(help: "One JSON object per line.")
    var json = false

    @OptionGroup var store: StoreOption

    func print(_ role: AccountRole) async throws {
        try await reportingFailures {
            for account in try await store.open(.readOnly).partners() where account.role == role {
                Swift.print(json ? Partners.List.json(account) : Partners.List.text(account))
            }
        }
    }
}

/// A new API key of `kind`: its hash kept by `record` (the key itself never is), then the key
/// printed once on stdout, for the operator to hand over.
func handOut<T>(_ kind: APIKey.Kind, record: (APIKeyHash) async throws -> T) async throws -> T {
    let key = APIKey.generate(kind)
    let recorded = try await record(key.hash)
    print(key.text)
    return recorded
}

/// The partner a command acts on, by name, in the spent list.
struct NamedPartner: ParsableArguments {
    @Argument(help: "The partner's name.")
    var name: String

    @OptionGroup var store: StoreOption

    /// Disables or enables the partner's key, and says whether that changed anything.
    func switchKey(on: Bool) async throws {
        try await reportingFailures {
            let spent = try await store.open(.existing)
            let changed = on ? try await spent.enablePartner(name: name) : try await spent.disablePartner(name: name, at: Date())
            switch (on, changed) {
            case (false, true): Console.info(Words(en: "Partner \(name) disabled.", fr: "Partenaire \(name) désactivé."))
            case (false, false): Console.info(Words(en: "Partner \(name) was already disabled.", fr: "Le partenaire \(name) était déjà désactivé."))
            case (true, true): Console.info(Words(en: "Partner \(name) enabled again: its key works again.", fr: "Partenaire \(name) réactivé : sa clé fonctionne de nouveau."))
            case (true, false): Console.info(Words(en: "Partner \(name) was not disabled.", fr: "Le partenaire \(name) n'était pas désactivé."))
            }
        }
    }
}

struct AdminKey: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "admin-key",
        abstract: "Make a new admin key for the service's admin routes, and print it once.",
        discussion: "The previous admin key stops working. PASSNUM_ADMIN_KEY given to `passnum serve` works as well.")

    @OptionGroup var store: StoreOption

    func run() async throws {
        try await reportingFailures {
            try await handOut(.admin) { hash in try await store.open().setAdminKey(hash, at: Date()) }
            Console.info(Words(
                en: "New admin key above; the previous one no longer works. It cannot be shown again.",
                fr: "Nouvelle clé d'administration ci-dessus ; la précédente ne fonctionne plus. Elle ne pourra plus être affichée."))
        }
    }
}
