// While online: pull the trust list and the spent/revoked feed into IndexedDB (the replica),
// and send the journal of passes accepted offline through POST /v1/offline-redemptions, where
// each item ends accepted or as a conflict (never dropped) — as `passnum replica pull` and
// `passnum sync` do.

import { loadTrustList } from "./passverify.mjs";
import { call, json } from "./api.mjs";
import * as store from "./store.mjs";

/** Pulls the trust list and the feed from the last cursor; resolves when up to date. */
export async function pullReplica() {
  const response = await call("/v1/trustlist");
  if (response.status === 401) await json(response);
  const bytes = new Uint8Array(await response.arrayBuffer());
  await loadTrustList(bytes);  // a list that does not load never replaces one that does
  await store.put("meta", bytes, "trustList");
  let cursor = (await store.get("meta", "cursor")) ?? "";
  for (;;) {
    const page = await json(await call(`/v1/spent?after=${encodeURIComponent(cursor)}&limit=10000`, { timeoutMs: 15000 }));
    await store.applyFeed(page.items, page.next, Date.now());
    cursor = page.next;
    if (!page.more) break;
  }
}

/** Sends this partner's pending journal; resolves to the items that were settled. */
export async function sendJournal(partner) {
  const pending = (await store.all("journal")).filter((e) => e.state === "pending" && e.partner === partner);
  if (!pending.length) return [];
  const settled = [];
  for (let start = 0; start < pending.length; start += 1000) {
    const batch = pending.slice(start, start + 1000);
    const items = batch.map((e) => ({ token: e.token, scannedAt: e.scannedAt }));
    const answer = await json(await call("/v1/offline-redemptions", { method: "POST", body: { items }, timeoutMs: 15000 }));
    for (const [index, entry] of batch.entries()) {
      const result = answer.results[index];
      const done = { ...entry, state: result.status, reason: result.reason, message: result.message, firstRedeemedAt: result.firstRedeemedAt, receipt: result.receipt };
      await store.put("journal", done);
      settled.push(done);
    }
  }
  return settled;
}
