"""pytest: every vector of Vectors/ (passes, trust lists, scanner inputs) through passverify."""
import pathlib

import pytest

from passverify import (PassError, TOKEN_REASONS, TRUST_LIST_REASONS, TrustListError, Verifier,
                        normalize_scan, parse_time)

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
