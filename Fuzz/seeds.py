#!/usr/bin/env python3
"""Seed corpora for the fuzz targets, from Vectors/ (run from the repository's root).

Usage: Fuzz/seeds.py OUT — writes OUT/<target>/seed-N for each target of scripts/fuzz.sh.
Key files have no vector (a secret key is never checked in), so two are made here with PyNaCl:
one in clear, one sealed under the passphrase "fuzz" at Argon2id's smallest cost.
"""
import base64, datetime, glob, hashlib, json, os, struct, sys

import nacl.bindings as sodium
import nacl.pwhash


def fields(path):
    out = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if ": " in line and not line.startswith("#"):
                key, value = line.rstrip("\n").split(": ", 1)
                out.setdefault(key, value)
    return out


def token_vectors():
    for path in sorted(glob.glob("Vectors/*.txt")):
        f = fields(path)
        if "token" in f:
            yield f


def seconds(text):
    when = datetime.datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=datetime.timezone.utc)
    return int(when.timestamp())


def key_files():
    seed = hashlib.blake2b(b"passnum fuzz seed key", digest_size=32).digest()
    public, _ = sodium.crypto_sign_seed_keypair(seed)
    kid = hashlib.blake2b(public, digest_size=32).digest()[:4]
    header = b"PNSECKEY" + bytes([1, 0]) + kid + public
    clear = header + seed
    ops, mem = nacl.pwhash.argon2id.OPSLIMIT_MIN, nacl.pwhash.argon2id.MEMLIMIT_MIN
    salt, nonce = bytes(16), bytes(24)
    head = b"PNSECKEY" + bytes([1, 1]) + kid + public + struct.pack(">QQ", ops, mem) + salt + nonce
    wrap = nacl.pwhash.argon2id.kdf(32, b"fuzz", salt, opslimit=ops, memlimit=mem)
    sealed = head + sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(seed, head, nonce, wrap)
    return [clear, sealed, sealed[:-1], clear[:50]]


def receipts():
    f = fields("Vectors/service/receipt.txt")
    text = f["receipt"]
    body = text[len("pnr1."):]
    raw = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
    return [text.encode(), raw[:-64]]


def requests():
    token = fields("Vectors/valid-basic.txt")["token"]
    bodies = [
        (0, {"token": token}), (0, {"token": "12"}),
        (1, {"kid": "eb8012db", "first": 1, "last": 281474976710655, "reason": "lost"}),
        (1, {"kid": "eb8012db", "first": 1, "reason": "lost"}),
        (2, {"items": [{"token": token, "scannedAt": "2027-06-01T12:00:00.123Z"}]}),
        (2, {"items": []}),
        # Found by the fuzzer: a day before 1582 that Foundation wrote in the Julian calendar.
        (2, {"items": [{"token": "", "scannedAt": "1500-03-10T12:00:23Z"}]}),
    ]
    out = [bytes([route]) + json.dumps(body, separators=(",", ":")).encode() for route, body in bodies]
    out.append(bytes([0]) + b'{"token":"%s"}' % token.encode())
    return out


def corpora():
    tokens = list(token_vectors())
    scanner = [bytes.fromhex(fields(p)["input-hex"]) for p in sorted(glob.glob("Vectors/scanner/*.txt"))]
    numbers = json.load(open("Vectors/pass-numbers.json"))
    typed = [e["typed"] for e in numbers["invalid"]] + [t for e in numbers["valid"] for t in e["typed"]]
    lists = [open(p, "rb").read() for p in ["Vectors/trustlist.json"] + sorted(glob.glob("Vectors/trustlists/*.json"))]
    return {
        "token-decode": [t["token"].encode() for t in tokens] + [t.encode() for t in typed],
        "verify": [struct.pack(">q", seconds(t["at"])) + t["token"].encode() for t in tokens if "at" in t],
        "trustlist": lists,
        "scantext": scanner,
        "keyfile": key_files(),
        "receipt": receipts(),
        "requests": requests(),
    }


def main(out):
    for target, seeds in corpora().items():
        os.makedirs(os.path.join(out, target), exist_ok=True)
        for n, seed in enumerate(seeds):
            with open(os.path.join(out, target, "seed-%d" % n), "wb") as f:
                f.write(seed)


if __name__ == "__main__":
    main(sys.argv[1])
