import CSodium
import Foundation
import PassIssuer
import PassVerifier

/// Trust lists to load (SPEC.md §9, `Vectors/trustlists/`): a few valid ones, then one per
/// reason of §7.1 and the tricky spellings behind each. Written as JSON text by hand, since
/// most of them are lists no encoder would write.
struct TrustListVectors {
    struct Vector {
        let name: String
        let expect: String
        let comment: String
        let bytes: [UInt8]

        var expectation: String { "expect: \(expect)\ncomment: \(comment)\n" }
    }

    /// One key object as ordered (name, raw JSON value) pairs, so a vector can edit one member.
    typealias Entry = [(String, String)]

    let keys = VectorSet()

    func vectors() -> [Vector] {
        valid() + document() + fields() + kids() + publicKeys() + times() + statusAndDuplicates() + issuers() + order()
    }

    private func valid() -> [Vector] {
        [
            good("valid-unknown-fields", "members this version does not know are ignored, at the top and in a key",
                 list([entryA + [("comment", q("rotated yearly")), ("weight", "1.5")]], extra: [("updated", q("2026-11-01T00:00:00Z"))])),
            good("valid-empty", "no keys at all", list([])),
            good("valid-leap-day", "notBefore on 29 February of a leap year", list([set(entryA, "notBefore", q("2028-02-29T00:00:00Z"))])),
            good("valid-far-times", "the first and last times the format can write", list([
                set(set(entryA, "notBefore", q("0000-01-01T00:00:00Z")), "notAfter", q("9999-12-31T23:59:59Z")),
            ])),
        ]
    }

    private func document() -> [Vector] {
        let good = list([entryA])
        return [
            bad("not-json-truncated", "not_json", "the text stops in the middle", Array(good.dropLast(20))),
            bad("not-json-byte-order-mark", "not_json", "a UTF-8 byte-order mark before the JSON", [0xEF, 0xBB, 0xBF] + good),
            bad("not-json-nan", "not_json", "NaN is not JSON (Python's json module accepts it by default)",
                list([entryA], extra: [("weight", "NaN")])),
            bad("not-json-latin-1", "not_json", "the issuer is written in Latin-1, not UTF-8",
                latin1(list([entryA]))),
            bad("not-json-lone-surrogate", "not_json", "the issuer is \\ud800, an escaped high surrogate with no low one after it (I-JSON)",
                list([set(entryA, "issuer", q("Test \\ud800"))])),
            bad("not-json-lone-surrogate-unknown-member", "not_json", "a member this version does not know holds \\udd1e, a low surrogate alone",
                list([entryA], extra: [("note", "[" + q("\\udd1e") + "]")])),
            bad("wrong-type-top-level", "wrong_type", "the top-level value is an array", Array("[]\n".utf8)),
            bad("missing-format", "missing_field", "no format member", list([entryA], format: nil)),
            bad("wrong-type-format", "wrong_type", "format is a number", list([entryA], format: "1")),
            bad("wrong-format-tag", "wrong_format", "format passnum-trustlist/v2", list([entryA], format: q("passnum-trustlist/v2"))),
            bad("missing-keys", "missing_field", "no keys member", raw("{\"format\": \"passnum-trustlist/v1\"}")),
            bad("wrong-type-keys", "wrong_type", "keys is an object, not an array", raw("{\"format\": \"passnum-trustlist/v1\", \"keys\": {}}")),
            bad("wrong-type-entry", "wrong_type", "a key is a string, not an object", raw("{\"format\": \"passnum-trustlist/v1\", \"keys\": [\"eb8012db\"]}")),
        ]
    }

    private func fields() -> [Vector] {
        [
            bad("missing-field-status", "missing_field", "the key has no status", list([remove(entryA, "status")])),
            bad("missing-field-kid", "missing_field", "the key has no kid", list([remove(entryA, "kid")])),
            bad("wrong-type-issuer-null", "wrong_type", "issuer is null", list([set(entryA, "issuer", "null")])),
            bad("wrong-type-not-after-number", "wrong_type", "notAfter is a Unix time number, not a time text",
                list([set(entryA, "notAfter", "1924991999")])),
        ]
    }

    private func kids() -> [Vector] {
        [
            bad("bad-kid-upper-case", "bad_kid", "the kid in upper case", list([set(entryA, "kid", q("EB8012DB"))])),
            bad("bad-kid-short", "bad_kid", "seven hex digits", list([set(entryA, "kid", q("eb8012d"))])),
            bad("kid-mismatch", "kid_mismatch", "key A's public key under key B's kid",
                list([set(entryA, "kid", q(keys.revoked.kid.text))])),
        ]
    }

