"""Verifies passnum passes (SPEC.md, format v1) offline.

    verifier = Verifier(trust_list_json)          # raises TrustListError (.code) if refused
    p = verifier.verify(text, at=unix_seconds)    # raises PassError (.code) if refused
    p.kid, p.serial, p.value_cents, p.expires, p.issuer

A list fetched from a place you do not trust is checked against the programme's root key first
(SPEC.md §14), then loaded as above:

    s = check_trust_list_signature(trust_list_json, signature_text, root_public_key)
    s.root_kid, s.signed_at                       # raises TrustListSignatureError (.code)

Ed25519 is libsodium's (through PyNaCl), which refuses non-canonical signatures and small-order
points as SPEC.md §6 asks. A pass is identified by (kid, serial): key spends by that pair.
"""
import base64
import binascii
import hashlib
import json
import re
from dataclasses import dataclass

import nacl.bindings
import nacl.exceptions
import nacl.signing

__all__ = ["Verifier", "Pass", "PassError", "TrustListError", "normalize_scan", "parse_time",
           "check_trust_list_signature", "ListSignature", "TrustListSignatureError",
           "TOKEN_REASONS", "TRUST_LIST_REASONS", "SIGNATURE_REASONS"]

#: Why a pass is refused, in the order of SPEC.md §6.
TOKEN_REASONS = ("malformed", "unsupported_version", "unknown_key", "key_revoked", "key_not_valid",
                 "bad_signature", "expired")
#: Why a trust list is refused, in the order of SPEC.md §7.1.
TRUST_LIST_REASONS = ("not_json", "missing_field", "wrong_type", "wrong_format", "bad_kid", "bad_base64",
                      "bad_key", "kid_mismatch", "bad_time", "bad_validity", "unknown_status", "duplicate_kid",
                      "bad_issuer")

#: Why a trust list's signature is refused, in the order of SPEC.md §14.2.
SIGNATURE_REASONS = ("bad_root_key", "malformed_signature", "wrong_root", "bad_list_signature")

DOMAIN = b"pass-numerique:v1"
SIGNATURE_DOMAIN = b"passnum-trustlist-signature:v1"
SIGNATURE_PREFIX = "pnt1."
FIELDS = ("kid", "publicKey", "issuer", "notBefore", "notAfter", "status")
ISSUER_LIMIT = 100  # Unicode scalars (SPEC.md §7.2)
_SURROGATE = re.compile("[\ud800-\udfff]")
TIME = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})Z")
KID = re.compile(r"[0-9a-f]{8}")


class PassError(Exception):
    """A refused pass; `code` is one of TOKEN_REASONS."""

    def __init__(self, code, message):
        super().__init__(f"{code}: {message}")
        self.code = code


class TrustListError(Exception):
    """A trust list that must not be used; `code` is one of TRUST_LIST_REASONS."""

    def __init__(self, code, message):
        super().__init__(f"{code}: {message}")
        self.code = code


class TrustListSignatureError(Exception):
    """A trust list the root key did not sign as it is; `code` is one of SIGNATURE_REASONS."""

    def __init__(self, code, message):
        super().__init__(f"{code}: {message}")
        self.code = code


@dataclass(frozen=True)
class ListSignature:
    """A genuine signature of a trust list by the root key (SPEC.md §14)."""
    root_kid: str
    signed_at: int  # Unix seconds


@dataclass(frozen=True)
class Pass:
    """A pass that passed every check of SPEC.md §6 at the time given."""
    kid: str
    serial: int
    value_cents: int
    expires: int  # Unix seconds: the pass is invalid at and after this instant
    issuer: str


@dataclass(frozen=True)
class _Key:
    verify_key: nacl.signing.VerifyKey
    issuer: str
    not_before: int
    not_after: int
    status: str


class Verifier:
    """Offline verification against one trust list; immutable, safe to share between threads."""

    def __init__(self, trust_list_json):
        self._keys = _load(trust_list_json)

    def verify(self, text, at):
        """Checks `text` (200 digits) at `at` (Unix seconds) in the order of SPEC.md §6."""
        token = _decode(text)
        kid = token[1:5].hex()
        key = self._keys.get(kid)
        if key is None:
            raise PassError("unknown_key", f"no key {kid} in the trust list")
        if key.status != "active":
            raise PassError("key_revoked", f"key {kid} of {key.issuer} has been revoked")
        if not key.not_before <= at <= key.not_after:
            raise PassError("key_not_valid", f"key {kid} is not valid at this time")
        try:
            key.verify_key.verify(DOMAIN + token[:19], token[19:])
        except nacl.exceptions.BadSignatureError:
            raise PassError("bad_signature", "the signature does not match: the pass was altered or forged") from None
        expires = int.from_bytes(token[15:19], "big")
        if not at < expires:
            raise PassError("expired", "the pass has expired")
        return Pass(kid, int.from_bytes(token[5:11], "big"), int.from_bytes(token[11:15], "big"), expires, key.issuer)


