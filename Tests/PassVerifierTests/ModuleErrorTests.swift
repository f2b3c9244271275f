import PassVerifier
import Testing

/// The one shape of module errors: codes that travel as snake_case, a message, a subject.
struct ModuleErrorTests {
    enum SampleCode: ErrorCode {
        case io, badKeyFile, receiptKeyMismatch
    }

    @Test func codesOfBareCasesTravelInSnakeCase() {
        #expect(SampleCode.io.rawValue == "io")
        #expect(SampleCode.badKeyFile.rawValue == "bad_key_file")
        #expect(SampleCode.receiptKeyMismatch.rawValue == "receipt_key_mismatch")
    }

    @Test func anErrorDescribesItselfByCodeAndMessageAndKeepsItsSubject() {
        let error = ModuleError(SampleCode.badKeyFile, "Keys/x.secret is damaged", subject: "Keys/x.secret")
        #expect("\(error)" == "bad_key_file: Keys/x.secret is damaged")
        #expect(error.subject == "Keys/x.secret")
        #expect(error == ModuleError(.badKeyFile, "Keys/x.secret is damaged", subject: "Keys/x.secret"))
        #expect(error != ModuleError(.io, "Keys/x.secret is damaged", subject: "Keys/x.secret"))
    }

    @Test func theVerifierKeepsItsOpenListOfReasons() {
        #expect(PassError.Code(rawValue: "some_future_reason").rawValue == "some_future_reason")
        #expect("\(PassError(.badSignature, "x"))" == "bad_signature: x")
    }
}
