import Foundation

/// Turns the terminal's echo off on standard input while the counter reads the scanner, so
/// the 200 digits a scanner types do not fill the screen between the verdicts. Nothing
/// happens when standard input is not a terminal (a pipe, a file); echo comes back at the end
/// and on Ctrl-C.
struct TerminalEcho {
    private let saved: termios?

    static func silenceStandardInput() -> TerminalEcho {
        guard isatty(STDIN_FILENO) == 1 else { return TerminalEcho(saved: nil) }
        var saved = termios()
        guard tcgetattr(STDIN_FILENO, &saved) == 0 else { return TerminalEcho(saved: nil) }
        var silent = saved
        silent.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(STDIN_FILENO, TCSANOW, &silent)
        restoreOnSignal(saved)
        return TerminalEcho(saved: saved)
    }

    func restore() {
        guard var saved else { return }
        tcsetattr(STDIN_FILENO, TCSANOW, &saved)
    }

    nonisolated(unsafe) private static var sources: [DispatchSourceSignal] = []

    /// Ctrl-C or SIGTERM must not leave the operator's terminal silent.
    private static func restoreOnSignal(_ saved: termios) {
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                var original = saved
                tcsetattr(STDIN_FILENO, TCSANOW, &original)
                exit(128 + number)
            }
            source.resume()
            sources.append(source)
        }
    }
}
