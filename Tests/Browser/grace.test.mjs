// node --test Tests/Browser: the web counter's grace period (grace.mjs) decides as the service's
// Grace.swift does, on the checked-in vectors.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { verifyWithGrace } from "../../Web/js/grace.mjs";
import { loadTrustList } from "../../Web/js/passverify.mjs";

const vector = (name) => Object.fromEntries(
  readFileSync(new URL(`../../Vectors/${name}`, import.meta.url), "utf8").trim().split("\n").map((line) => line.split(/: (.*)/s).slice(0, 2)));
const seconds = (iso) => Date.parse(iso) / 1000;
const day = 86400;

test("a pass expired within the grace period is accepted, and not after it", async () => {
  const list = await loadTrustList(readFileSync(new URL("../../Vectors/trustlist.json", import.meta.url)));
  const pass = vector("expired-later.txt");  // expires 2027-12-31T23:00:00Z, key valid in 2028
  const expires = seconds(pass.expires);
  const at = (offset, grace) => verifyWithGrace(pass.token, list, expires + offset, grace);
  assert.equal((await at(10 * day, 0)).reason, "expired", "no grace period: expired");
  const within = await at(10 * day, 30);
  assert.equal(within.valid, true);
  assert.equal(within.serial, Number(pass.serial));
  assert.equal((await at(30 * day, 30)).reason, "expired", "the grace period's end is excluded");
  assert.equal((await at(30 * day - 1, 30)).valid, true);
});

test("the grace period opens nothing but the expiry", async () => {
  const list = await loadTrustList(readFileSync(new URL("../../Vectors/trustlist.json", import.meta.url)));
  for (const name of ["key-revoked.txt", "bad-signature-flipped-bit.txt", "key-not-valid.txt"]) {
    const pass = vector(name);
    assert.equal((await verifyWithGrace(pass.token, list, seconds(pass.at), 366)).reason, pass.expect, name);
  }
});
