#!/usr/bin/env python3
"""The cross-check of issue 11: every pass vector and N random valid and tampered tokens, then
every trust list and signed trust list of Vectors/, through the four verifiers (Swift: the
passnum CLI; C: libpassverify; Python: passverify; JavaScript: passverify.mjs), which must give
the same verdict, reason and fields for every one.

Usage: crosscheck.py --passnum BIN --c-driver BIN [--count 10000] [--seed N]
Exit 1 on any disagreement (the first ones are printed with the seed to replay them).
"""
import argparse
import base64
import datetime
import hashlib
import json
import pathlib
import random
import subprocess
import sys
import tempfile

import nacl.bindings as sodium
import passverify

ROOT = pathlib.Path(__file__).resolve().parents[2]
VECTORS = ROOT / "Vectors"
DOMAIN = b"pass-numerique:v1"
L = 2**252 + 27742317777372353535851937790883648493
AT = [passverify.parse_time(t) for t in (
    "2027-06-01T12:00:00Z", "2025-06-01T00:00:00Z", "2026-01-01T00:00:00Z", "2030-12-31T23:59:59Z",
    "2031-01-01T00:00:00Z", "2023-12-31T23:59:59Z")]


class Key:
    """A vector key of SPEC.md §9: seed = BLAKE2b-256("passnum test vector key X")."""

    def __init__(self, letter):
        self.seed = hashlib.blake2b(f"passnum test vector key {letter}".encode(), digest_size=32).digest()
        self.public, self.secret = sodium.crypto_sign_seed_keypair(self.seed)
        self.kid = hashlib.blake2b(self.public, digest_size=32).digest()[:4]

    def sign(self, payload):
        return sodium.crypto_sign(DOMAIN + payload, self.secret)[:64]

    def sign_neutral_r(self, payload):
        """R = the neutral point, S = k·a: the equation holds, libsodium refuses it (SPEC §6)."""
        r = b"\x01" + bytes(31)
        a = bytearray(hashlib.sha512(self.seed).digest()[:32])
        a[0] &= 248
        a[31] = a[31] & 127 | 64
        a = sodium.crypto_core_ed25519_scalar_reduce(bytes(a) + bytes(32))
        k = sodium.crypto_core_ed25519_scalar_reduce(hashlib.sha512(r + self.public + DOMAIN + payload).digest())
        return r + sodium.crypto_core_ed25519_scalar_mul(k, a)


KEYS = {letter: Key(letter) for letter in "ABCD"}


def text_of(token):
    return str(int.from_bytes(token, "big")).zfill(200)


def payload(key, serial, value, expiry, version=1):
    return bytes([version]) + key.kid + serial.to_bytes(6, "big") + value.to_bytes(4, "big") + expiry.to_bytes(4, "big")


