import Conventions
import Foundation

/// What the programme prints on every pass besides the pass itself: where to use it, whom to
/// ask, and the funders' logo. Read from `programme.json` beside the trust list (README,
/// "The programme file"); the caller reads the bytes, this type only parses and checks them.
public struct Programme: Sendable, Equatable {
    public static let format = "passnum-programme/v1"

    public struct Partner: Sendable, Equatable {
        public let name: String
        public let address: String

        public init(name: String, address: String) {
            self.name = name
            self.address = address
        }
    }

    public let partners: [Partner]
    /// A telephone number for questions, as it should be printed ("02 40 41 90 00").
    public let phone: String?
    /// A web address for questions and the full list of partners ("nantes.fr/pass-numerique").
    public let web: String?
    /// The funders' logo, a PNG; a relative path is taken from the programme file's folder.
    public let logo: String?

    public init(partners: [Partner], phone: String? = nil, web: String? = nil, logo: String? = nil) {
        self.partners = partners
        self.phone = phone
        self.web = web
        self.logo = logo
    }

    /// Parses the file. `folder` resolves a relative logo path.
    public init(json: some DataProtocol, folder: String) throws(PrinterError) {
        guard let file = try? JSONDecoder().decode(FileForm.self, from: Data(json)) else {
            throw PrinterError(.invalidSetting, "the programme file is not JSON of the expected shape (format, partners, contact, logo)")
        }
        guard file.format == Self.format else {
            throw PrinterError(.invalidSetting, "the programme file's format must be \"\(Self.format)\"")
        }
        let blank = { (text: String?) in text.map { $0.trimmingCharacters(in: .whitespaces).isEmpty } ?? false }
        guard !file.partners.contains(where: { blank($0.name) }), !blank(file.contact?.phone), !blank(file.contact?.web) else {
            throw PrinterError(.invalidSetting, "the programme file has an empty partner name, phone or web address")
        }
        let logo = file.logo.map { $0.hasPrefix("/") ? $0 : URL(fileURLWithPath: folder).appendingPathComponent($0).path }
        let partners = file.partners.map { Partner(name: $0.name, address: $0.address ?? "") }
        self.init(partners: partners, phone: file.contact?.phone, web: file.contact?.web, logo: logo)
    }

    /// "Où l'utiliser : PiNG, 38 rue … · … Questions : 02 40 … · nantes.fr/…": the lines a pass
    /// prints under its terms, in French, with no-break spaces before the colons.
    var whereAndWhom: String {
        var parts: [String] = []
        if !partners.isEmpty {
            let places = partners.map { $0.address.isEmpty ? $0.name : "\($0.name), \($0.address)" }
            parts.append(Typography.label("Où l'utiliser") + " " + places.joined(separator: " · ") + ".")
        }
        let contact = [phone, web].compactMap { $0 }
        if !contact.isEmpty {
            parts.append(Typography.label("Questions") + " " + contact.joined(separator: " · "))
        }
        return parts.joined(separator: " ")
    }

    private struct FileForm: Decodable {
        struct Contact: Decodable {
            var phone: String?
            var web: String?
        }

        struct PartnerForm: Decodable {
            var name: String
            var address: String?
        }

        var format: String
        var partners: [PartnerForm]
        var contact: Contact?
        var logo: String?
    }
}