    private func publicKeys() -> [Vector] {
        let a = base64(keys.active.publicKey)  // aWMCs6RT…9mM=
        var vectors = [
            bad("bad-base64-url-alphabet", "bad_base64", "'_' of the URL-safe alphabet instead of '/'",
                list([set(entryA, "publicKey", q(a.replacingOccurrences(of: "/", with: "_")))])),
            bad("bad-base64-no-padding", "bad_base64", "the final '=' left out", list([set(entryA, "publicKey", q(String(a.dropLast())))])),
            bad("bad-base64-trailing-bits", "bad_base64", "the last character carries non-zero unused bits (M -> N): the same bytes, another text",
                list([set(entryA, "publicKey", q(String(a.dropLast(2)) + "N="))])),
            bad("bad-base64-line-break", "bad_base64", "a line break in the middle",
                list([set(entryA, "publicKey", q(String(a.prefix(20)) + "\\n" + String(a.dropFirst(20))))])),
            bad("bad-key-31-bytes", "bad_key", "31 bytes, well encoded", list([keyEntry(Array(keys.active.publicKey.prefix(31)))])),
            bad("bad-key-non-canonical", "bad_key", "y = p + 3, a non-canonical encoding of a point",
                list([keyEntry([0xf0] + [UInt8](repeating: 0xff, count: 30) + [0x7f])])),
            bad("bad-key-not-on-curve", "bad_key", "y = 2, not the y of any point of the curve",
                list([keyEntry([2] + [UInt8](repeating: 0, count: 31))])),
            bad("bad-key-mixed-order", "bad_key", "key A plus a point of order 8: on the curve but not in the prime-order subgroup",
                list([keyEntry(Curve.add(keys.active.publicKey, Curve.smallOrder[4]))])),
        ]
        for (index, point) in Curve.smallOrder.enumerated() {
            vectors.append(bad("bad-key-small-order-\(index + 1)", "bad_key", "small-order point \(index + 1) of 8 (SPEC.md §7.1), with its own kid",
                               list([keyEntry(point)])))
        }
        return vectors
    }

    private func times() -> [Vector] {
        [
            ("space", "2026-01-01 00:00:00Z", "a space instead of T"),
            ("fraction", "2026-01-01T00:00:00.000Z", "fractional seconds"),
            ("leap-second", "2026-06-30T23:59:60Z", "a leap second"),
            ("offset", "2026-01-01T00:00:00+00:00", "an offset instead of Z"),
            ("lower-case", "2026-01-01t00:00:00z", "lower-case t and z"),
            ("february-29", "2026-02-29T00:00:00Z", "29 February of a common year"),
            ("hour-24", "2026-01-01T24:00:00Z", "hour 24"),
            ("no-seconds", "2026-01-01T00:00Z", "no seconds"),
        ].map { name, text, comment in
            bad("bad-time-\(name)", "bad_time", "notBefore \(comment)", list([set(entryA, "notBefore", q(text))]))
        } + [
            bad("bad-validity", "bad_validity", "notBefore one second after notAfter",
                list([set(set(entryA, "notBefore", q("2027-01-01T00:00:00Z")), "notAfter", q("2026-12-31T23:59:59Z"))])),
        ]
    }

    private func statusAndDuplicates() -> [Vector] {
        [
            bad("unknown-status-suspended", "unknown_status", "status suspended", list([set(entryA, "status", q("suspended"))])),
            bad("unknown-status-capital", "unknown_status", "status Active with a capital", list([set(entryA, "status", q("Active"))])),
            bad("duplicate-kid", "duplicate_kid", "key A twice (revoked the second time)",
                list([entryA, set(entryA, "status", q("revoked"))])),
        ]
    }

    /// Step 8.13 (SPEC.md §7.2): at the bound, one over, and the counts a verifier could get wrong.
    private func issuers() -> [Vector] {
        let issuer = { (text: String) in self.list([self.set(self.entryA, "issuer", self.q(text))]) }
        return [
            good("valid-issuer-100-scalars", "an issuer of 100 scalars outside the BMP (U+1D11E): 400 bytes of UTF-8, 200 UTF-16 units, still 100",
                 issuer(String(repeating: "\u{1D11E}", count: 100))),
            good("valid-issuer-escaped", "an issuer of 100 scalars written as JSON escapes (99 \\u00e9 and a surrogate pair): counted after unescaping",
                 issuer(String(repeating: "\\u00e9", count: 99) + "\\ud834\\udd1e")),
            bad("bad-issuer-101-scalars", "bad_issuer", "an issuer of 101 letters", issuer(String(repeating: "a", count: 101))),
            bad("bad-issuer-combining-marks", "bad_issuer", "51 letters e, each followed by U+0301: 51 characters to the eye, 102 scalars",
                issuer(String(repeating: "e\u{301}", count: 51))),
            bad("bad-issuer-empty", "bad_issuer", "an empty issuer", issuer("")),
        ]
    }

