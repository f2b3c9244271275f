/// Bytes sent as they are to a live service, and everything it answers until it closes the
/// connection (or 10 s pass with nothing): for requests no HTTP client will write, such as a
/// bad chunk size.
enum RawHTTP {
    static func exchange(port: Int, _ request: String) async -> String {
        await RawSocket.run {
            guard let socket = RawSocket(port: port) else { return "" }
            socket.send(request)
            return socket.readToEnd()
        }
    }
}
