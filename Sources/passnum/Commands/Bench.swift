import ArgumentParser

struct Bench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure performance and print the figures.",
        subcommands: [VerifyBenchmark.self, PrintBenchmark.self]
    )
}
