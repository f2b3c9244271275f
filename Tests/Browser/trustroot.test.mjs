// node --test Tests/Browser: the web counter's trust-list intake (Web/js/trustroot.mjs) with
// lists signed here by the vector roots R and S of SPEC.md §14.4: pinned at first use, then a
// list from another root, an unsigned one or an older one is refused and never kept.
import assert from "node:assert/strict";
import { createPrivateKey, createPublicKey, sign } from "node:crypto";
import { readFileSync } from "node:fs";
import { beforeEach, test } from "node:test";

const memory = new Map();
globalThis.localStorage = {
  getItem: (k) => (memory.has(k) ? memory.get(k) : null),
  setItem: (k, v) => memory.set(k, String(v)),
  removeItem: (k) => memory.delete(k),
};
const { blake2b256 } = await import("../../Web/js/passverify.mjs");
const { fingerprint, pinnedRoot, takeTrustList } = await import("../../Web/js/trustroot.mjs");

const list = new Uint8Array(readFileSync(new URL("../../Vectors/trustlist.json", import.meta.url)));

function root(letter) {
  const seed = blake2b256(new TextEncoder().encode(`passnum test vector key ${letter}`));
  const key = createPrivateKey({ key: Buffer.concat([Buffer.from("302e020100300506032b657004220420", "hex"), seed]), format: "der", type: "pkcs8" });
  const publicKey = createPublicKey(key).export({ format: "der", type: "spki" }).subarray(12);
  return { key, publicKey, base64: publicKey.toString("base64"), kid: Buffer.from(blake2b256(publicKey).subarray(0, 4)) };
}
const R = root("R");
const S = root("S");
const announced = (r) => ({ kid: r.kid.toString("hex"), publicKey: r.base64 });

/** SPEC.md §14.1: "pnt1." ‖ base64(root kid ‖ signedAt ‖ Ed25519 signature). */
function signature(bytes, r, signedAt) {
  const head = Buffer.concat([r.kid, Buffer.from([signedAt >>> 24, (signedAt >>> 16) & 255, (signedAt >>> 8) & 255, signedAt & 255])]);
  const message = Buffer.concat([Buffer.from("passnum-trustlist-signature:v1"), head, bytes]);
  return "pnt1." + Buffer.concat([head, sign(null, message, r.key)]).toString("base64");
}

async function take(bytes, sig, root) {
  const kept = [];
  const outcome = await takeTrustList(bytes, sig, root, async (b) => { kept.push(b); });
  return { outcome, kept: kept.length };
}

beforeEach(() => memory.clear());

test("the fingerprint is the root kid then 24 more hex digits, as SPEC.md §14.1 says", () => {
  assert.equal(R.kid.toString("hex"), "56fa8c66");
  assert.match(fingerprint(R.base64), /^56fa 8c66( [0-9a-f]{4}){6}$/);
});

test("no root anywhere: the list is taken unsigned, and said so", async () => {
  const { outcome, kept } = await take(list, null, null);
  assert.equal(outcome.state, "unsigned");
  assert.equal(kept, 1);
  assert.equal(pinnedRoot(), null);
});

test("first use pins the root the service names; a list signed by another root is then refused and not kept", async () => {
  const first = await take(list, signature(list, R, 1000), announced(R));
  assert.deepEqual([first.outcome.state, first.outcome.firstUse, first.kept], ["signed", true, 1]);
  assert.equal(pinnedRoot(), R.base64);
  const other = await take(list, signature(list, S, 2000), announced(S));
  assert.deepEqual([other.outcome.state, other.outcome.code, other.kept], ["refused", "root_changed", 0]);
  const quiet = await take(list, signature(list, S, 2000), null);  // the service no longer names a root
  assert.deepEqual([quiet.outcome.state, quiet.outcome.code, quiet.kept], ["refused", "wrong_root", 0]);
  assert.equal(pinnedRoot(), R.base64, "the pin stays");
});

test("once pinned, an unsigned list, an altered one and an older one are refused", async () => {
  await take(list, signature(list, R, 2000), announced(R));
  const unsigned = await take(list, null, null);
  assert.deepEqual([unsigned.outcome.code, unsigned.kept], ["missing_signature", 0]);
  const altered = Uint8Array.from(list);
  altered[altered.length - 2] ^= 1;
  assert.equal((await take(altered, signature(list, R, 3000), announced(R))).outcome.code, "bad_list_signature");
  assert.equal((await take(list, signature(list, R, 1999), announced(R))).outcome.code, "older_than_kept");
  const newer = await take(list, signature(list, R, 2001), announced(R));
  assert.deepEqual([newer.outcome.state, newer.outcome.firstUse, newer.kept], ["signed", false, 1]);
});

test("a signed list that does not load is refused with its §7.1 reason", async () => {
  const bad = new TextEncoder().encode('{"format":"passnum-trustlist/v2","keys":[]}');
  const { outcome, kept } = await take(bad, signature(bad, R, 1000), announced(R));
  assert.deepEqual([outcome.state, outcome.code, kept], ["refused", "wrong_format", 0]);
  assert.equal(pinnedRoot(), null, "nothing is pinned from a list that was not taken");
});
