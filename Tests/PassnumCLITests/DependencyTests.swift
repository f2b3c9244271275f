import Foundation
import Testing

/// The CLI does not reach into the server or draw by itself (issue 8 item 4): cairo is
/// CarnetPrinter's, and only `passnum serve` uses the HTTP server.
@Suite struct DependencyTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Each CLI source file and the modules it imports.
    static func imports() throws -> [String: Set<String>] {
        let folder = root.appendingPathComponent("Sources/passnum")
        var found: [String: Set<String>] = [:]
        let files = FileManager.default.enumerator(atPath: folder.path)?.compactMap { $0 as? String } ?? []
        for file in files where file.hasSuffix(".swift") {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            found[file] = Set(text.split(separator: "\n").compactMap { line in
                line.hasPrefix("import ") ? String(line.dropFirst("import ".count)) : nil
            })
        }
        return found
    }

    @Test func onlyServeImportsTheServerAndNothingImportsCairo() throws {
        let imports = try Self.imports()
        #expect(imports.count > 20)
        for (file, modules) in imports {
            #expect(!modules.contains("CCairo"), "\(file) draws with cairo itself")
            if file != "Commands/Serve.swift" {
                #expect(modules.isDisjoint(with: ["SpentListServer", "Hummingbird", "Logging"]), "\(file) reaches into the server")
            }
        }
    }

    @Test func theCLITargetDoesNotListCairo() throws {
        let package = try String(contentsOf: Self.root.appendingPathComponent("Package.swift"), encoding: .utf8)
        let target = try #require(package.range(of: "name: \"passnum\",")).upperBound
        let dependencies = package[target...].prefix { $0 != "]" }
        #expect(!dependencies.contains("\"CCairo\""), "\(dependencies)")
    }
}
