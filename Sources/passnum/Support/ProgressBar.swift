import Foundation

/// A progress bar on stderr for long work, drawn only when stderr is a terminal so logs and
/// pipes stay clean. Redraws at most ten times a second.
final class ProgressBar: @unchecked Sendable {
    private let total: Int
    private let label: String
    private let enabled: Bool
    private let lock = NSLock()
    private var done = 0
    private var lastDraw = Date.distantPast

    init(total: Int, label: Words, enabled: Bool = Console.stderrIsTerminal) {
        self.total = max(total, 1)
        self.label = label.text
        self.enabled = enabled && total > 0
    }

    func advance(by count: Int = 1) {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        done += count
        let now = Date()
        if now.timeIntervalSince(lastDraw) >= 0.1 || done >= total {
            lastDraw = now
            draw()
        }
    }

    func finish() {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        done = total
        draw()
        Output.stderr("\n")
    }

    private func draw() {
        let width = 30
        let filled = min(width, done * width / total)
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        let line = "\r\(label) \(bar) \(min(done, total))/\(total) (\(min(100, done * 100 / total)) %)"
        Output.stderr(line)
    }
}
