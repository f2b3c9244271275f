/// Where plain HTTP is allowed (issue 10 §5): partner keys, admin keys and redemptions cross
/// the wire in clear over HTTP, so without `--insecure-http` the service listens, and clients
/// call, over HTTP only on this machine's loopback interface.
public enum PlainHTTP {
    /// Whether `host` (a URL's host or a listen address) names the loopback interface:
    /// `localhost`, 127.0.0.0/8 or ::1. `0.0.0.0` and `::` listen on every interface, so they
    /// are not loopback.
    public static func isLoopback(_ host: String) -> Bool {
        var name = host.lowercased()
        if name.hasPrefix("["), name.hasSuffix("]") { name = String(name.dropFirst().dropLast()) }
        if name == "localhost" || name.hasSuffix(".localhost") || name == "::1" { return true }
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts[0] == "127" && parts.allSatisfy { UInt8($0) != nil }
    }
}
