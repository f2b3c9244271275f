// The code on a carnet's stub (SPEC.md §15), read as the hand-over page scans it: 28 digits,
// "9" ‖ key id as 10 digits ‖ first serial as 15 ‖ count ‖ Damm check digit. It names a
// carnet, never a person.

import { damm } from "./passnumber.mjs";

export const STUB_LENGTH = 28;

/** { kid, first, count } of a stub code's digits (after the scanner clean-up), or null. */
export function readStub(digits) {
  if (typeof digits !== "string" || !/^9[0-9]{27}$/.test(digits) || damm(digits) !== 0) return null;
  const kidNumber = Number(digits.slice(1, 11));
  const first = Number(digits.slice(11, 26));
  const count = Number(digits.slice(26, 27));
  if (kidNumber > 0xffffffff || first < 1 || first > 2 ** 48 - 1 || count < 1 || first + count - 1 > 2 ** 48 - 1) return null;
  return { kid: kidNumber.toString(16).padStart(8, "0"), first, count };
}
