import CarnetPrinter
import Foundation
import PassIssuer
import PassVerifier

/// A key from a fixed seed, its trust list, and carnets of signed tokens, at a fixed time.
struct Fixture {
    /// 2026-12-01T12:00:00Z: verification time of every test.
    static let now = Date(timeIntervalSince1970: 1_796_126_400)
    /// 2028-01-01T00:00:00+01:00: the passes are valid until 31/12/2027, Paris time.
    static let expiry: UInt32 = 1_830_294_000
    static let issuer = "Nantes Métropole"

    let key: IssuerKey
    let verifier: Verifier
    let tokens: [Token]
    var texts: [String] { tokens.map(\.text) }

    init(carnets: Int, perCarnet: Int = 5, firstSerial: UInt64 = 1, seed: UInt8 = 7) {
        key = IssuerKey(seed: [UInt8](repeating: seed, count: 32).withUnsafeBytes { SecretBytes(copying: $0) })
        let trustList = try! TrustList(keys: [TrustList.Key(
            publicKey: key.publicKey, issuer: Self.issuer,
            notBefore: Self.now.addingTimeInterval(-86_400), notAfter: Self.now.addingTimeInterval(86_400 * 800), status: .active)])
        verifier = Verifier(trustList: trustList)
        let key = self.key
        tokens = key.sign((0..<UInt64(carnets * perCarnet)).map {
            Payload(keyID: key.kid, serial: Serial(firstSerial + $0)!, value: Cents(1000)!, expiry: Self.expiry)
        })
    }

    /// A pass's PNG is named by its pass number (SPEC.md §11): "pass-SSS-000001-C.png".
    func pngName(_ serial: UInt64) -> String {
        let number = PassNumber(keyID: key.kid, serial: Serial(serial)!)
        return "pass-\(number.series)-" + String(format: "%06d", serial) + "-\(number.checkDigit).png"
    }

    func printer(_ settings: PrintSettings = PrintSettings(label: "CCAS Nantes")) throws -> PassPrinter {
        try PassPrinter(verifier: verifier, at: Self.now, settings: settings)
    }
}

/// A fresh empty folder for one test's files, removed at the end of the test.
final class Scratch {
    let path: String

    init() {
        path = NSTemporaryDirectory() + "carnet-printer-tests-\(UUID().uuidString)"
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    func file(_ name: String) -> String { path + "/" + name }

    /// Every name in the folder, hidden temporary files included.
    var contents: [String] { ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted() }
}

/// Runs a program and returns its exit status and standard output.
@discardableResult
func run(_ program: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: program)
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}
