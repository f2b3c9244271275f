// node --test Tests/Browser: the hand-over page reads a carnet's stub code as SPEC.md §15 and
// the Swift CarnetCode do (the same example and the same refusals as CarnetCodeTests).
import assert from "node:assert/strict";
import { test } from "node:test";
import { normalizeScan } from "../../Web/js/passverify.mjs";
import { readStub } from "../../Web/js/stub.mjs";

const good = "9395103919500000000000000659";

test("the spec's example is read", () => {
  assert.deepEqual(readStub(good), { kid: "eb8012db", first: 6, count: 5 });
});

test("a scanner on an AZERTY keyboard is read after the clean-up", () => {
  const azerty = [...good].map((d) => "à&é\"'(-è_ç"[Number(d)]).join("");
  assert.deepEqual(readStub(normalizeScan(azerty + "\n")), { kid: "eb8012db", first: 6, count: 5 });
});

test("every damaged code is refused", () => {
  const wrong = [...good];
  wrong[12] = wrong[12] === "0" ? "1" : "0";
  for (const text of [
    good.slice(0, -1), good + "0", "8" + good.slice(1), wrong.join(""),
    "9999999999900000000000000659",  // kid above 2^32 − 1 (check digit aside)
    "9395103919500000000000000000",  // serial 0, count 0
    "1".repeat(200),  // a pass's length
  ]) assert.equal(readStub(text), null, text);
});