def random_case(rng):
    """(at, text): a valid pass, or one with a single random defect."""
    at = rng.choice(AT[:1] * 5 + AT)  # mostly a time when key A is usable
    key = KEYS[rng.choice("AAAAABCD")]
    delta = rng.choice([-1, 0, 1, rng.randint(-10**8, 10**8)] + [rng.randint(2, 10**8)] * 4)  # mostly unexpired
    expiry = max(1, min(2**32 - 1, at + delta))
    serial = rng.choice([1, 2**48 - 1, rng.randint(1, 2**48 - 1)])
    value = rng.choice([1, 2**32 - 1, rng.randint(1, 100_000)])
    p = payload(key, serial, value, expiry)
    token = p + key.sign(p)
    kind = rng.randrange(16)  # 0 and 9 to 15: left valid
    if kind == 1:  # one bit flipped anywhere
        bit = rng.randrange(83 * 8)
        token = bytearray(token)
        token[bit // 8] ^= 1 << (bit % 8)
    elif kind == 2:  # S + L
        token = p + token[19:51] + (int.from_bytes(token[51:], "little") + L).to_bytes(32, "little")
    elif kind == 3:  # the neutral point as R
        token = p + key.sign_neutral_r(p)
    elif kind == 4:  # signed, but version, serial or value out of the format
        field = rng.choice(["version", "serial", "value"])
        p = payload(key, 0 if field == "serial" else serial, 0 if field == "value" else value, expiry,
                    rng.randint(2, 255) if field == "version" else 1)
        token = p + key.sign(p)
    text = text_of(token)
    if kind == 5:  # one digit changed
        i = rng.randrange(200)
        text = text[:i] + rng.choice("0123456789") + text[i + 1:]
    elif kind == 6:  # one digit dropped or added
        i = rng.randrange(200)
        text = text[:i] + text[i + 1:] if rng.random() < 0.5 else text[:i] + rng.choice("0123456789") + text[i:]
    elif kind == 7:  # a character that is not a digit
        i = rng.randrange(200)
        text = text[:i] + rng.choice("Ax+-.é٣") + text[i + 1:]
    elif kind == 8:  # any 200 digits (mostly 2^664 or more, or a wrong version)
        text = "".join(rng.choice("0123456789") for _ in range(200))
    return at, text


def vector_cases():
    cases = []
    for path in sorted(VECTORS.glob("*.txt")):
        fields = dict(line.split(": ", 1) for line in path.read_text(encoding="utf-8").splitlines() if ": " in line)
        cases.append((passverify.parse_time(fields["at"]), fields["token"]))
    return cases


def python_verdicts(cases):
    verifier = passverify.Verifier((VECTORS / "trustlist.json").read_bytes())
    out = []
    for at, text in cases:
        try:
            p = verifier.verify(text, at)
            out.append(f"valid {p.kid} {p.serial} {p.value_cents} {p.expires}")
        except passverify.PassError as e:
            out.append(e.code)
    return out


def swift_verdicts(cases, passnum):
    """The passnum CLI, once per verification time, tokens on standard input."""
    out = [None] * len(cases)
    for at in sorted({at for at, _ in cases}):
        indices = [i for i, (t, _) in enumerate(cases) if t == at]
        iso = datetime.datetime.fromtimestamp(at, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        run = subprocess.run([passnum, "verify", "--json", "--at", iso, "--trust-list", str(VECTORS / "trustlist.json"), "-"],
                             input="".join(cases[i][1] + "\n" for i in indices), capture_output=True, text=True)
        lines = run.stdout.splitlines()
        if len(lines) != len(indices):
            sys.exit(f"passnum verify gave {len(lines)} lines for {len(indices)} tokens: {run.stderr}")
        for i, line in zip(indices, lines):
            r = json.loads(line)
            out[i] = (f"valid {r['kid']} {r['serial']} {r['valueCents']} {passverify.parse_time(r['expires'])}"
                      if r["valid"] else r["reason"])
    return out


def external_verdicts(command, cases, folder):
    corpus = folder / "corpus.txt"
    corpus.write_text("".join(f"{at} {text}\n" for at, text in cases), encoding="utf-8")
    run = subprocess.run(command + [str(VECTORS / "trustlist.json"), str(corpus)], capture_output=True, text=True, check=True)
    return run.stdout.splitlines()


SIGNED = VECTORS / "trustlists" / "signed"


def signed_list_disagreements(passnum, c_driver):
    """Every signed-list vector (SPEC.md §14) through the four checks; returns the disagreements."""
    disagreements = 0
    with tempfile.TemporaryDirectory() as folder:
        for txt in sorted(SIGNED.glob("*.txt")):
            fields = dict(line.split(": ", 1) for line in txt.read_text(encoding="utf-8").splitlines() if ": " in line)
            list_path, sig_path = txt.with_suffix(".json"), txt.with_suffix(".sig")
            root = base64.b64decode(fields["root-public-key"])
            root_file = pathlib.Path(folder) / "root.pub"
            root_file.write_text(fields["root-public-key"] + "\n", encoding="ascii")
            expected = (f"valid {fields['root-kid']} {passverify.parse_time(fields['signed-at'])}"
                        if fields["expect"] == "valid" else fields["expect"])
            run = subprocess.run([passnum, "trustlist", "verify", "--json", "--trust-root", str(root_file),
                                  "--in", str(list_path), "--signature", str(sig_path)], capture_output=True, text=True)
            r = json.loads(run.stdout)
            try:
                s = passverify.check_trust_list_signature(list_path.read_bytes(), sig_path.read_bytes(), root)
                python = f"valid {s.root_kid} {s.signed_at}"
            except passverify.TrustListSignatureError as e:
                python = e.code
            verdicts = {
                "swift": f"valid {r['rootKid']} {passverify.parse_time(r['signedAt'])}" if r["valid"] else r["reason"],
                "c": subprocess.run([c_driver, "--signed", str(list_path), str(sig_path), root.hex()],
                                    capture_output=True, text=True, check=True).stdout.strip(),
                "python": python,
                "javascript": subprocess.run(["node", str(ROOT / "Tests/CrossCheck/driver.mjs"), "--signed", str(list_path), str(sig_path), root.hex()],
                                             capture_output=True, text=True, check=True).stdout.strip(),
            }
            if set(verdicts.values()) != {expected}:
                disagreements += 1
                print(f"DISAGREE signed list {txt.stem}: expected {expected}, got {verdicts}")
    print(f"cross-check: {len(list(SIGNED.glob('*.txt')))} signed trust lists through Swift, C, Python and JavaScript, "
          f"{disagreements} disagreements")
    return disagreements


LISTS = VECTORS / "trustlists"


def root_signature(root, list_bytes):
    """SPEC.md §14.1, so `passnum trustlist verify --json` reports why a list does not load."""
    body = root.kid + (0).to_bytes(4, "big")
    signature = sodium.crypto_sign(b"passnum-trustlist-signature:v1" + body + list_bytes, root.secret)[:64]
    return "pnt1." + base64.b64encode(body + signature).decode("ascii")


def trust_list_disagreements(passnum, c_driver):
    """Every trust-list vector (SPEC.md §7.1) loaded by the four verifiers; returns the disagreements.
    The CLI loads a list only with its signature, so each is signed here by key R of §14.4."""
    vectors = sorted(LISTS.glob("*.txt"))
    files = [str(txt.with_suffix(".json")) for txt in vectors]
    c = subprocess.run([c_driver, "--list", *files], capture_output=True, text=True, check=True).stdout.split()
    js = subprocess.run(["node", str(ROOT / "Tests/CrossCheck/driver.mjs"), "--list", *files],
                        capture_output=True, text=True, check=True).stdout.split()
    root = Key("R")
    disagreements = 0
    with tempfile.TemporaryDirectory() as folder:
        root_file, sig_file = pathlib.Path(folder) / "root.pub", pathlib.Path(folder) / "list.sig"
        root_file.write_text(base64.b64encode(root.public).decode("ascii") + "\n", encoding="ascii")
        for index, txt in enumerate(vectors):
            expected = dict(line.split(": ", 1) for line in txt.read_text(encoding="utf-8").splitlines() if ": " in line)["expect"]
            list_bytes = txt.with_suffix(".json").read_bytes()
            sig_file.write_text(root_signature(root, list_bytes) + "\n", encoding="ascii")
            run = subprocess.run([passnum, "trustlist", "verify", "--json", "--trust-root", str(root_file),
                                  "--in", files[index], "--signature", str(sig_file)], capture_output=True, text=True)
            r = json.loads(run.stdout)
            try:
                passverify.Verifier(list_bytes)
                python = "valid"
            except passverify.TrustListError as e:
                python = e.code
            verdicts = {"swift": "valid" if r["valid"] else r["reason"], "c": c[index], "python": python, "javascript": js[index]}
            if set(verdicts.values()) != {expected}:
                disagreements += 1
                print(f"DISAGREE trust list {txt.stem}: expected {expected}, got {verdicts}")
    print(f"cross-check: {len(vectors)} trust lists through Swift, C, Python and JavaScript, {disagreements} disagreements")
    return disagreements


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--passnum", required=True)
    parser.add_argument("--c-driver", required=True)
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=random.randrange(2**32))
    args = parser.parse_args()
    rng = random.Random(args.seed)
    cases = vector_cases() + [random_case(rng) for _ in range(args.count)]
    with tempfile.TemporaryDirectory() as folder:
        verdicts = {
            "swift": swift_verdicts(cases, args.passnum),
            "c": external_verdicts([args.c_driver], cases, pathlib.Path(folder)),
            "python": python_verdicts(cases),
            "javascript": external_verdicts(["node", str(ROOT / "Tests/CrossCheck/driver.mjs")], cases, pathlib.Path(folder)),
        }
    disagreements = [i for i in range(len(cases)) if len({v[i] if i < len(v) else None for v in verdicts.values()}) != 1]
    for i in disagreements[:10]:
        print(f"DISAGREE at={cases[i][0]} text={cases[i][1]}")
        for name, v in verdicts.items():
            print(f"    {name}: {v[i] if i < len(v) else 'nothing'}")
    tally = {}
    for verdict in verdicts["python"]:
        tally[verdict.split()[0]] = tally.get(verdict.split()[0], 0) + 1
    print(f"cross-check (seed {args.seed}): {len(cases)} tokens through Swift, C, Python and JavaScript, "
          f"{len(disagreements)} disagreements; verdicts {dict(sorted(tally.items()))}")
    signed = signed_list_disagreements(args.passnum, args.c_driver)
    lists = trust_list_disagreements(args.passnum, args.c_driver)
    return 1 if disagreements or signed or lists else 0


if __name__ == "__main__":
    sys.exit(main())
