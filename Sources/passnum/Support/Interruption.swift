import Foundation
import SafeOutput

/// Ctrl-C or SIGTERM during a print run: remove the temporary output, say so, exit 130. The
/// hidden temporary name already keeps a half PDF from looking complete; this also tidies up.
enum Interruption {
    nonisolated(unsafe) private static var sources: [DispatchSourceSignal] = []

    static func removeTemporaryOutputsOnSignal() {
        guard sources.isEmpty else { return }
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                TemporaryOutputs.removeAll()
                Console.error(Words(en: "interrupted: nothing was written", fr: "interrompu : rien n'a été écrit"))
                exit(128 + number)
            }
            source.resume()
            sources.append(source)
        }
    }
}
