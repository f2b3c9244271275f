import ArgumentParser
import Foundation

/// `passnum serve`'s options for the web counter.
struct WebCounterOptions: ParsableArguments {
    @Option(help: "The web counter's folder (Web/ of the repository; found beside the binary when not given). 'none': no web pages.")
    var web: String?

    @Option(help: "The service's key for browsers' session cookies (made if missing; keep it with the receipt key).")
    var sessionKey = "session.secret"
}

/// Where `passnum serve` finds the web counter's files: `--web DIR`, else PASSNUM_WEB, else the
/// repository's `Web/` above the binary (`.build/debug/passnum` in a checkout), else
/// `../share/passnum/web` beside an installed binary. Without any, the service runs without pages.
/// (Only Serve.swift touches the server module; this finds a folder.)
enum WebFolder {
    static func locate(_ given: String?) throws -> String? {
        if given == "none" { return nil }
        guard let folder = given ?? ProcessInfo.processInfo.environment["PASSNUM_WEB"] ?? found() else {
            Console.info(Words(
                en: "passnum: no web counter folder found (give --web DIR): only the API is served",
                fr: "passnum : dossier du guichet web introuvable (indiquez --web DOSSIER) : seule l'API est servie"))
            return nil
        }
        guard FileManager.default.fileExists(atPath: folder + "/index.html") else {
            throw Failure(Words(en: "\(folder) is not a web counter folder (no index.html)", fr: "\(folder) n'est pas un dossier de guichet web (pas d'index.html)"))
        }
        return folder
    }

    private static func found() -> String? {
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        let binary = URL(fileURLWithPath: executable).resolvingSymlinksInPath().deletingLastPathComponent()
        var candidates = [binary.appendingPathComponent("../share/passnum/web").standardized.path]
        var folder = binary
        for _ in 0..<5 {
            folder = folder.deletingLastPathComponent()
            candidates.append(folder.appendingPathComponent("Web").path)
        }
        return candidates.first { FileManager.default.fileExists(atPath: $0 + "/index.html") }
    }
}
