// What happens to one scanned pass: verified in the page against the cached trust list (a
// forged, altered or expired pass is refused without asking anyone), then redeemed through the
// service; when the service cannot be reached, checked against the replica and journalled in
// IndexedDB before ACCEPTÉ is shown — the rules of `passnum scan`.

import { verifyWithGrace } from "./grace.mjs";
import { loadTrustList, normalizeScan } from "./passverify.mjs";
import { call, json, Offline } from "./api.mjs";
import { passNumber } from "./passnumber.mjs";
import * as store from "./store.mjs";
import { duration, parisTime, t } from "./words.mjs";

/** A replica older than this is warned about; older than the hard limit, not used (hours). */
export const MAX_AGE_HOURS = 24;
export const HARD_MAX_AGE_HOURS = 72;

let trustList = null;

/** The trust list the page verifies with: the one cached in IndexedDB (bytes as served). */
export async function cachedTrustList() {
  if (trustList) return trustList;
  const bytes = await store.get("meta", "trustList");
  if (!bytes) return null;
  trustList = await loadTrustList(bytes);
  return trustList;
}

/** After a new list was taken (sync.mjs): the next scan loads it. */
export function forgetTrustList() {
  trustList = null;
}

/** The programme's settings of the last pull (GET /v1/programme), or the service's defaults. */
export async function programme() {
  return (await store.get("meta", "programme")) ?? { requireHandout: false, helpKinds: [], graceDays: 0 };
}

/**
 * A verdict: { kind: "accepted"|"refused", word, detail, pass, offline }, `word` and `detail`
 * functions giving the words in the current language (showVerdict); an accepted one also names
 * the pass it recorded, `ref` { pass: "kid:serial", kid, serial }, for the kind of help.
 */
function accepted(valueCents, pass, offline, euros, ref) {
  return { kind: "accepted", word: () => t(offline ? "acceptedOffline" : "accepted"), detail: () => euros(valueCents), pass, offline, valueCents, ref };
}

/** A refusal: `key` and `values` are the reason's words (t). */
function refused(pass, key, ...values) {
  return { kind: "refused", word: () => t("refused"), detail: () => t(key, ...values.map((v) => (typeof v === "function" ? v() : v))), pass };
}

/** The verdict for a scanned text (raw keystrokes or a camera's text). */
export async function handleScan(text, { partner, euros, onAccepted }) {
  const digits = normalizeScan(text);
  if (digits === null || digits.length !== 200) return refused("", "unreadable");
  const list = await cachedTrustList();
  if (!list) return refused("", "noReplica");
  const result = await verifyWithGrace(digits, list, Math.floor(Date.now() / 1000), (await programme()).graceDays);
  if (!result.valid) return refused("", result.reason);
  const pass = passNumber(result.kid, result.serial);
  let verdict;
  try {
    verdict = await redeemOnline(digits, result, pass, euros);
  } catch (error) {
    if (!(error instanceof Offline)) throw error;
    verdict = await redeemOffline(digits, result, pass, partner, euros);
  }
  if (verdict.kind === "accepted") onAccepted(verdict.valueCents);
  return verdict;
}

async function redeemOnline(token, pass, number, euros) {
  const response = await call("/v1/redemptions", { method: "POST", body: { token }, timeoutMs: 3000 });
  const body = await json(response);
  if (response.status === 201) {
    await store.put("receipts", { pass: `${body.kid}:${body.serial}`, ...body });
    return accepted(body.valueCents, number, false, euros, { pass: `${pass.kid}:${pass.serial}`, kid: pass.kid, serial: pass.serial });
  }
  if (response.status === 409) {
    const when = () => parisTime(body.firstRedeemedAt);
    return refused(number, body.redeemedByYou ? "alreadySpentByYou" : "alreadySpent", when);
  }
  if (body.error === "revoked") return refused(number, "revoked");
  return t(body.error) === body.error ? refused(number, "notRecorded", body.message) : refused(number, body.error);
}

async function redeemOffline(token, pass, number, partner, euros) {
  const pulledAt = await store.get("meta", "pulledAt");
  if (!pulledAt) return refused(number, "noReplica");
  const age = (Date.now() - pulledAt) / 1000;
  if (age > HARD_MAX_AGE_HOURS * 3600) return refused(number, "replicaTooOld", () => duration(age));
  const mark = await store.replicaMark(pass.kid, pass.serial);
  if (mark === "revoked") return refused(number, "revoked");
  if (mark === "spent") return refused(number, "spentInReplica");
  if ((await programme()).requireHandout && !(await store.isHandedOut(pass.kid, pass.serial))) return refused(number, "not_distributed");
  const key = `${pass.kid}:${pass.serial}`;
  if (await store.get("journal", key)) return refused(number, "alreadyInJournal");
  // Durable before the word is shown: a closed tab loses nothing accepted.
  await store.put("journal", {
    pass: key, kid: pass.kid, serial: pass.serial, number, token, valueCents: pass.valueCents, partner,
    scannedAt: new Date().toISOString(), state: "pending",
  });
  return accepted(pass.valueCents, number, true, euros, { pass: key, kid: pass.kid, serial: pass.serial });
}

/**
 * Records the kind of help given with an accepted pass: in its journal entry while that waits
 * to be sent (the sync carries it), else through the service at once; when the service does not
 * answer, it is kept and sent at the next refresh. Resolves to "recorded" or "kept"; throws
 * with the service's words when it refuses.
 */
export async function recordHelp(ref, kind) {
  const entry = await store.get("journal", ref.pass);
  if (entry?.state === "pending") {
    await store.put("journal", { ...entry, helpKind: kind });
    return "kept";
  }
  let response;
  try {
    response = await call(`/v1/redemptions/${ref.kid}/${ref.serial}/help`, { method: "POST", body: { kind } });
  } catch (error) {
    if (!(error instanceof Offline)) throw error;
    await store.put("help", { ...ref, kind });
    return "kept";
  }
  const body = await json(response);
  if (response.status !== 200) throw new Error(body.message ?? `HTTP ${response.status}`);
  return "recorded";
}
