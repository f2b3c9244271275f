import Foundation

/// Foundation's file errors in plain words, chosen by code (issue 14 §1.10): their own text,
/// "Error Domain=NSCocoaErrorDomain Code=256 …", is for engineers and was shown to users.
enum FoundationWords {
    /// The words for a Foundation file error (Cocoa or POSIX domain), naming its file (or
    /// `path` when the error does not); nil for any other error.
    static func describe(_ error: any Error, path: String? = nil) -> Words? {
        let error = error as NSError
        guard error.domain == NSCocoaErrorDomain || error.domain == NSPOSIXErrorDomain else { return nil }
        let what = posixCode(error).flatMap(posix) ?? cocoa(error.domain == NSCocoaErrorDomain ? error.code : -1)
        guard let path = (error.userInfo[NSFilePathErrorKey] as? String) ?? (error.userInfo[NSURLErrorKey] as? URL)?.path ?? path else { return what }
        return Words(en: "\(path): \(what.en)", fr: "\(path) : \(what.fr)")
    }

    /// The errno under the error: its own, or its underlying error's.
    private static func posixCode(_ error: NSError) -> Int32? {
        if error.domain == NSPOSIXErrorDomain { return Int32(error.code) }
        // On Linux the underlying error is not bridged by `as? NSError` from Any: cast to Error first.
        guard let underlying = (error.userInfo[NSUnderlyingErrorKey] as? any Error).map({ $0 as NSError }),
              underlying.domain == NSPOSIXErrorDomain else { return nil }
        return Int32(underlying.code)
    }

    private static func posix(_ code: Int32) -> Words? {
        switch code {
        case EISDIR: Words(en: "this is a folder, not a file", fr: "c'est un dossier, pas un fichier")
        case ENOENT: Words(en: "no such file or folder", fr: "fichier ou dossier introuvable")
        case ENOTDIR: Words(en: "a part of this path is a file, not a folder", fr: "une partie de ce chemin est un fichier, pas un dossier")
        case EACCES, EPERM: Words(en: "permission denied", fr: "permission refusée")
        case ENOSPC: Words(en: "the disk is full", fr: "le disque est plein")
        case EROFS: Words(en: "the disk is read-only", fr: "le disque est en lecture seule")
        case EEXIST: Words(en: "the file already exists", fr: "le fichier existe déjà")
        case EIO: Words(en: "the disk could not be read or written (input/output error)", fr: "le disque n'a pas pu être lu ou écrit (erreur d'entrée/sortie)")
        default: nil
        }
    }

    private static func cocoa(_ code: Int) -> Words {
        switch code {
        case CocoaError.fileNoSuchFile.rawValue, CocoaError.fileReadNoSuchFile.rawValue:
            Words(en: "no such file or folder", fr: "fichier ou dossier introuvable")
        case CocoaError.fileReadNoPermission.rawValue, CocoaError.fileWriteNoPermission.rawValue:
            Words(en: "permission denied", fr: "permission refusée")
        case CocoaError.fileReadCorruptFile.rawValue, CocoaError.fileReadInapplicableStringEncoding.rawValue,
             CocoaError.fileWriteInapplicableStringEncoding.rawValue:
            Words(en: "this file is not in the expected form (not UTF-8 text?)", fr: "ce fichier n'a pas la forme attendue (pas du texte UTF-8 ?)")
        case CocoaError.fileReadTooLarge.rawValue:
            Words(en: "this file is too large", fr: "ce fichier est trop gros")
        case CocoaError.fileWriteOutOfSpace.rawValue:
            Words(en: "the disk is full", fr: "le disque est plein")
        case CocoaError.fileWriteVolumeReadOnly.rawValue:
            Words(en: "the disk is read-only", fr: "le disque est en lecture seule")
        case CocoaError.fileWriteFileExists.rawValue:
            Words(en: "the file already exists", fr: "le fichier existe déjà")
        default:
            Words(en: "the file could not be read or written (system error \(code))", fr: "le fichier n'a pas pu être lu ou écrit (erreur système \(code))")
        }
    }
}
