// Rebuilds Vectors/ from fixed seeds: `swift run passnum-vectors Vectors`.
// Every file is deterministic (Ed25519 signing is deterministic), so a second run must
// reproduce the committed files byte for byte; the tests check that.
import Foundation
import PassIssuer
import PassVerifier
import SpentList

let folder = CommandLine.arguments.dropFirst().first ?? "Vectors"
do {
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let set = VectorSet()
    try AtomicFile.write(Array(set.trustList.json()) + [UInt8(ascii: "\n")], to: "\(folder)/trustlist.json", mode: 0o644, overwrite: true)
    for vector in set.vectors() {
        try AtomicFile.write(Array(vector.file.utf8), to: "\(folder)/\(vector.name).txt", mode: 0o644, overwrite: true)
    }
    try AtomicFile.write(Array(PassNumberVectors(set).json()) + [UInt8(ascii: "\n")], to: "\(folder)/pass-numbers.json", mode: 0o644, overwrite: true)
    // The service's formats sit in a folder of their own: every top-level .txt is a pass vector.
    let service = ServiceVectors()
    try FileManager.default.createDirectory(atPath: "\(folder)/service", withIntermediateDirectories: true)
    try AtomicFile.write(Array(service.receipt.utf8), to: "\(folder)/service/receipt.txt", mode: 0o644, overwrite: true)
    try AtomicFile.write(Array(service.chainedReceipts.utf8), to: "\(folder)/service/receipts-chained.txt", mode: 0o644, overwrite: true)
    try AtomicFile.write(Array(service.apiKeyHash.utf8), to: "\(folder)/service/api-key-hash.txt", mode: 0o644, overwrite: true)
    let lists = TrustListVectors().vectors()
    try FileManager.default.createDirectory(atPath: "\(folder)/trustlists", withIntermediateDirectories: true)
    for list in lists {
        try AtomicFile.write(list.bytes, to: "\(folder)/trustlists/\(list.name).json", mode: 0o644, overwrite: true)
        try AtomicFile.write(Array(list.expectation.utf8), to: "\(folder)/trustlists/\(list.name).txt", mode: 0o644, overwrite: true)
    }
    // Signed lists in a folder of their own: every .txt of trustlists/ is a list to load.
    let signed = SignedListVectors().vectors()
    try FileManager.default.createDirectory(atPath: "\(folder)/trustlists/signed", withIntermediateDirectories: true)
    for vector in signed {
        let base = "\(folder)/trustlists/signed/\(vector.name)"
        try AtomicFile.write(vector.list, to: base + ".json", mode: 0o644, overwrite: true)
        try AtomicFile.write(Array(vector.signature.utf8), to: base + ".sig", mode: 0o644, overwrite: true)
        try AtomicFile.write(Array(vector.expectation.utf8), to: base + ".txt", mode: 0o644, overwrite: true)
    }
    let scans = ScannerVectors().vectors()
    try FileManager.default.createDirectory(atPath: "\(folder)/scanner", withIntermediateDirectories: true)
    for scan in scans {
        try AtomicFile.write(Array(scan.file.utf8), to: "\(folder)/scanner/\(scan.name).txt", mode: 0o644, overwrite: true)
    }
    print("wrote \(set.vectors().count) vectors, pass-numbers.json, trustlist.json, service/receipt.txt, service/receipts-chained.txt, service/api-key-hash.txt, \(lists.count) trust lists, \(signed.count) signed lists, \(scans.count) scanner inputs to \(folder)")
} catch {
    FileHandle.standardError.write(Data("passnum-vectors: error: \(error)\n".utf8))
    exit(1)
}