def check_trust_list_signature(trust_list_json, signature, root_public_key):
    """SPEC.md §14.2: the root key (32 bytes, or the base64 text of its .pub file) signed exactly
    these bytes. `signature` is the text of trustlist.json.sig or of the
    Passnum-Trust-List-Signature header (str or bytes; blanks around it are ignored). It does
    not load the list: give the same bytes to Verifier once the signature is genuine."""
    root = _strict_base64(root_public_key.strip(" \t\r\n")) if isinstance(root_public_key, str) else bytes(root_public_key)
    if root is None or len(root) != 32 or not nacl.bindings.crypto_core_ed25519_is_valid_point(root):
        raise TrustListSignatureError("bad_root_key", "the root public key is not a valid Ed25519 public key")
    text = signature.decode("utf-8", "replace") if isinstance(signature, (bytes, bytearray)) else signature
    text = text.strip(" \t\r\n")
    body = _strict_base64(text[len(SIGNATURE_PREFIX):]) if text.startswith(SIGNATURE_PREFIX) else None
    if body is None or len(body) != 72:
        raise TrustListSignatureError("malformed_signature", f"the signature is not {SIGNATURE_PREFIX} and the base64 of 72 bytes")
    root_kid = hashlib.blake2b(root, digest_size=32).digest()[:4]
    if body[:4] != root_kid:
        raise TrustListSignatureError("wrong_root", f"signed by root key {body[:4].hex()}, not by the pinned root key {root_kid.hex()}")
    try:
        nacl.signing.VerifyKey(root).verify(SIGNATURE_DOMAIN + body[:8] + bytes(trust_list_json), body[8:])
    except nacl.exceptions.BadSignatureError:
        raise TrustListSignatureError("bad_list_signature", "the signature does not match the list's bytes") from None
    return ListSignature(root_kid.hex(), int.from_bytes(body[4:8], "big"))


def _decode(text):
    """SPEC.md §6 steps 1 to 6: the 83 bytes of a strictly written text."""
    if not isinstance(text, str) or len(text) != 200 or not all("0" <= c <= "9" for c in text):
        raise PassError("malformed", "a pass is 200 digits")
    number = int(text)
    if number >= 1 << 664:
        raise PassError("malformed", "the number is too large for a pass")
    token = number.to_bytes(83, "big")
    if token[0] != 1:
        raise PassError("unsupported_version", f"version {token[0]} is not supported")
    if int.from_bytes(token[5:11], "big") == 0 or int.from_bytes(token[11:15], "big") == 0:
        raise PassError("malformed", "serial 0 and value 0 are not allowed")
    return token


def normalize_scan(text):
    """SPEC.md §8: the digits a keyboard-emulating scanner meant, or None if unreadable."""
    digits = []
    for c in text:
        if c in " \t\r\n\u00a0\u202f":
            continue
        if "0" <= c <= "9":
            digits.append(c)
        elif c in _AZERTY:
            digits.append(str(_AZERTY.index(c)))
        else:
            return None
    return "".join(digits)


_AZERTY = "\u00e0&\u00e9\"'(-\u00e8_\u00e7"


