import Foundation

/// Default file places, relative to the working directory.
enum Paths {
    static let keysFolder = "Keys"
    static let trustList = "Keys/trustlist.json"
    /// The ledger beside the default keys folder (each key's ledger is beside its key file).
    static let ledger = "Keys/issuance.sqlite"

    /// The trust list beside a key file: `Keys/ab12cd34.secret` → `Keys/trustlist.json`.
    static func trustList(besideKey keyPath: String) -> String {
        URL(fileURLWithPath: keyPath).deletingLastPathComponent().appendingPathComponent("trustlist.json").path
    }
}
