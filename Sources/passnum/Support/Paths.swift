import Foundation

/// Default file places, relative to the working directory.
enum Paths {
    static let keysFolder = "Keys"
    static let trustList = "Keys/trustlist.json"
    static let ledger = "issuance.sqlite"

    /// The trust list beside a key file: `Keys/ab12cd34.secret` → `Keys/trustlist.json`.
    static func trustList(besideKey keyPath: String) -> String {
        URL(fileURLWithPath: keyPath).deletingLastPathComponent().appendingPathComponent("trustlist.json").path
    }
}
