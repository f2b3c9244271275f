// What the counter keeps in the browser (IndexedDB), so it works through network cuts: the
// trust list and the spent/revoked lists pulled while online (the replica), the journal of
// passes accepted offline, and the receipts of passes accepted online. Never the partner key.

const DB = "passnum-counter";
let opened;

function open() {
  opened ??= new Promise((resolve, reject) => {
    const request = indexedDB.open(DB, 1);
    request.onupgradeneeded = () => {
      const db = request.result;
      db.createObjectStore("meta");  // trustList, cursor, pulledAt, partner
      db.createObjectStore("spent");  // "kid:serial" → true
      db.createObjectStore("revoked", { autoIncrement: true });  // { kid, first, last }
      db.createObjectStore("journal", { keyPath: "pass" });  // { pass: "kid:serial", token, scannedAt, kid, serial, valueCents, state, message }
      db.createObjectStore("receipts", { keyPath: "pass" });  // { pass, kid, serial, valueCents, redeemedAt, receipt }
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  return opened;
}

function done(tx) {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = tx.onabort = () => reject(tx.error);
  });
}

function result(request) {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

export async function get(store, key) {
  const db = await open();
  return result(db.transaction(store).objectStore(store).get(key));
}

export async function all(store) {
  const db = await open();
  return result(db.transaction(store).objectStore(store).getAll());
}

/** Writes and resolves only once the transaction is committed. */
export async function put(store, value, key) {
  const db = await open();
  const tx = db.transaction(store, "readwrite");
  tx.objectStore(store).put(value, key);
  return done(tx);
}

/** One page of the service's feed, with the cursor it ends at, in one transaction. */
export async function applyFeed(items, cursor, pulledAt) {
  const db = await open();
  const tx = db.transaction(["spent", "revoked", "meta"], "readwrite");
  for (const item of items) {
    if (item.kind === "spent") tx.objectStore("spent").put(true, `${item.kid}:${item.first}`);
    else tx.objectStore("revoked").put({ kid: item.kid, first: item.first, last: item.last });
  }
  tx.objectStore("meta").put(cursor, "cursor");
  tx.objectStore("meta").put(pulledAt, "pulledAt");
  return done(tx);
}

/** "spent", "revoked" or null, as of the last pull. */
export async function replicaMark(kid, serial) {
  const revoked = await all("revoked");
  if (revoked.some((r) => r.kid === kid && r.first <= serial && serial <= r.last)) return "revoked";
  return (await get("spent", `${kid}:${serial}`)) ? "spent" : null;
}

/** Forgets everything kept for another partner (a different sign-in on this browser). */
export async function clearFor(partner) {
  if ((await get("meta", "partner")) === partner) return;
  const pending = (await all("journal")).filter((e) => e.state === "pending");
  if (pending.length) return;  // never drop a journal that was not sent
  const db = await open();
  const names = ["meta", "spent", "revoked", "journal", "receipts"];
  const tx = db.transaction(names, "readwrite");
  for (const name of names) tx.objectStore(name).clear();
  tx.objectStore("meta").put(partner, "partner");
  return done(tx);
}
