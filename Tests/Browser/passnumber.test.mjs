// node --test Tests/Browser: the web counter's pass numbers against Vectors/pass-numbers.json.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { passNumber, readPassNumber, series } from "../../Web/js/passnumber.mjs";

const vectors = JSON.parse(readFileSync(new URL("../../Vectors/pass-numbers.json", import.meta.url)));

test("every valid number is written and read back", () => {
  for (const v of vectors.valid) {
    assert.equal(passNumber(v.kid, v.serial), v.number, v.comment);
    assert.equal(series(v.kid), v.series, v.comment);
    for (const typed of [v.number, ...v.typed]) {
      assert.deepEqual(readPassNumber(typed), { series: v.series, serial: v.serial }, `${v.comment}: ${typed}`);
    }
  }
});

test("every invalid number is refused", () => {
  for (const v of vectors.invalid) assert.deepEqual(readPassNumber(v.typed), { reason: v.reason }, v.comment);
});
