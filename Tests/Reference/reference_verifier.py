#!/usr/bin/env python3
"""An independent passnum v1 verifier, written from SPEC.md alone (Python, OpenSSL's Ed25519
through `cryptography`, hashlib's BLAKE2b, the curve checks in plain integers). It shares no code
with the Swift library or the bindings; the test suite runs it on every vector in Vectors/
(passes, trust lists, scanner inputs) so the implementations must agree.

Usage: reference_verifier.py VECTORS_DIR   (prints one line per vector, exit 1 on disagreement)
"""
import base64
import binascii
import datetime
import hashlib
import json
import pathlib
import re
import sys

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

DOMAIN = b"pass-numerique:v1"


class Reject(Exception):
    pass


# SPEC §1: times are exactly YYYY-MM-DDTHH:MM:SSZ. Python's own parser accepts more.
TIME = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})Z")
EPOCH = datetime.date(1970, 1, 1).toordinal()


def parse_time(text):
    m = TIME.fullmatch(text)
    if not m or int(m[4]) > 23 or int(m[5]) > 59 or int(m[6]) > 59:
        return None
    try:
        # The calendar repeats every 400 years (146,097 days); datetime has no year 0.
        year = int(m[1])
        day = datetime.date(year % 400 + 400, int(m[2]), int(m[3])).toordinal() + (year // 400 - 1) * 146097
    except ValueError:
        return None
    return (day - EPOCH) * 86400 + int(m[4]) * 3600 + int(m[5]) * 60 + int(m[6])


def key_id(public_key):
    return hashlib.blake2b(public_key, digest_size=32).digest()[:4].hex()


def strict_base64(text):
    """SPEC §1: the bytes, only if encoding them again gives the same text."""
    try:
        raw = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        return None
    return raw if base64.b64encode(raw).decode() == text else None


# SPEC §7.1 step 8.6: a canonical point of prime order, not of small order. Edwards25519 in
# extended coordinates with plain integers: slow, but a trust list has a few keys.
P = 2**255 - 19
L = 2**252 + 27742317777372353535851937790883648493
D = -121665 * pow(121666, P - 2, P) % P
SQRT_M1 = pow(2, (P - 1) // 4, P)


def decompress(b):
    y = int.from_bytes(b, "little") & ((1 << 255) - 1)
    sign = b[31] >> 7
    if y >= P:
        return None
    u, v = (y * y - 1) % P, (D * y * y + 1) % P
    x = u * pow(v, 3, P) * pow(u * pow(v, 7, P), (P - 5) // 8, P) % P
    if v * x * x % P == (-u) % P:
        x = x * SQRT_M1 % P
    if v * x * x % P != u:
        return None
    if x == 0 and sign:
        return None
    if x & 1 != sign:
        x = P - x
    return (x, y, 1, x * y % P)


def add(p, q):
    x1, y1, z1, t1 = p
    x2, y2, z2, t2 = q
    a, b = (y1 - x1) * (y2 - x2) % P, (y1 + x1) * (y2 + x2) % P
    c, d = 2 * D * t1 * t2 % P, 2 * z1 * z2 % P
    e, f, g, h = b - a, d - c, d + c, b + a
    return (e * f % P, g * h % P, f * g % P, e * h % P)


def multiply(point, n):
    result = (0, 1, 1, 0)
    while n:
        if n & 1:
            result = add(result, point)
        point = add(point, point)
        n >>= 1
    return result


def is_neutral(point):
    x, y, z, _ = point
    return x % P == 0 and (y - z) % P == 0


def valid_public_key(b):
    point = decompress(b)
    return point is not None and not is_neutral(multiply(point, 8)) and is_neutral(multiply(point, L))


SMALL_ORDER_Y = {0, 1, P - 1, int.from_bytes(bytes.fromhex(
    "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05"), "little"),
    int.from_bytes(bytes.fromhex("c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a"), "little")}


def member(obj, name, kind):
    if name not in obj:
        raise Reject("missing_field")
    if not isinstance(obj[name], kind):
        raise Reject("wrong_type")
    return obj[name]


def not_json(_):
    raise Reject("not_json")


def has_lone_surrogate(value):
    """SPEC §7.1 step 1: json.loads joins escaped pairs, so any surrogate left is alone."""
    if isinstance(value, str):
        return any("\ud800" <= c <= "\udfff" for c in value)
    if isinstance(value, dict):
        return any(has_lone_surrogate(k) or has_lone_surrogate(v) for k, v in value.items())
    return isinstance(value, list) and any(has_lone_surrogate(v) for v in value)


def load_trust_list(raw):
    """SPEC §7.1, step by step."""
    try:
        if raw.startswith(b"\xef\xbb\xbf"):
            raise ValueError("byte-order mark")
        doc = json.loads(raw.decode("utf-8"), parse_constant=not_json)
    except ValueError:
        raise Reject("not_json")
    if has_lone_surrogate(doc):
        raise Reject("not_json")
    if not isinstance(doc, dict):
        raise Reject("wrong_type")
    if member(doc, "format", str) != "passnum-trustlist/v1":
        raise Reject("wrong_format")
    keys = {}
    for entry in member(doc, "keys", list):
        if not isinstance(entry, dict):
            raise Reject("wrong_type")
        f = {name: member(entry, name, str) for name in ("kid", "publicKey", "issuer", "notBefore", "notAfter", "status")}
        if not re.fullmatch(r"[0-9a-f]{8}", f["kid"]):
            raise Reject("bad_kid")
        public_key = strict_base64(f["publicKey"])
        if public_key is None:
            raise Reject("bad_base64")
        if len(public_key) != 32 or not valid_public_key(public_key):
            raise Reject("bad_key")
        if key_id(public_key) != f["kid"]:
            raise Reject("kid_mismatch")
        not_before, not_after = parse_time(f["notBefore"]), parse_time(f["notAfter"])
        if not_before is None or not_after is None:
            raise Reject("bad_time")
        if not_before > not_after:
            raise Reject("bad_validity")
        if f["status"] not in ("active", "revoked"):
            raise Reject("unknown_status")
        if f["kid"] in keys:
            raise Reject("duplicate_kid")
        if not 1 <= len(f["issuer"]) <= 100:  # Unicode scalars (SPEC §7.2)
            raise Reject("bad_issuer")
        keys[f["kid"]] = dict(f, publicKey=public_key, notBefore=not_before, notAfter=not_after)
    return keys


def decode(text):
    """SPEC §5: strict decoding of the 200-digit text."""
    if len(text) != 200 or not all("0" <= c <= "9" for c in text):
        raise Reject("malformed")
    number = int(text)
    if number >= 1 << 664:
        raise Reject("malformed")
    token = number.to_bytes(83, "big")
    payload, signature = token[:19], token[19:]
    if payload[0] != 1:
        raise Reject("unsupported_version")
    serial = int.from_bytes(payload[5:11], "big")
    value = int.from_bytes(payload[11:15], "big")
    if serial == 0 or value == 0:
        raise Reject("malformed")
    return payload, signature, serial, value, int.from_bytes(payload[15:19], "big")


def verify(text, keys, at):
    """SPEC §6: the checks, in order."""
    payload, signature, serial, value, expiry = decode(text)
    key = keys.get(payload[1:5].hex())
    if key is None:
        raise Reject("unknown_key")
    if key["status"] != "active":
        raise Reject("key_revoked")
    if not key["notBefore"] <= at <= key["notAfter"]:
        raise Reject("key_not_valid")
    # SPEC §6 step 10: OpenSSL checks S < L and the equation, not a small-order R.
    r_y = int.from_bytes(signature[:32], "little") & ((1 << 255) - 1)
    if int.from_bytes(signature[32:], "little") >= L or r_y in SMALL_ORDER_Y:
        raise Reject("bad_signature")
    try:
        Ed25519PublicKey.from_public_bytes(key["publicKey"]).verify(signature, DOMAIN + payload)
    except InvalidSignature:
        raise Reject("bad_signature")
    if at >= expiry:
        raise Reject("expired")
    return serial, value, expiry


DAMM = ["0317598642", "7092154863", "4206871359", "1750983426", "6123045978",
        "3674209581", "5869720134", "8945362017", "9438617205", "2581436790"]


def damm(digits):
    interim = 0
    for d in digits:
        interim = int(DAMM[interim][int(d)])
    return interim


def pass_number(kid, serial):
    """SPEC §11: the printed number of (kid, serial)."""
    series = "%03d" % (int(kid, 16) % 1000)
    serial_digits = str(serial).zfill(6)
    groups = []
    while serial_digits:
        groups.insert(0, serial_digits[-3:])
        serial_digits = serial_digits[:-3]
    return f"{series} {' '.join(groups)}-{damm(series + str(serial).zfill(6))}"


def read_pass_number(typed):
    """SPEC §11: (series, serial) of a typed number, or Reject."""
    digits = "".join(c for c in typed if c not in " \u00a0\u202f-.")
    if not all("0" <= c <= "9" for c in digits) or not 10 <= len(digits) <= 19 or damm(digits) != 0:
        raise Reject("malformed")
    serial_part = digits[3:-1]
    if len(serial_part) > 6 and serial_part[0] == "0":
        raise Reject("malformed")
    if not 1 <= int(serial_part) < 1 << 48:
        raise Reject("malformed")
    return digits[:3], int(serial_part)


def check_pass_numbers(path):
    """Every case of pass-numbers.json; returns the number of disagreements."""
    doc = json.loads(path.read_text(encoding="utf-8"))
    bad = 0
    for case in doc["valid"]:
        expected = (case["series"], case["serial"])
        ok = pass_number(case["kid"], case["serial"]) == case["number"]
        ok = ok and all(read_pass_number(t) == expected for t in [case["number"]] + case["typed"])
        bad += not ok
    for case in doc["invalid"]:
        try:
            read_pass_number(case["typed"])
            bad += 1
        except Reject:
            pass
    print(f"pass numbers: {len(doc['valid']) + len(doc['invalid']) - bad} agreed, {bad} disagreed")
    return bad


AZERTY = "à&é\"'(-è_ç"


# SPEC §8: blanks removed, the AZERTY digit row mapped back, then nothing but ASCII digits.
SCAN = {ord(c): None for c in " \t\r\n\u00a0\u202f"} | {ord(c): str(digit) for digit, c in enumerate(AZERTY)}


def normalize_scan(text):
    cleaned = text.translate(SCAN)
    return cleaned if re.fullmatch("[0-9]*", cleaned) else None


def fields_of(path):
    return dict(line.split(": ", 1) for line in path.read_text(encoding="utf-8").splitlines() if ": " in line)


def report(kind, results):
    bad = sum(not ok for ok in results)
    print(f"{kind}: {len(results) - bad} agreed, {bad} disagreed")
    return bad


def check_passes(folder, keys):
    results = []
    for path in sorted(folder.glob("*.txt")):
        fields = fields_of(path)
        try:
            serial, value, expiry = verify(fields["token"], keys, parse_time(fields["at"]))
            got = "valid"
            if fields["expect"] == "valid" and (str(serial), str(value)) != (fields["serial"], fields["valueCents"]):
                got = "valid-but-fields-differ"
        except Reject as reason:
            got = str(reason)
        results.append(got == fields["expect"])
        print(f"{'ok ' if results[-1] else 'BAD'} {path.name}: expect {fields['expect']}, got {got}")
    return results


def check_trust_lists(folder):
    results = []
    for path in sorted(folder.glob("*.txt")):
        expect = fields_of(path)["expect"]
        try:
            load_trust_list(path.with_suffix(".json").read_bytes())
            got = "valid"
        except Reject as reason:
            got = str(reason)
        results.append(got == expect)
        print(f"{'ok ' if results[-1] else 'BAD'} trustlists/{path.name}: expect {expect}, got {got}")
    return results


def check_scans(folder):
    results = []
    for path in sorted(folder.glob("*.txt")):
        fields = fields_of(path)
        got = normalize_scan(bytes.fromhex(fields["input-hex"]).decode("utf-8"))
        results.append((got if got is not None else "unreadable") == fields["expect"])
        print(f"{'ok ' if results[-1] else 'BAD'} scanner/{path.name}")
    return results


def main(folder):
    folder = pathlib.Path(folder)
    keys = load_trust_list((folder / "trustlist.json").read_bytes())
    passes = check_passes(folder, keys)
    lists = check_trust_lists(folder / "trustlists")
    scans = check_scans(folder / "scanner")
    disagreements = report("passes", passes) + report("trust lists", lists) + report("scanner inputs", scans)
    print(f"{len(passes) - sum(not ok for ok in passes)} agreed, {sum(not ok for ok in passes)} disagreed")
    if (folder / "pass-numbers.json").exists():
        disagreements += check_pass_numbers(folder / "pass-numbers.json")
    return 1 if disagreements or not passes or not lists or not scans else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
