"""pytest: every vector of Vectors/ (passes, trust lists, scanner inputs) through passverify."""
import pathlib

import pytest

from passverify import (PassError, SIGNATURE_REASONS, TOKEN_REASONS, TRUST_LIST_REASONS, TrustListError,
                        TrustListSignatureError, Verifier, check_trust_list_signature, normalize_scan, parse_time)

VECTORS = pathlib.Path(__file__).resolve().parents[3] / "Vectors"


def fields(path):
    return dict(line.split(": ", 1) for line in path.read_text(encoding="utf-8").splitlines() if ": " in line)


def names(folder):
    return sorted(p.stem for p in folder.glob("*.txt"))


@pytest.fixture(scope="module")
def verifier():
    return Verifier((VECTORS / "trustlist.json").read_bytes())


@pytest.mark.parametrize("name", names(VECTORS))
def test_pass_vector(verifier, name):
    v = fields(VECTORS / f"{name}.txt")
    if v["expect"] == "valid":
        p = verifier.verify(v["token"], parse_time(v["at"]))
        assert (p.kid, p.serial, p.value_cents, p.expires) == (
            v["kid"], int(v["serial"]), int(v["valueCents"]), parse_time(v["expires"]))
        assert isinstance(p.issuer, str) and p.issuer
    else:
        with pytest.raises(PassError) as refused:
            verifier.verify(v["token"], parse_time(v["at"]))
        assert refused.value.code == v["expect"]


@pytest.mark.parametrize("name", names(VECTORS / "trustlists"))
def test_trust_list_vector(name):
    expect = fields(VECTORS / "trustlists" / f"{name}.txt")["expect"]
    raw = (VECTORS / "trustlists" / f"{name}.json").read_bytes()
    if expect == "valid":
        Verifier(raw)
    else:
        with pytest.raises(TrustListError) as refused:
            Verifier(raw)
        assert refused.value.code == expect


@pytest.mark.parametrize("name", names(VECTORS / "scanner"))
def test_scanner_vector(name):
    v = fields(VECTORS / "scanner" / f"{name}.txt")
    got = normalize_scan(bytes.fromhex(v["input-hex"]).decode("utf-8"))
    assert (got if got is not None else "unreadable") == v["expect"]


def test_every_reason_has_a_vector():
    passes = {fields(p)["expect"] for p in VECTORS.glob("*.txt")}
    lists = {fields(p)["expect"] for p in (VECTORS / "trustlists").glob("*.txt")}
    assert set(TOKEN_REASONS) <= passes and set(TRUST_LIST_REASONS) <= lists


def test_a_text_trust_list_works_too():
    Verifier((VECTORS / "trustlist.json").read_text(encoding="utf-8"))
    with pytest.raises(TrustListError) as refused:
        Verifier("{}")
    assert refused.value.code == "missing_field"


SIGNED = VECTORS / "trustlists" / "signed"


@pytest.mark.parametrize("name", names(SIGNED))
def test_signed_list_vector(name):
    v = fields(SIGNED / f"{name}.txt")
    raw = (SIGNED / f"{name}.json").read_bytes()
    signature = (SIGNED / f"{name}.sig").read_bytes()
    if v["expect"] == "valid":
        s = check_trust_list_signature(raw, signature, v["root-public-key"])
        assert (s.root_kid, s.signed_at) == (v["root-kid"], parse_time(v["signed-at"]))
        Verifier(raw)
    else:
        with pytest.raises(TrustListSignatureError) as refused:
            check_trust_list_signature(raw, signature, v["root-public-key"])
        assert refused.value.code == v["expect"]


def test_every_signature_reason_has_a_vector():
    assert set(SIGNATURE_REASONS) <= {fields(p)["expect"] for p in SIGNED.glob("*.txt")}


def test_the_root_key_as_bytes_works_too():
    v = fields(SIGNED / "valid.txt")
    import base64
    s = check_trust_list_signature((SIGNED / "valid.json").read_bytes(), (SIGNED / "valid.sig").read_text(),
                                   base64.b64decode(v["root-public-key"]))
    assert s.root_kid == v["root-kid"]
