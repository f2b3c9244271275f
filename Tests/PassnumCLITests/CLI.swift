import Foundation

/// Runs the built `passnum` binary the way a person or a script would.
struct CLI {
    struct Output {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// The binary sits beside the test bundle in the build products folder.
    static let binary: String = {
        let testBinary = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var folder = testBinary.deletingLastPathComponent()
        while folder.path != "/" {
            let candidate = folder.appendingPathComponent("passnum").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        fatalError("passnum binary not found near \(testBinary.path): run `swift build` first")
    }()

    let folder: String
    var environment: [String: String] = ["PASSNUM_LANG": "en", "PATH": "/usr/bin:/bin"]

    init() {
        folder = NSTemporaryDirectory() + "passnum-cli-\(UUID().uuidString)"
        try! FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    /// Runs `passnum` with these arguments in the folder.
    @discardableResult
    func run(_ arguments: [String], stdin: String? = nil, passphrase: String? = nil) throws -> Output {
        try run(program: Self.binary, arguments, stdin: stdin, passphrase: passphrase)
    }

    /// Runs any program (pdftotext, pdfinfo…) in the folder, with the same environment.
    func run(program: String, _ arguments: [String], stdin: String? = nil, passphrase: String? = nil) throws -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        var environment = self.environment
        if let passphrase { environment["PASSNUM_PASSPHRASE"] = passphrase }
        process.environment = environment
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        // Drain stdout on another thread while stdin is fed, so a large output cannot block.
        let stdout = Collected()
        let drained = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            stdout.data = out.fileHandleForReading.readDataToEndOfFile()
            drained.signal()
        }
        if let stdin { writeAll(Array(stdin.utf8), to: input.fileHandleForWriting.fileDescriptor) }
        try input.fileHandleForWriting.close()
        let stderrData = err.fileHandleForReading.readDataToEndOfFile()
        drained.wait()
        process.waitUntilExit()
        return Output(status: process.terminationStatus, stdout: String(decoding: stdout.data, as: UTF8.self),
                      stderr: String(decoding: stderrData, as: UTF8.self))
    }

    func path(_ name: String) -> String { folder + "/" + name }

    func read(_ name: String) -> String? { try? String(contentsOfFile: path(name), encoding: .utf8) }

    /// Makes an unencrypted key and returns its id.
    func makeKey(issuer: String = "Nantes Métropole", extra: [String] = ["--valid-until", "2100-12-31"]) throws -> String {
        let output = try run(["keys", "generate", "--issuer", issuer, "--unencrypted"] + extra)
        precondition(output.status == 0, output.stderr)
        return output.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func issue(kid: String, carnets: Int = 1, out: String = "tokens.txt", extra: [String] = [], passphrase: String? = nil) throws -> Output {
        try run(["issue", "--key", "Keys/\(kid).secret", "--carnets", String(carnets), "--value", "10.00",
                 "--expires", "2099-12-31", "--label", "CCAS Test", "--out", out] + extra, passphrase: passphrase)
    }

    func tokens(_ name: String = "tokens.txt") -> [String] {
        (read(name) ?? "").split(separator: "\n").map(String.init)
    }
}

private final class Collected: @unchecked Sendable {
    var data = Data()  // written by one thread, read after the semaphore
}

/// write(2) until done, retrying on EINTR; stops if the child closed its stdin.
private func writeAll(_ bytes: [UInt8], to fd: Int32) {
    var offset = 0
    while offset < bytes.count {
        let n = bytes[offset...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        if n > 0 { offset += n } else if n < 0, errno == EINTR { continue } else { return }
    }
}

extension CLI {
    /// `passnum serve` on a free loopback port in this folder; stopped by `stop()`.
    struct Service {
        let process: Process
        let port: Int
        /// The service's stderr, where it logs.
        let log: String
        var url: String { "http://127.0.0.1:\(port)" }

        func stop() {
            process.terminate()
            process.waitUntilExit()
        }
    }

    func startService(_ extra: [String] = []) throws -> Service {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments = ["serve", "--init", "--listen", "127.0.0.1:0", "--log-level", "notice"] + extra
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        process.environment = environment.merging(["PASSNUM_LANG": "en"]) { _, english in english }  // the line waited for
        let log = path("serve-\(UUID().uuidString).log")
        FileManager.default.createFile(atPath: log, contents: nil)
        process.standardError = FileHandle(forWritingAtPath: log)
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        // Waits for the "listening on" line: start-up, not a measured time.
        for _ in 0..<600 {
            let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            if let range = text.range(of: "listening on http://127.0.0.1:"), let port = Int(text[range.upperBound...].prefix(while: \.isNumber)) {
                return Service(process: process, port: port, log: log)
            }
            guard process.isRunning else { break }
            usleep(50_000)
        }
        process.terminate()
        throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "the service did not start: " + ((try? String(contentsOfFile: log, encoding: .utf8)) ?? "")])
    }

    /// Registers a partner and keeps its API key in `<name>.key`, as an operator would.
    func addPartner(_ name: String) throws -> String {
        let output = try run(["partners", "add", "--name", name])
        precondition(output.status == 0, output.stderr)
        let file = name + ".key"
        try output.stdout.write(toFile: path(file), atomically: true, encoding: .utf8)
        return file
    }
}

extension CLI {
    /// `passnum ARGUMENTS` started under `script`, which gives it a pseudo-terminal: what a
    /// person at the counter sees, echo included, comes out of `output`; `input` is the keyboard.
    func underATerminal(_ arguments: String) throws -> (Process, Pipe, Pipe) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["-qec", "\(Self.binary) \(arguments)", "/dev/null"]
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        process.environment = environment
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        return (process, input, output)
    }
}
