import HummingbirdTLS
import NIOSSL

/// The service's TLS certificate chain and private key (`passnum serve --tls-cert --tls-key`),
/// loaded and checked before the service starts: a wrong file stops the start with its name
/// rather than failing every handshake later.
public struct ServiceTLS: Sendable {
    let configuration: TLSConfiguration

    /// Why the files do not make a TLS configuration: which file, and what is wrong with it.
    public struct LoadError: Error, Sendable {
        public let file: String
        public let problem: String
    }

    /// `certificateFile`: PEM, the service's certificate first, then any intermediates.
    /// `keyFile`: its PEM private key (unencrypted; systemd's LoadCredential= can hand it over).
    public init(certificateFile: String, keyFile: String) throws(LoadError) {
        let chain: [NIOSSLCertificate]
        do {
            chain = try NIOSSLCertificate.fromPEMFile(certificateFile)
        } catch {
            throw LoadError(file: certificateFile, problem: "not a readable PEM certificate (\(error))")
        }
        guard !chain.isEmpty else { throw LoadError(file: certificateFile, problem: "no certificate in it") }
        let key: NIOSSLPrivateKey
        do {
            key = try NIOSSLPrivateKey(file: keyFile, format: .pem)
        } catch {
            // The error names no part of the key.
            throw LoadError(file: keyFile, problem: "not a readable PEM private key")
        }
        var configuration = TLSConfiguration.makeServerConfiguration(certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key))
        configuration.minimumTLSVersion = .tlsv12
        do {
            // Builds the context once now, so a key that does not match the certificate is said at start.
            _ = try NIOSSLContext(configuration: configuration)
        } catch {
            throw LoadError(file: keyFile, problem: "does not match the certificate in \(certificateFile)")
        }
        self.configuration = configuration
    }
}
