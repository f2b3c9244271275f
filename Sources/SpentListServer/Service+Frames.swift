import Counter
import Hummingbird
import SpentListAPI

extension Service {
    /// The largest camera frame the service decodes: 640 × 640 grey pixels (a phone's frame
    /// downscaled by the page; a printed QR code still has 3 pixels a module at that size).
    static let largestFrame = 640

    /// `POST /v1/frames?width=W&height=H` (a partner or an office): one camera frame, 8-bit grey, row by row,
    /// W × H bytes, from a browser without BarcodeDetector. The QR codes in it are found with
    /// zbar, as `passnum scan --image` does; the page verifies each text like a scan. Grey bytes
    /// rather than JPEG or PNG, so no image decoder runs on what a browser sent.
    func decodeFrame(_ request: Request) async throws -> Response {
        let query = request.uri.queryParameters
        guard let width = query.get("width").flatMap({ Int($0) }), let height = query.get("height").flatMap({ Int($0) }),
              (16...Self.largestFrame).contains(width), (16...Self.largestFrame).contains(height)
        else {
            throw ServiceError.badRequest("\"width\" and \"height\" are 16 to \(Self.largestFrame) pixels")
        }
        if let contentType = request.headers[.contentType], !contentType.lowercased().hasPrefix("application/octet-stream") {
            throw ServiceError(.unsupportedMediaType, .unsupportedMediaType, "the body is the frame's grey bytes (Content-Type: application/octet-stream)")
        }
        let body = try await request.body.collect(upTo: Self.largestFrame * Self.largestFrame)
        guard body.readableBytes == width * height else {
            throw ServiceError.badRequest("the body has \(body.readableBytes) bytes; a \(width) × \(height) grey frame has \(width * height)")
        }
        let texts = ImageDecoder.decode(GrayImage(pixels: Array(body.readableBytesView), width: width, height: height))
        var response = jsonResponse(API.Frame(texts: texts), status: .ok)
        response.headers[.cacheControl] = "no-store"
        return response
    }
}
