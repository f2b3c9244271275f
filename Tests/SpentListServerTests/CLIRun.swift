import Foundation
import Testing

/// A temporary folder and the built `passnum` binary beside the test bundle.
struct CLIRun {
    static let adminKey = "pna_end-to-end-admin"
    let folder: URL
    /// PASSNUM_LANG for the commands run: English unless a test reads the French.
    var language = "en"

    static var binary: URL {
        let me = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        return URL(fileURLWithPath: me).deletingLastPathComponent().appendingPathComponent("passnum")
    }

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("passnum-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try #require(FileManager.default.isExecutableFile(atPath: Self.binary.path), "build passnum first: swift build --build-tests")
    }

    var environment: [String: String] {
        var env = ProcessInfo.processInfo.environment
        env["PASSNUM_PASSPHRASE"] = nil
        env["PASSNUM_LANG"] = language
        env["NO_COLOR"] = "1"
        env["PASSNUM_ADMIN_KEY"] = Self.adminKey
        return env
    }

    struct Output {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    @discardableResult
    func passnum(_ arguments: [String], stdin: String? = nil) throws -> Output {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = arguments
        process.currentDirectoryURL = folder
        process.environment = environment
        let out = folder.appendingPathComponent(".out-\(UUID().uuidString)"), err = folder.appendingPathComponent(".err-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: out.path, contents: nil)
        FileManager.default.createFile(atPath: err.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        if let stdin {
            let input = folder.appendingPathComponent(".in-\(UUID().uuidString)")
            try stdin.write(to: input, atomically: true, encoding: .utf8)
            process.standardInput = try FileHandle(forReadingFrom: input)
        } else {
            process.standardInput = FileHandle.nullDevice
        }
        try process.run()
        process.waitUntilExit()
        return Output(
            status: process.terminationStatus,
            stdout: try String(contentsOf: out, encoding: .utf8), stderr: try String(contentsOf: err, encoding: .utf8))
    }

    /// How the live tests start: ten passes, the partner "PiNG" and its key, the service running.
    func servingTenPasses() throws -> (kid: String, tokens: [String], partnerKey: String, service: RunningService) {
        let (kid, tokens) = try issue(count: 10)
        let partnerKey = try passnum(["partners", "add", "--name", "PiNG"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        return (kid, tokens, partnerKey, try startService())
    }

    /// A counter in a folder of its own, with this partner key in `partner.key` and the replica
    /// pulled from the service at `url`.
    static func counter(partnerKey: String, url: String) throws -> CLIRun {
        let counter = try CLIRun()
        try partnerKey.write(to: counter.folder.appendingPathComponent("partner.key"), atomically: true, encoding: .utf8)
        let pulled = try counter.passnum(["replica", "pull", "--service", url, "--partner-key-file", "partner.key"])
        guard pulled.status == 0 else {
            Issue.record("replica pull: \(pulled.stderr)")
            throw CancellationError()
        }
        return counter
    }

    /// A key, and `count` passes of 10 € valid a year; returns the key id and the tokens.
    func issue(count: Int) throws -> (String, [String]) {
        let kid = try passnum(["keys", "generate", "--issuer", "Test office", "--dir", "Keys", "--unencrypted"]).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let expiry = Date().addingTimeInterval(365 * 86_400).formatted(Date.ISO8601FormatStyle().year().month().day())
        let issued = try passnum([
            "issue", "--key", "Keys/\(kid).secret", "--carnets", String(count / 10), "--per-carnet", "10",
            "--value", "10", "--expires", expiry, "--out", "tokens.txt",
        ])
        try #require(issued.status == 0, "\(issued.stderr)")
        let tokens = try String(contentsOf: folder.appendingPathComponent("tokens.txt"), encoding: .utf8)
            .split(separator: "\n").map(String.init)
        return (kid, tokens)
    }

    struct RunningService {
        let process: Process
        let port: Int
        let log: URL
        /// The address `--service` takes.
        var url: String { "http://127.0.0.1:\(port)/" }
        func stderr() throws -> String { try String(contentsOf: log, encoding: .utf8) }

        /// Waits until the service's log contains `text` (an event, not a measured time).
        func waitForLog(_ text: String) throws -> Bool {
            for _ in 0..<600 {
                if try stderr().contains(text) { return true }
                usleep(50_000)
            }
            return false
        }
    }

    /// `passnum serve` on a free port; returns once it says where it listens. `extra`: more
    /// options (--tls-cert…, or another --listen, which the last one wins).
    func startService(_ extra: [String] = []) throws -> RunningService {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = ["serve", "--init", "--listen", "127.0.0.1:0", "--log-level", "notice"] + extra
        process.currentDirectoryURL = folder
        process.environment = environment
        let log = folder.appendingPathComponent("serve-\(UUID().uuidString).log")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        process.standardError = try FileHandle(forWritingTo: log)
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        // Waits for the "listening on" line (startup, not a measured time).
        for _ in 0..<600 {
            let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            // "listening on http(s)://HOST:PORT (…": the port is after the address's last colon,
            // and the address is whole once the space after it is written.
            if let start = text.range(of: "listening on ")?.upperBound, let end = text[start...].firstIndex(of: " ") {
                if let digits = text[start..<end].split(separator: ":").last, let port = Int(digits) { return RunningService(process: process, port: port, log: log) }
            }
            guard process.isRunning else { break }
            usleep(50_000)
        }
        process.terminate()
        Issue.record("the service did not start: \((try? String(contentsOf: log, encoding: .utf8)) ?? "")")
        throw CancellationError()
    }
}

/// Runs `body` (which waits for processes: `passnum`, `openssl`, a service starting) on a thread
/// of its own, so the wait does not hold one of the test run's few cooperative threads, on which
/// other tests' in-process services answer.
func offPool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread.detachNewThread { continuation.resume(with: Result { try body() }) }
    }
}
