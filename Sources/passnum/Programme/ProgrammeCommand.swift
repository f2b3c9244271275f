import ArgumentParser
import Foundation
import SpentList
import SpentListAPI

/// `passnum programme`: the programme's decisions that the service and every counter apply.
struct ProgrammeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "programme",
        abstract: "Show or change the programme settings the service and counters apply.",
        subcommands: [Show.self, Set.self])

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the programme settings as JSON.")
        @OptionGroup var store: StoreOption

        func run() async throws {
            try await reportingFailures { print(API.text(try await store.open(.readOnly).programme())) }
        }
    }

    struct Set: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Change programme settings; a running service applies them within a second, counters at their next `replica pull`.")

        @Option(help: "Refuse passes of carnets not yet handed out at an office: on or off.")
        var requireHandout: Switch?

        @Option(help: "The kinds of help partners may record, comma-separated codes (e.g. mailbox,cv,online_forms,device_setup,other).")
        var helpKinds: String?

        @Option(help: "Days after a pass's printed expiry during which it is still accepted (0 to 366).")
        var graceDays: Int?

        @OptionGroup var store: StoreOption

        func run() async throws {
            try await reportingFailures {
                let spent = try store.open(.existing)
                var settings = try await spent.programme()
                if let requireHandout { settings.requireHandout = requireHandout == .on }
                if let helpKinds { settings.helpKinds = helpKinds.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
                if let graceDays { settings.graceDays = graceDays }
                try await spent.setProgramme(settings)
                print(API.text(settings))
            }
        }
    }

    enum Switch: String, ExpressibleByArgument {
        case on, off
    }
}

/// `passnum offices`: the social-services offices that hand carnets out, each with a key that
/// records hand-overs and nothing else. Disable, enable and replace an office's key with the
/// `partners` commands, by its name.
struct Offices: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Add and list the offices that hand carnets out (their keys only record hand-overs).",
        subcommands: [Add.self, List.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add an office and print its new API key, once.")
        @Option(help: "The office's name, as reports show it.")
        var name: String
        @OptionGroup var store: StoreOption

        func run() async throws {
            try await reportingFailures {
                let office = try await handOut(.office) { hash in try await store.open().addPartner(name: name, keyHash: hash, at: Date(), role: .office) }
                Console.info(Words(
                    en: "Office \(office.name) added (id \(office.id)). Its API key is above: it records hand-overs only; it cannot be shown again.",
                    fr: "Service \(office.name) ajouté (id \(office.id)). Sa clé d'API est ci-dessus : elle n'enregistre que des remises ; elle ne pourra plus être affichée."))
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List offices and whether their key works.")
        @Flag(help: "One JSON object per office.")
        var json = false
        @OptionGroup var store: StoreOption

        func run() async throws {
            try await reportingFailures {
                for office in try await store.open(.readOnly).partners() where office.role == .office {
                    print(json ? Partners.List.json(office) : Partners.List.text(office))
                }
            }
        }
    }
}
