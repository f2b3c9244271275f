// The programme's grace period (API.Programme.graceDays), as the service applies it
// (PassVerifier's Grace.swift): a pass expired less than `graceDays` days ago is checked as it
// was just before its expiry; every other check stays as strict. Nothing is signed again.

import { verify } from "./passverify.mjs";

/** `verify(digits, list, now)`, with the grace period after the printed expiry. */
export async function verifyWithGrace(digits, list, now, graceDays) {
  const result = await verify(digits, list, now);
  if (result.valid || result.reason !== "expired" || !graceDays) return result;
  // The expiry, token bytes 15 to 18 (SPEC.md §5): the verifier refused only it.
  const expires = parseInt(BigInt(digits).toString(16).padStart(166, "0").slice(30, 38), 16);
  return now < expires + graceDays * 86400 ? verify(digits, list, expires - 1) : result;
}
