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

        @Argument(help: "The setting: require-handout (on or off), help-kinds (comma-separated codes, e.g. mailbox,cv,online_forms,device_setup,other) or grace-days (0 to 366 days after a pass's printed expiry).")
        var setting: Setting

        @Argument(help: "Its new value.")
        var value: String

        @OptionGroup var store: StoreOption

        enum Setting: String, ExpressibleByArgument {
            case requireHandout = "require-handout", helpKinds = "help-kinds", graceDays = "grace-days"
        }

        func validate() throws {
            let fine = switch setting {
            case .requireHandout: value == "on" || value == "off"
            case .graceDays: Int(value) != nil
            case .helpKinds: !value.isEmpty
            }
            guard fine else { throw ValidationError(Words(en: "'\(value)' is not a value for \(setting.rawValue)", fr: "« \(value) » n'est pas une valeur pour \(setting.rawValue)").text) }
        }

        func run() async throws {
            try await reportingFailures {
                let spent = try await store.open(.existing)
                var settings = try await spent.programme()
                switch setting {
                case .requireHandout: settings.requireHandout = value == "on"
                case .helpKinds: settings.helpKinds = value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                case .graceDays: settings.graceDays = Int(value)!
                }
                try await spent.setProgramme(settings)
                print(API.text(settings))
            }
        }
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

        func run() async throws { try await addAccount(.office, named: name, in: store, saying: Self.added) }

        static func added(_ office: Partner) -> Words {
            Words(en: "Office \(office.name) added (id \(office.id)). Its API key is above: it records hand-overs only; it cannot be shown again.",
                  fr: "Service \(office.name) ajouté (id \(office.id)). Sa clé d'API est ci-dessus : elle n'enregistre que des remises ; elle ne pourra plus être affichée.")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List offices and whether their key works.")
        @OptionGroup var listing: AccountListing
        func run() async throws { try await listing.print(.office) }
    }
}
