// The trust list's signature in the browser (SPEC.md §14; SECURITY.md, "The web counter"):
// the page pins the programme's root key the first time the service names one (staff compare
// its fingerprint at sign-in with their partner letter), then takes a list only if that root
// signed it and it is not older than the list in force; a refused list never replaces the
// previous one. Where neither the page nor the service has a root, the list is taken unsigned
// and the page says so, as `passnum replica pull` does without --trust-root.

import { blake2b256, checkTrustListSignature, loadTrustList, SIGNATURE_HEADER } from "./passverify.mjs";
import { call, Offline } from "./api.mjs";

// localStorage, not the replica's IndexedDB: the replica is wiped when another partner signs in
// on this browser, and the pin must outlive that (a new partner must not mean a new root).
const PIN = "passnum.trustRoot";  // base64 of the 32-byte root public key
const SIGNED_AT = "passnum.trustListSignedAt";  // Unix seconds of the list in force

/** A list the page refuses; `code` is a reason of SPEC.md §14.2 or §7.1, or one of below. */
export class TrustListRefused extends Error {
  constructor(code, message) {
    super(`${code}: ${message}`);
    this.code = code;
  }
}

/** The last outcome, for the page to show: { state: "signed"|"unsigned"|"refused", ... }. */
export let lastOutcome = null;

/** The root key the service names (GET /v1/trust-root), or null when it pins none. */
export async function announcedRoot() {
  const response = await call("/v1/trust-root");
  if (response.status === 204) return null;
  if (!response.ok) throw new Offline(`HTTP ${response.status}`);
  return response.json();
}

/** The root key this browser pinned (base64), or null. */
export function pinnedRoot() {
  return localStorage.getItem(PIN);
}

/** SPEC.md §14.1: BLAKE2b-256 of the key, 16 bytes in hex, eight groups of four. Computed
 * here from the key itself, never taken from the service's text. */
export function fingerprint(publicKeyBase64) {
  const key = Uint8Array.from(atob(publicKeyBase64), (c) => c.charCodeAt(0));
  const hex = [...blake2b256(key).subarray(0, 16)].map((b) => b.toString(16).padStart(2, "0")).join("");
  return hex.match(/.{4}/g).join(" ");
}

/**
 * Checks a list the service sent (`bytes` as received, `signature` its header) against the
 * pinned root, or against `announced` (GET /v1/trust-root) at first use; calls `keep(bytes)`
 * only for a list it takes, then pins. Never throws for a refused list: the outcome says why.
 */
export async function takeTrustList(bytes, signature, announced, keep) {
  try {
    const outcome = await check(bytes, signature, announced);
    await keep(bytes);
    if (outcome.state === "signed") {
      localStorage.setItem(PIN, outcome.root);
      localStorage.setItem(SIGNED_AT, String(outcome.signedAt));
    }
    lastOutcome = outcome;
  } catch (error) {
    if (!error.code) throw error;
    console.warn("trust list refused", error.message);
    lastOutcome = { state: "refused", code: error.code, pinned: pinnedRoot() };
  }
  return lastOutcome;
}

async function check(bytes, signature, announced) {
  const pinned = pinnedRoot();
  if (pinned && announced && announced.publicKey !== pinned) {
    throw new TrustListRefused("root_changed", `the service names root key ${announced.kid}, not the one this browser pinned`);
  }
  const root = pinned ?? announced?.publicKey ?? null;
  if (!root) {
    await loadTrustList(bytes);  // a list that does not load never replaces one that does
    return { state: "unsigned" };
  }
  if (!signature) throw new TrustListRefused("missing_signature", "the list has no signature and a root key is pinned");
  const checked = await checkTrustListSignature(bytes, signature, root);
  if (checked.signedAt < Number(localStorage.getItem(SIGNED_AT) ?? 0)) {
    throw new TrustListRefused("older_than_kept", "the list was signed before the one in force: an old list is never taken back");
  }
  await loadTrustList(bytes);
  return { state: "signed", root, rootKid: checked.rootKid, signedAt: checked.signedAt, firstUse: !pinned };
}

export { SIGNATURE_HEADER };

/** Writes the last outcome into `element` in words: signed (with the fingerprint), unsigned
 * (a warning), or refused (an alarm saying the previous list stays). */
export function showTrust(element, t) {
  const outcome = lastOutcome;
  if (!outcome) return;
  if (outcome.state === "signed") {
    element.textContent = t(outcome.firstUse ? "trustPinned" : "trustSigned", fingerprint(outcome.root));
    element.className = "";
  } else if (outcome.state === "unsigned") {
    element.textContent = t("trustUnsigned");
    element.className = "warn";
  } else {
    const why = t(`trust_${outcome.code}`);
    element.textContent = t("trustRefused", why.startsWith("trust_") ? outcome.code : why);
    element.className = "alarm";
  }
}
