import Foundation
import Testing

/// Vectors/ is what the checked-in generator makes from its fixed seeds, byte for byte.
struct VectorGeneratorTests {
    @Test func regeneratingReproducesTheCommittedVectors() throws {
        let generator = URL(fileURLWithPath: CLI.binary).deletingLastPathComponent().appendingPathComponent("passnum-vectors").path
        let out = CLI().path("Vectors")
        let process = try Process.run(URL(fileURLWithPath: generator), arguments: [out])
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let committed = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Vectors").path
        let names = try FileManager.default.contentsOfDirectory(atPath: committed).sorted()
        #expect(try FileManager.default.contentsOfDirectory(atPath: out).sorted() == names)
        #expect(names.count >= 19)
        for name in names {
            #expect(FileManager.default.contents(atPath: "\(out)/\(name)") == FileManager.default.contents(atPath: "\(committed)/\(name)"), "\(name)")
        }
    }
}