    private func order() -> [Vector] {
        [
            bad("order-format-before-keys", "wrong_format", "format v2 and no keys member: format is checked first",
                raw("{\"format\": \"passnum-trustlist/v2\"}")),
            bad("order-entry-by-entry", "bad_time", "key 1 has a bad notBefore, key 2 no status: keys are checked one after the other",
                list([set(entryA, "notBefore", q("2026-01-01")), remove(entry(keys.revoked.publicKey, status: "revoked"), "status")])),
            bad("order-presence-before-values", "missing_field", "an upper-case kid and no status: every member is looked for first",
                list([remove(set(entryA, "kid", q("EB8012DB")), "status")])),
            bad("order-kid-before-base64", "bad_kid", "an upper-case kid and URL-safe base64: kid is checked first",
                list([set(set(entryA, "kid", q("EB8012DB")), "publicKey", q("_" + String(base64(keys.active.publicKey).dropFirst())))])),
            bad("order-duplicate-before-issuer", "duplicate_kid", "key A twice, the second time with an empty issuer: 8.12 comes before 8.13",
                list([entryA, set(entryA, "issuer", q(""))])),
            bad("order-issuer-before-next-key", "bad_issuer", "key 1 has an empty issuer, key 2 no status: 8.13 ends key 1 before key 2 is looked at",
                list([set(entryA, "issuer", q("")), remove(entry(keys.revoked.publicKey, status: "revoked"), "status")])),
        ]
    }

    // MARK: building the texts

    private var entryA: Entry { entry(keys.active.publicKey, issuer: "Métropole de Test") }

    private func entry(_ publicKey: [UInt8], issuer: String = "Test Office", status: String = "active") -> Entry {
        [
            ("kid", q(KeyID(publicKey: publicKey).text)), ("publicKey", q(base64(publicKey))), ("issuer", q(issuer)),
            ("notBefore", q("2026-01-01T00:00:00Z")), ("notAfter", q("2030-12-31T23:59:59Z")), ("status", q(status)),
        ]
    }

    /// An entry whose kid is right for the (bad) key, so only the key is wrong.
    private func keyEntry(_ bytes: [UInt8]) -> Entry {
        var fields = entry(keys.active.publicKey)
        fields[0].1 = q(kid(bytes))
        fields[1].1 = q(base64(bytes))
        return fields
    }

    private func set(_ entry: Entry, _ name: String, _ value: String) -> Entry {
        entry.map { $0.0 == name ? ($0.0, value) : $0 }
    }

    private func remove(_ entry: Entry, _ name: String) -> Entry { entry.filter { $0.0 != name } }

    private func q(_ text: String) -> String { "\"\(text)\"" }

    private func base64(_ bytes: [UInt8]) -> String { Data(bytes).base64EncodedString() }

    /// The key id of any bytes, even a length no key has.
    private func kid(_ bytes: [UInt8]) -> String {
        var hash = [UInt8](repeating: 0, count: 32)
        _ = crypto_generichash(&hash, 32, bytes, UInt64(bytes.count), nil, 0)
        return KeyID(bytes: hash.prefix(4))!.text
    }

    /// "é" (UTF-8 C3 A9) written as Latin-1 E9, which is not UTF-8.
    private func latin1(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var i = 0
        while i < bytes.count {
            if i + 1 < bytes.count, bytes[i] == 0xC3, bytes[i + 1] == 0xA9 {
                out.append(0xE9)
                i += 2
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        return out
    }

    private func list(_ entries: [Entry], format: String? = "\"passnum-trustlist/v1\"", extra: [(String, String)] = []) -> [UInt8] {
        let objects = entries.map { "    {" + $0.map { "\"\($0.0)\": \($0.1)" }.joined(separator: ", ") + "}" }
        var members = format.map { ["  \"format\": \($0)"] } ?? []
        members += extra.map { "  \"\($0.0)\": \($0.1)" }
        members.append(objects.isEmpty ? "  \"keys\": []" : "  \"keys\": [\n" + objects.joined(separator: ",\n") + "\n  ]")
        return raw("{\n" + members.joined(separator: ",\n") + "\n}")
    }

    private func raw(_ text: String) -> [UInt8] { Array((text + "\n").utf8) }

    private func good(_ name: String, _ comment: String, _ bytes: [UInt8]) -> Vector {
        Vector(name: name, expect: "valid", comment: comment, bytes: bytes)
    }

    private func bad(_ name: String, _ expect: String, _ comment: String, _ bytes: [UInt8]) -> Vector {
        Vector(name: name, expect: expect, comment: comment, bytes: bytes)
    }
}
