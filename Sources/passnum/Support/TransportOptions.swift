import ArgumentParser
import Counter
import Foundation

/// How a client command trusts the service (issue 10 §5): `--ca-file` for a service whose
/// certificate comes from a private CA, `--insecure-http` to allow plain HTTP off this machine.
struct TransportOptions: ParsableArguments {
    init() {}

    @Option(help: "A PEM file with the certificate of the CA that signed the service's TLS certificate (a private CA); without it, the system's CAs.")
    var caFile: String?

    @Flag(help: "Allow plain http:// to a service on another machine (keys and passes then travel unencrypted). Without it, http:// is only for 127.0.0.1 and localhost.")
    var insecureHTTP = false

    /// The transport for `url`, after the plain-HTTP rule.
    func transport(for url: URL, timeout: Double) throws -> ServiceTransport {
        try ServiceTransport.check(url, insecureHTTP: insecureHTTP)
        return try ServiceTransport.trusting(caFile: caFile, timeout: timeout)
    }
}
