import Foundation
import Testing

/// Issue 10 §5: `passnum serve` speaks HTTPS itself, the client commands trust a private CA
/// given with --ca-file, and plain HTTP leaves this machine only with --insecure-http.
@Suite(.serialized) struct TLSTests {
    @Test func theCounterRedeemsOverHTTPSTrustingAPrivateCA() async throws {
        let run = try CLIRun()
        let pki = try await offPool { try TestPKI(in: run.folder) }
        let (_, tokens) = try await offPool { try run.issue(count: 10) }
        let key = try await offPool { try run.passnum(["partners", "add", "--name", "PiNG"]) }.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        try key.write(to: run.folder.appendingPathComponent("partner.key"), atomically: true, encoding: .utf8)
        let service = try await offPool { try run.startService(["--tls-cert", pki.certificate, "--tls-key", pki.key]) }
        defer { service.process.terminate() }
        #expect(try service.stderr().contains("listening on https://127.0.0.1:"))
        let url = "https://127.0.0.1:\(service.port)/"
        let client = ["--service", url, "--partner-key-file", "partner.key", "--ca-file", pki.caCertificate]

        let pulled = try await offPool { try run.passnum(["replica", "pull"] + client) }
        #expect(pulled.status == 0 && pulled.stderr.contains("Replica up to date"), "\(pulled.stderr)")
        let scanned = try await offPool { try run.passnum(["scan", "--json"] + client, stdin: tokens[0] + "\n" + tokens[0] + "\n") }
        #expect(scanned.status == 0, "\(scanned.stderr)")
        #expect(scanned.stdout.contains(#""verdict":"accepted""#) && scanned.stdout.contains(#""reason":"already_spent""#), "\(scanned.stdout)")
        let synced = try await offPool { try run.passnum(["sync"] + client) }
        #expect(synced.status == 0, "\(synced.stderr)")
        let month = try await offPool { try run.passnum(["statement", "--month", Self.thisMonth()] + client) }
        #expect(month.status == 0 && month.stdout.contains("PiNG"), "\(month.stdout)\(month.stderr)")
    }

    @Test func aClientWithoutTheCARefusesTheService() async throws {
        let run = try CLIRun()
        let pki = try await offPool { try TestPKI(in: run.folder) }
        _ = try await offPool { try run.issue(count: 10) }
        let key = try await offPool { try run.passnum(["partners", "add", "--name", "PiNG"]) }.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        try key.write(to: run.folder.appendingPathComponent("partner.key"), atomically: true, encoding: .utf8)
        let service = try await offPool { try run.startService(["--tls-cert", pki.certificate, "--tls-key", pki.key]) }
        defer { service.process.terminate() }
        let started = ContinuousClock.now
        let refused = try await offPool { try run.passnum(["replica", "pull", "--service", "https://127.0.0.1:\(service.port)/", "--partner-key-file", "partner.key"]) }
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("did not prove its identity") && refused.stderr.contains("--ca-file"), "\(refused.stderr)")
        // Not retried: another try cannot make the certificate trusted.
        #expect(ContinuousClock.now - started < .seconds(3))
        // Plain HTTP to the HTTPS port is no way round it.
        let plain = try await offPool { try run.passnum(["replica", "pull", "--service", service.url, "--partner-key-file", "partner.key", "--timeout", "1"]) }
        #expect(plain.status == 1, "\(plain.stderr)")
    }

    @Test func plainHTTPOffThisMachineNeedsInsecureHTTP() async throws {
        let run = try CLIRun()
        try "pnk_x".write(to: run.folder.appendingPathComponent("partner.key"), atomically: true, encoding: .utf8)
        // 0.0.0.0 is not loopback by name, yet a connection to it stays on this machine.
        let pull = ["replica", "pull", "--service", "http://0.0.0.0:9/", "--partner-key-file", "partner.key"]
        let refused = try await offPool { try run.passnum(pull) }
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("plain HTTP to 0.0.0.0") && refused.stderr.contains("--insecure-http"), "\(refused.stderr)")
        let allowed = try await offPool { try run.passnum(pull + ["--insecure-http"]) }
        #expect(allowed.status == 1 && allowed.stderr.contains("cannot reach the service"), "\(allowed.stderr)")
        let scan = try await offPool { try run.passnum(["scan", "--service", "http://10.0.0.1:8080/", "--partner-key-file", "partner.key"], stdin: "") }
        #expect(scan.status == 1 && scan.stderr.contains("plain HTTP to 10.0.0.1"), "\(scan.stderr)")

        _ = try await offPool { try run.issue(count: 10) }
        let serve = try await offPool { try run.passnum(["serve", "--init", "--listen", "0.0.0.0:0"]) }
        #expect(serve.status != 0)
        #expect(serve.stderr.contains("refusing plain HTTP on 0.0.0.0") && serve.stderr.contains("--tls-cert"), "\(serve.stderr)")
        let insecure = try await offPool { try run.startService(["--listen", "0.0.0.0:0", "--insecure-http"]) }
        defer { insecure.process.terminate() }
        #expect(try insecure.stderr().contains("listening on http://0.0.0.0:"))
    }

    @Test func aKeyThatIsNotTheCertificatesStopsTheStart() async throws {
        let run = try CLIRun()
        let pki = try await offPool { try TestPKI(in: run.folder) }
        _ = try await offPool { try run.issue(count: 10) }
        let wrong = try await offPool { try run.passnum(["serve", "--init", "--tls-cert", pki.certificate, "--tls-key", pki.caKey]) }
        #expect(wrong.status == 1 && wrong.stderr.contains("does not match the certificate"), "\(wrong.stderr)")
        let alone = try await offPool { try run.passnum(["serve", "--init", "--tls-cert", pki.certificate]) }
        #expect(alone.status != 0 && alone.stderr.contains("--tls-cert and --tls-key go together"), "\(alone.stderr)")
    }

    static func thisMonth() -> String {
        let parts = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "Europe/Paris")!, from: Date())
        return String(format: "%04d-%02d", parts.year!, parts.month!)
    }
}

/// A private CA and a certificate it signed for 127.0.0.1 and localhost, made with the openssl
/// tool at test time (nothing secret is kept in the repository).
struct TestPKI {
    let caCertificate: String, caKey: String, certificate: String, key: String

    init(in folder: URL) throws {
        let path = { (name: String) in folder.appendingPathComponent(name).path }
        caCertificate = path("ca.pem"); caKey = path("ca.key"); certificate = path("server.pem"); key = path("server.key")
        let extensions = path("server.ext")
        try "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n".write(toFile: extensions, atomically: true, encoding: .utf8)
        let ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
        try Self.openssl(["req", "-x509"] + ec + ["-keyout", caKey, "-out", caCertificate, "-days", "2", "-subj", "/CN=passnum test CA",
                          "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign"])
        try Self.openssl(["req"] + ec + ["-keyout", key, "-out", path("server.csr"), "-subj", "/CN=127.0.0.1"])
        try Self.openssl(["x509", "-req", "-in", path("server.csr"), "-CA", caCertificate, "-CAkey", caKey, "-CAcreateserial",
                          "-out", certificate, "-days", "2", "-extfile", extensions])
    }

    private static func openssl(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "openssl \(arguments.joined(separator: " ")) failed")
    }
}
