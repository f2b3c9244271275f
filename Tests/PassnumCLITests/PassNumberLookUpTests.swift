import Counter
import Foundation
import PassVerifier
import Testing

/// Issue 9 §1.3: serials restart at 1 for each key, so the typed look-up of "000 002-1"
/// answered "already used" for a new key's unspent pass 2. A pass number names its key.
struct PassNumberLookUpTests {
    @Test func aTypedPassNumberFindsItsOwnKeysPass() throws {
        var cli = CLI()
        cli.environment["PASSNUM_LANG"] = "fr"
        let old = try cli.makeKey(issuer: "Ancienne clé")
        let new = try cli.makeKey(issuer: "Nouvelle clé")
        #expect(try cli.issue(kid: old, out: "old.txt").status == 0)
        #expect(try cli.issue(kid: new, out: "new.txt").status == 0)
        let replica = try Replica(path: cli.path("replica.sqlite"))
        try replica.apply([], cursor: nil, at: Date())
        try replica.storeTrustList(Data(contentsOf: URL(fileURLWithPath: cli.path("Keys/trustlist.json"))))

        let oldTwo = PassNumber(keyID: KeyID(text: old)!, serial: Serial(2)!).text
        let newTwo = PassNumber(keyID: KeyID(text: new)!, serial: Serial(2)!).text
        #expect(oldTwo != newTwo)
        let input = [cli.tokens("old.txt")[1], newTwo, oldTwo].joined(separator: "\n") + "\n"
        let output = try cli.run(["scan", "--offline"], stdin: input)
        let lines = output.stdout.split(separator: "\n")
        #expect(lines.count == 3, "\(output.stdout)\(output.stderr)")
        #expect(lines[0].contains("ACCEPTÉ"))
        // French typography puts a no-break space before the colon.
        #expect(lines[1].contains("\(newTwo)\u{00A0}: pas encore utilisé"), "the new key's pass 2 was never used: \(lines[1])")
        #expect(lines[2].contains("\(oldTwo)\u{00A0}: déjà utilisé le"), "\(lines[2])")

        let json = try cli.run(["scan", "--offline", "--json"], stdin: newTwo + "\n")
        #expect(json.stdout.contains("\"number\":\"\(newTwo)\"") && json.stdout.contains("\"state\":\"unspent\""), "\(json.stdout)")
    }

    @Test func aNumberOfAnUnknownSeriesIsNotGuessed() throws {
        var cli = CLI()
        cli.environment["PASSNUM_LANG"] = "en"
        let kid = try cli.makeKey()
        let replica = try Replica(path: cli.path("replica.sqlite"))
        try replica.apply([], cursor: nil, at: Date())
        try replica.storeTrustList(Data(contentsOf: URL(fileURLWithPath: cli.path("Keys/trustlist.json"))))
        let mine = PassSeries(keyID: KeyID(text: kid)!)
        let other = PassNumber(series: PassSeries((mine.value + 1) % 1000)!, serial: Serial(1)!)
        let output = try cli.run(["scan", "--offline", "--json"], stdin: other.text + "\n")
        #expect(output.stdout.contains("\"reason\":\"unknown_key\""), "\(output.stdout)")
    }
}
