import Foundation
import HTTPTypes
import Hummingbird

/// The web pages (the counter, the partner's view, and later others): one folder of static
/// files (`Web/` in the repository), read once at start and served from memory. `NAME.html` is
/// served at `/NAME` (`index.html` at `/`), every other file at its own path. Each answer says
/// its type, asks the browser to revalidate (ETag, 304) so a new version is picked up at once,
/// and carries a Content-Security-Policy that allows this origin's scripts and styles only: no
/// inline script or style, nothing from another origin.
public struct WebFiles: Sendable {
    struct File: Sendable {
        let body: ByteBuffer
        let contentType: String
        let etag: String
    }

    static let contentTypes: [String: String] = [
        "html": "text/html; charset=utf-8", "css": "text/css; charset=utf-8", "js": "text/javascript; charset=utf-8",
        "mjs": "text/javascript; charset=utf-8", "json": "application/json; charset=utf-8", "svg": "image/svg+xml",
        "png": "image/png", "ico": "image/x-icon", "webmanifest": "application/manifest+json", "txt": "text/plain; charset=utf-8",
    ]

    static let contentSecurityPolicy = [
        "default-src 'none'", "script-src 'self'", "style-src 'self'", "img-src 'self' blob: data:", "media-src 'self' blob:",
        "connect-src 'self'", "worker-src 'self'", "manifest-src 'self'", "form-action 'self'", "base-uri 'none'", "frame-ancestors 'none'",
    ].joined(separator: "; ")

    /// URL path → file.
    let files: [String: File]

    /// Reads every file of `folder` (symbolic links followed) whose type is known; hidden files
    /// and unknown types are left out.
    public init(folder: String) throws {
        let root = URL(fileURLWithPath: folder).resolvingSymlinksInPath()
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil, options: [.skipsHiddenFiles]) else {
            throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: folder])
        }
        var files: [String: File] = [:]
        for case let url as URL in walker {
            // The path under the folder as listed (a link such as js/passverify.mjs keeps its own name).
            let relative = String(url.path.dropFirst(root.path.count + 1))
            guard let type = Self.contentTypes[url.pathExtension.lowercased()], !relative.isEmpty else { continue }
            let data = try Data(contentsOf: url)
            files[Self.urlPath(relative)] = File(body: ByteBuffer(data: data), contentType: type, etag: Self.etag(data))
        }
        self.files = files
    }

    /// `index.html` → `/`, `counter.html` → `/counter`, `js/app.mjs` → `/js/app.mjs`.
    static func urlPath(_ relative: String) -> String {
        if relative == "index.html" { return "/" }
        if relative.hasSuffix(".html"), !relative.contains("/") { return "/" + relative.dropLast(5) }
        return "/" + relative
    }

    /// FNV-1a of the bytes: the same file gives the same tag across restarts.
    static func etag(_ data: Data) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in data { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return "\"\(String(hash, radix: 16))-\(data.count)\""
    }

    /// The paths served, sorted.
    public var paths: [String] { files.keys.sorted() }

    func register(in routes: inout RouteTable) {
        for (path, file) in files.sorted(by: { $0.key < $1.key }) {
            routes.add(path, .get, .public) { request, _ in Self.response(file, request) }
        }
    }

    /// What every page and file is served with: its type, the policy, no sniffing, no referrer.
    static func headers(contentType: String) -> HTTPFields {
        [
            .contentType: contentType, .contentSecurityPolicy: contentSecurityPolicy, HTTPField.Name("X-Content-Type-Options")!: "nosniff",
            HTTPField.Name("Referrer-Policy")!: "no-referrer",
        ]
    }

    static func response(_ file: File, _ request: Request) -> Response {
        var headers = headers(contentType: file.contentType)
        headers[.cacheControl] = "no-cache"
        headers[.eTag] = file.etag
        if request.headers[values: .ifNoneMatch].contains(where: { $0.split(separator: ",").contains { $0.trimmingCharacters(in: .whitespaces) == file.etag } }) {
            headers[.contentType] = nil
            return Response(status: .notModified, headers: headers)
        }
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: file.body))
    }
}