def parse_time(text):
    """`YYYY-MM-DDTHH:MM:SSZ` (SPEC.md §1) as Unix seconds, or None for any other text."""
    m = TIME.fullmatch(text)
    if not m:
        return None
    year, month, day, hour, minute, second = map(int, m.groups())
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    month_days = (31, 29 if leap else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
    if not (1 <= month <= 12 and 1 <= day <= month_days[month - 1] and hour < 24 and minute < 60 and second < 60):
        return None
    y = year - (month <= 2)
    era = y // 400
    yoe = y - era * 400
    doy = (153 * (month - 3 if month > 2 else month + 9) + 2) // 5 + day - 1
    days = era * 146097 + yoe * 365 + yoe // 4 - yoe // 100 + doy - 719468
    return days * 86400 + hour * 3600 + minute * 60 + second


def _load(raw):
    """SPEC.md §7.1, step by step: the first failure refuses the whole list."""
    doc = _parse(raw)
    if not isinstance(doc, dict):
        raise TrustListError("wrong_type", "the trust list must be a JSON object")
    if _member(doc, "format", str, "the trust list") != "passnum-trustlist/v1":
        raise TrustListError("wrong_format", f"format is {doc['format']!r}, expected 'passnum-trustlist/v1'")
    keys = {}
    for index, entry in enumerate(_member(doc, "keys", list, "the trust list"), start=1):
        kid, key = _entry(entry, f"key #{index}")
        if kid in keys:
            raise TrustListError("duplicate_kid", f"key id {kid} appears more than once")
        _check_issuer(key.issuer, f"key #{index} ({kid})")
        keys[kid] = key
    return keys


def _check_issuer(issuer, at):
    """Step 8.13: 1 to 100 Unicode scalars (SPEC.md §7.2); len() of a str counts them."""
    if not 1 <= len(issuer) <= ISSUER_LIMIT:
        raise TrustListError("bad_issuer", f"{at}: issuer must be 1 to {ISSUER_LIMIT} Unicode characters, not {len(issuer)}")


def _parse(raw):
    if isinstance(raw, (bytes, bytearray, memoryview)):
        raw = bytes(raw)
        if raw.startswith(b"\xef\xbb\xbf"):
            raise TrustListError("not_json", "the trust list starts with a byte-order mark")
        try:
            raw = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise TrustListError("not_json", "the trust list is not UTF-8") from None
    try:
        # NaN and Infinity are not JSON (RFC 8259), though the json module accepts them.
        doc = json.loads(raw, parse_constant=_not_json)
    except ValueError:
        raise TrustListError("not_json", "the trust list is not valid JSON") from None
    if _has_lone_surrogate(doc):
        raise TrustListError("not_json", "the trust list has an escaped surrogate that is not half of a pair")
    return doc


def _has_lone_surrogate(value):
    """SPEC.md §7.1 step 1 (I-JSON): json.loads joins escaped pairs, so a surrogate left is alone."""
    if isinstance(value, str):
        return _SURROGATE.search(value) is not None
    if isinstance(value, dict):
        return any(_has_lone_surrogate(k) or _has_lone_surrogate(v) for k, v in value.items())
    return isinstance(value, list) and any(_has_lone_surrogate(v) for v in value)


def _not_json(constant):
    raise ValueError(f"{constant} is not JSON")


def _member(obj, name, kind, where):
    if name not in obj:
        raise TrustListError("missing_field", f'{where}: missing field "{name}"')
    if not isinstance(obj[name], kind):
        raise TrustListError("wrong_type", f"{where}: {name} must be a {kind.__name__}")
    return obj[name]


def _entry(entry, where):
    if not isinstance(entry, dict):
        raise TrustListError("wrong_type", f"{where} must be a JSON object")
    f = {name: _member(entry, name, str, where) for name in FIELDS}
    at = f"{where} ({f['kid']})"
    if not KID.fullmatch(f["kid"]):
        raise TrustListError("bad_kid", f"{at}: kid must be 8 lowercase hex digits")
    public_key = _strict_base64(f["publicKey"])
    if public_key is None:
        raise TrustListError("bad_base64", f"{at}: publicKey must be strict standard base64")
    if len(public_key) != 32 or not nacl.bindings.crypto_core_ed25519_is_valid_point(public_key):
        raise TrustListError("bad_key", f"{at}: publicKey is not a valid Ed25519 public key")
    if hashlib.blake2b(public_key, digest_size=32).digest()[:4].hex() != f["kid"]:
        raise TrustListError("kid_mismatch", f"{at}: kid does not match its public key")
    not_before, not_after = parse_time(f["notBefore"]), parse_time(f["notAfter"])
    if not_before is None or not_after is None:
        raise TrustListError("bad_time", f"{at}: times are written exactly as 2026-11-01T00:00:00Z")
    if not_before > not_after:
        raise TrustListError("bad_validity", f"{at}: notBefore is after notAfter")
    if f["status"] not in ("active", "revoked"):
        raise TrustListError("unknown_status", f'{at}: status must be "active" or "revoked"')
    return f["kid"], _Key(nacl.signing.VerifyKey(public_key), f["issuer"], not_before, not_after, f["status"])


def _strict_base64(text):
    """SPEC.md §1: the bytes only if encoding them again gives the same text."""
    if not text.isascii():
        return None
    try:
        raw = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        return None
    return raw if base64.b64encode(raw).decode("ascii") == text else None
