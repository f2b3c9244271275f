// While online: pull the trust list, the programme's settings and the spent/revoked/handed-out
// feed into IndexedDB (the replica), and send the journal of passes accepted offline through
// POST /v1/offline-redemptions, where each item ends accepted or as a conflict (never dropped),
// with the kind of help given if one was chosen — as `passnum replica pull` and `passnum sync`
// do; then the kinds of help chosen for passes accepted online while the network was down.

import { call, json } from "./api.mjs";
import { forgetTrustList } from "./desk.mjs";
import * as store from "./store.mjs";
import { announcedRoot, SIGNATURE_HEADER, takeTrustList } from "./trustroot.mjs";

/** Pulls the trust list and the feed from the last cursor; resolves when up to date. A list
 * that is refused (trustroot.mjs) leaves the one in force; the feed is pulled all the same. */
export async function pullReplica() {
  const response = await call("/v1/trustlist");
  if (response.status === 401) await json(response);
  const bytes = new Uint8Array(await response.arrayBuffer());
  const root = await announcedRoot();
  await takeTrustList(bytes, response.headers.get(SIGNATURE_HEADER), root, async (kept) => {
    await store.put("meta", kept, "trustList");
    forgetTrustList();  // scans use the new list from now on, not the one loaded at start
  });
  await store.put("meta", await json(await call("/v1/programme")), "programme");
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
    const items = batch.map((e) => ({ token: e.token, scannedAt: e.scannedAt, ...(e.helpKind ? { helpKind: e.helpKind } : {}) }));
    const answer = await json(await call("/v1/offline-redemptions", { method: "POST", body: { items }, timeoutMs: 15000 }));
    for (const [index, entry] of batch.entries()) {
      const result = answer.results[index];
      // A kind of help chosen while this batch was on its way goes by the help route instead.
      const now = await store.get("journal", entry.pass);
      if (result.status === "accepted" && now?.helpKind && now.helpKind !== entry.helpKind) {
        await store.put("help", { pass: entry.pass, kid: entry.kid, serial: entry.serial, kind: now.helpKind });
      }
      const done = {
        ...entry, helpKind: now?.helpKind ?? entry.helpKind, state: result.status, reason: result.reason, message: result.message,
        firstRedeemedAt: result.firstRedeemedAt, receipt: result.receipt,
      };
      await store.put("journal", done);
      settled.push(done);
    }
  }
  return settled;
}

/** Sends the kinds of help noted for passes accepted online while the service did not answer. */
export async function sendHelp() {
  for (const note of await store.all("help")) {
    const response = await call(`/v1/redemptions/${note.kid}/${note.serial}/help`, { method: "POST", body: { kind: note.kind } });
    await json(response);
    // 200 recorded; 404 or 422: the service has a kind already, or no longer this one: nothing to retry.
    await store.remove("help", note.pass);
  }
}
