#!/usr/bin/env python3
"""An independent passnum v1 verifier, written from SPEC.md alone (Python, OpenSSL's Ed25519
through `cryptography`, hashlib's BLAKE2b). It shares no code with the Swift library; the test
suite runs it on every vector in Vectors/ so the two implementations must agree.

Usage: reference_verifier.py VECTORS_DIR   (prints one line per vector, exit 1 on disagreement)
"""
import base64
import datetime
import hashlib
import json
import pathlib
import sys

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

DOMAIN = b"pass-numerique:v1"


class Reject(Exception):
    pass


def parse_time(text):
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()


def key_id(public_key):
    return hashlib.blake2b(public_key, digest_size=32).digest()[:4].hex()


def load_trust_list(path):
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert doc["format"] == "passnum-trustlist/v1"
    keys = {}
    for entry in doc["keys"]:
        public_key = base64.b64decode(entry["publicKey"], validate=True)
        assert len(public_key) == 32 and key_id(public_key) == entry["kid"], entry["kid"]
        assert entry["kid"] not in keys
        keys[entry["kid"]] = dict(entry, publicKey=public_key,
                                  notBefore=parse_time(entry["notBefore"]), notAfter=parse_time(entry["notAfter"]))
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


def main(folder):
    folder = pathlib.Path(folder)
    keys = load_trust_list(folder / "trustlist.json")
    disagreements = 0
    vectors = sorted(p for p in folder.glob("*.txt"))
    for path in vectors:
        fields = dict(line.split(": ", 1) for line in path.read_text(encoding="utf-8").splitlines() if ": " in line)
        try:
            serial, value, expiry = verify(fields["token"], keys, parse_time(fields["at"]))
            got = "valid"
            if fields["expect"] == "valid" and (str(serial), str(value)) != (fields["serial"], fields["valueCents"]):
                got = "valid-but-fields-differ"
        except Reject as reason:
            got = str(reason)
        ok = got == fields["expect"]
        disagreements += not ok
        print(f"{'ok ' if ok else 'BAD'} {path.name}: expect {fields['expect']}, got {got}")
    print(f"{len(vectors) - disagreements} agreed, {disagreements} disagreed")
    if (folder / "pass-numbers.json").exists():
        disagreements += check_pass_numbers(folder / "pass-numbers.json")
    return 1 if disagreements or not vectors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
