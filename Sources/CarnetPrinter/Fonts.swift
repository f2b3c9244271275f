import CCairo
import Foundation

/// The two faces a carnet uses, loaded from named files through FreeType. Looking fonts up by
/// family name (fontconfig) would silently fall back to another font when DejaVu is missing;
/// loading the file makes that an error. cairo embeds the glyphs used (a subset) in the PDF.
public final class Fonts: @unchecked Sendable {
    /// Debian's `fonts-dejavu-core`, installed by scripts/setup.sh.
    public static let defaultDirectory = "/usr/share/fonts/truetype/dejavu"
    static let regularFile = "DejaVuSans.ttf"
    static let boldFile = "DejaVuSans-Bold.ttf"

    public let directory: String
    let regular: OpaquePointer
    let bold: OpaquePointer
    // One FreeType library per instance: FreeType objects must not be shared between threads
    // without locks, so each thread that draws loads its own `Fonts`.
    private let library: FT_Library

    /// Loads DejaVu Sans and DejaVu Sans Bold from `directory`, or throws `fontMissing`.
    public init(directory: String = Fonts.defaultDirectory) throws(PrinterError) {
        var library: FT_Library?
        guard FT_Init_FreeType(&library) == 0, let library else {
            throw PrinterError(.fontMissing, "FreeType could not start")
        }
        self.directory = directory
        self.library = library
        regular = try Self.load(Self.regularFile, from: directory, library: library)
        bold = try Self.load(Self.boldFile, from: directory, library: library)
    }

    deinit {
        cairo_font_face_destroy(regular)
        cairo_font_face_destroy(bold)
        // The library is not freed: cairo may keep a face in its cache after we let it go, and
        // it frees the FreeType face (through the user data below) only when it drops it.
    }

    private static func load(_ file: String, from directory: String, library: FT_Library) throws(PrinterError) -> OpaquePointer {
        let path = URL(fileURLWithPath: directory).appendingPathComponent(file).path
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw PrinterError(.fontMissing, "font file \(path) is missing or unreadable (Debian package fonts-dejavu-core)")
        }
        var face: FT_Face?
        guard FT_New_Face(library, path, 0, &face) == 0, let face else {
            throw PrinterError(.fontMissing, "font file \(path) is not a font FreeType can read")
        }
        let cairoFace = cairo_ft_font_face_create_for_ft_face(face, 0)!
        // cairo's documented way to tie the FreeType face's life to the cairo face's.
        let status = cairo_font_face_set_user_data(cairoFace, &freeTypeFaceKey, UnsafeMutableRawPointer(face)) { face in
            FT_Done_Face(face?.assumingMemoryBound(to: FT_FaceRec.self))
        }
        guard status == CAIRO_STATUS_SUCCESS else {
            cairo_font_face_destroy(cairoFace)
            FT_Done_Face(face)
            throw PrinterError(.fontMissing, "cairo could not use font \(path)")
        }
        return cairoFace
    }
}

nonisolated(unsafe) private var freeTypeFaceKey = cairo_user_data_key_t()
