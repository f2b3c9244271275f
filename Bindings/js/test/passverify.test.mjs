// node --test Bindings/js/test: every vector of Vectors/ (passes, trust lists, scanner inputs)
// through passverify.mjs, and its BLAKE2b-256 against libsodium's.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import {
  blake2b256, checkTrustListSignature, loadTrustList, normalizeScan, parseTime, TrustListError, TrustListSignatureError, verify,
  SIGNATURE_REASONS, TOKEN_REASONS, TRUST_LIST_REASONS,
} from "../passverify.mjs";

const VECTORS = new URL("../../../Vectors/", import.meta.url).pathname;

function fields(path) {
  const out = {};
  for (const line of readFileSync(path, "utf8").split("\n")) {
    const at = line.indexOf(": ");
    if (at > 0) out[line.slice(0, at)] = line.slice(at + 2);
  }
  return out;
}

const names = (folder) => readdirSync(folder).filter((n) => n.endsWith(".txt")).map((n) => n.slice(0, -4)).sort();

test("every pass vector", async (t) => {
  const list = await loadTrustList(readFileSync(join(VECTORS, "trustlist.json")));
  const seen = new Set();
  for (const name of names(VECTORS)) {
    await t.test(name, async () => {
      const v = fields(join(VECTORS, `${name}.txt`));
      const result = await verify(v.token, list, parseTime(v.at));
      seen.add(v.expect);
      if (v.expect === "valid") {
        assert.deepEqual(result, {
          valid: true, kid: v.kid, serial: Number(v.serial), valueCents: Number(v.valueCents),
          expires: parseTime(v.expires), issuer: result.issuer,
        });
        assert.equal(typeof result.issuer, "string");
      } else {
        assert.deepEqual(result, { valid: false, reason: v.expect });
      }
    });
  }
  for (const reason of TOKEN_REASONS) assert.ok(seen.has(reason), `no vector expects ${reason}`);
});

test("every trust-list vector", async (t) => {
  const folder = join(VECTORS, "trustlists");
  const seen = new Set();
  for (const name of names(folder)) {
    await t.test(name, async () => {
      const { expect } = fields(join(folder, `${name}.txt`));
      seen.add(expect);
      const bytes = readFileSync(join(folder, `${name}.json`));
      if (expect === "valid") {
        await loadTrustList(bytes);
      } else {
        await assert.rejects(loadTrustList(bytes), (e) => e instanceof TrustListError && e.code === expect);
      }
    });
  }
  for (const reason of TRUST_LIST_REASONS) assert.ok(seen.has(reason), `no vector expects ${reason}`);
});

test("a trust list given as text to verify() is loaded, and a bad one throws", async () => {
  const json = readFileSync(join(VECTORS, "trustlist.json"), "utf8");
  const v = fields(join(VECTORS, "valid-basic.txt"));
  assert.equal((await verify(v.token, json, parseTime(v.at))).valid, true);
  await assert.rejects(verify(v.token, "{}", 0), (e) => e.code === "missing_field");
});

test("every signed-list vector", async (t) => {
  const folder = join(VECTORS, "trustlists", "signed");
  const seen = new Set();
  for (const name of names(folder)) {
    await t.test(name, async () => {
      const v = fields(join(folder, `${name}.txt`));
      seen.add(v.expect);
      const bytes = new Uint8Array(readFileSync(join(folder, `${name}.json`)));
      const signature = readFileSync(join(folder, `${name}.sig`), "utf8");
      const root = Uint8Array.from(Buffer.from(v["root-public-key"], "base64"));
      if (v.expect === "valid") {
        assert.deepEqual({ ...(await checkTrustListSignature(bytes, signature, root)) }, { rootKid: v["root-kid"], signedAt: parseTime(v["signed-at"]) });
        assert.equal((await checkTrustListSignature(bytes.buffer, signature, v["root-public-key"])).rootKid, v["root-kid"]);
        await loadTrustList(bytes);
      } else {
        await assert.rejects(checkTrustListSignature(bytes, signature, root), (e) => e instanceof TrustListSignatureError && e.code === v.expect);
      }
    });
  }
  for (const reason of SIGNATURE_REASONS) assert.ok(seen.has(reason), `no vector expects ${reason}`);
});

test("a missing signature header is malformed", async () => {
  const folder = join(VECTORS, "trustlists", "signed");
  const v = fields(join(folder, "valid.txt"));
  await assert.rejects(checkTrustListSignature(readFileSync(join(folder, "valid.json")), null, v["root-public-key"]),
    (e) => e.code === "malformed_signature");
});

test("every scanner-input vector", () => {
  const folder = join(VECTORS, "scanner");
  for (const name of names(folder)) {
    const v = fields(join(folder, `${name}.txt`));
    const input = new TextDecoder("utf-8", { fatal: true }).decode(Buffer.from(v["input-hex"], "hex"));
    assert.equal(normalizeScan(input) ?? "unreadable", v.expect, name);
  }
});

test("BLAKE2b-256 equals libsodium's crypto_generichash (through PyNaCl) on 0 to 300 bytes", () => {
  const inputs = Array.from({ length: 301 }, (_, n) => randomBytes(n));
  const script = "import sys, nacl.hashlib\nfor line in sys.stdin.read().split():\n"
    + "    print(nacl.hashlib.blake2b(bytes.fromhex(line[1:]), digest_size=32).hexdigest())";
  const hexes = inputs.map((b) => "x" + b.toString("hex")).join("\n");
  const expected = execFileSync("python3", ["-c", script], { input: hexes, encoding: "utf8" }).trim().split("\n");
  assert.equal(expected.length, inputs.length);
  inputs.forEach((input, n) => assert.equal(Buffer.from(blake2b256(input)).toString("hex"), expected[n], `${n} bytes`));
});
