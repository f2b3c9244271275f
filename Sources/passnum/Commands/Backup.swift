import ArgumentParser
import Foundation
import SharedSQLite
import SpentList

/// Which SQLite file a backup or a restore is about: the spent list (`--db sqlite:PATH`) or an
/// issuance ledger (`--ledger PATH`).
struct DatabaseChoice: ParsableArguments {
    @Option(name: .customLong("db"), help: "The spent list: sqlite:PATH (PostgreSQL: pg_dump, see the README).")
    var store: String?

    @Option(help: "An issuance ledger (Keys/issuance.sqlite) instead of the spent list.")
    var ledger: String?

    func validate() throws {
        guard (store == nil) != (ledger == nil) else {
            throw ValidationError(Words(en: "give either --db sqlite:PATH (spent list) or --ledger PATH (issuance ledger)",
                                        fr: "donnez soit --db sqlite:CHEMIN (liste des passes utilisés), soit --ledger CHEMIN (registre d'émission)").text)
        }
    }

    /// The file's path and what it must be.
    func target() throws -> (path: String, kind: SQLiteBackup.Kind) {
        if let ledger { return (ledger, .ledger) }
        guard case .sqlite(let path) = try StoreLocation(text: store!) else {
            throw Failure(Words(en: "passnum backs up SQLite files only; a PostgreSQL spent list is backed up with pg_dump",
                                fr: "passnum ne sauvegarde que les fichiers SQLite ; une liste sur PostgreSQL se sauvegarde avec pg_dump"),
                          hint: Words(en: "see “Backups” in the README", fr: "voir « Sauvegardes » dans le README"))
        }
        return (path, .spentList)
    }
}

struct Backup: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Copy the spent list or an issuance ledger while it is in use: one consistent instant, checked, mode 0600.",
        discussion: """
            Safe while `passnum serve` runs: the copy is one read transaction (SQLite's VACUUM INTO), \
            so it holds every redemption acknowledged before it started. Put it back with `passnum restore`.
            """)

    @OptionGroup var database: DatabaseChoice

    @Option(help: "The copy to write.")
    var out: String

    @Flag(help: "Replace --out if it exists.")
    var force = false

    func run() async throws {
        try await reportingFailures {
            let (path, expected) = try database.target()
            let kind = try BackupWords.failing { () throws(BackupError) in try SQLiteBackup.backup(path, to: out, overwrite: force) }
            guard kind == expected else {
                try? FileManager.default.removeItem(atPath: out)
                throw Failure(BackupWords.otherKind(path, found: kind))
            }
            Console.info(Words(en: "Backed up \(path) (\(kind.rawValue)) to \(out).",
                               fr: "\(path) (\(BackupWords.french(kind))) sauvegardé dans \(out)."))
        }
    }
}

struct Restore: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Put back a copy made by `passnum backup`, after checking it.",
        discussion: """
            The copy must pass SQLite's integrity check and be of the kind named (--db or --ledger). \
            A database open in another process (a running service) is never replaced; an existing \
            one only with --force, once every process using it is stopped.
            """)

    @Option(help: "The copy made by `passnum backup`.")
    var from: String

    @OptionGroup var database: DatabaseChoice

    @Flag(help: "Replace the existing database (never one a running process has open).")
    var force = false

    func run() async throws {
        try await reportingFailures {
            let (path, kind) = try database.target()
            try BackupWords.failing { () throws(BackupError) in try SQLiteBackup.restore(from, to: path, kind: kind, replacing: force) }
            Console.info(Words(en: "Restored \(path) (\(kind.rawValue)) from \(from).",
                               fr: "\(path) (\(BackupWords.french(kind))) restauré depuis \(from)."))
        }
    }
}

/// Backup errors in plain words, by code.
enum BackupWords {
    static func failing<T>(_ body: () throws(BackupError) -> T) throws -> T {
        do {
            return try body()
        } catch {
            throw Failure(describe(error), hint: hint(error))
        }
    }

    static func french(_ kind: SQLiteBackup.Kind) -> String {
        kind == .spentList ? "liste des passes utilisés" : "registre d'émission"
    }

    static func otherKind(_ path: String, found: SQLiteBackup.Kind) -> Words {
        Words(en: "\(path) holds the \(found.rawValue), not what was named", fr: "\(path) est une copie du \(french(found) == "registre d'émission" ? "registre d'émission" : "fichier des passes utilisés"), pas de ce qui a été indiqué")
    }

    static func describe(_ error: BackupError) -> Words {
        let subject = error.subject ?? ""
        let fr: String = switch error.code {
        case .missing: "\(subject) n'existe pas"
        case .exists: "\(subject) existe déjà"
        case .inUse: "\(subject) est ouvert par un autre programme (un service en marche ?) : il n'est pas remplacé"
        case .damaged: "\(subject) est abîmé (échec du contrôle d'intégrité de SQLite) ou n'est pas une base SQLite"
        case .notPassnum: "\(subject) n'est ni une liste des passes utilisés ni un registre d'émission de passnum"
        case .otherKind: "\(subject) n'est pas du type indiqué (liste des passes utilisés ou registre d'émission)"
        case .io: "écriture impossible : \(subject)"
        }
        return Words(en: error.message, fr: fr)
    }

    static func hint(_ error: BackupError) -> Words? {
        switch error.code {
        case .exists: Words(en: "choose another name, or add --force", fr: "choisissez un autre nom, ou ajoutez --force")
        case .inUse: Words(en: "stop the service (systemctl stop passnum), then restore", fr: "arrêtez le service (systemctl stop passnum), puis restaurez")
        case .damaged: Words(en: "use an older copy", fr: "utilisez une copie plus ancienne")
        default: nil
        }
    }
}
