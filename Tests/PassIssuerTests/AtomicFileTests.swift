import Foundation
import PassIssuer
import Testing

struct AtomicFileTests {
    @Test func aDeviceIsNotARegularFileAndStaysADevice() {
        let error = issuerError { try AtomicFile.write([1, 2, 3], to: "/dev/null", overwrite: true) }
        #expect(error?.code == .notRegularFile)
        #expect(error?.subject == "/dev/null")
        var status = stat()
        #expect(stat("/dev/null", &status) == 0 && status.st_mode & S_IFMT == S_IFCHR)
    }

    @Test func theModeIsExactlyTheOneAskedWhateverTheUmask() throws {
        let folder = temporaryFolder()
        let old = umask(0o077)
        defer { umask(old) }
        try AtomicFile.write([1], to: folder + "/public.json", mode: 0o644, overwrite: false)
        try AtomicFile.write([1], to: folder + "/tokens.txt", overwrite: false)
        let attributes = { (name: String) in try FileManager.default.attributesOfItem(atPath: folder + "/" + name)[.posixPermissions] as? Int }
        #expect(try attributes("public.json") == 0o644)
        #expect(try attributes("tokens.txt") == 0o600, "private unless asked otherwise")
    }
}
