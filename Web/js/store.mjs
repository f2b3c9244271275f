// What the counter keeps in the browser (IndexedDB), so it works through network cuts: the
// trust list, the programme's settings and the spent/revoked/handed-out lists pulled while
// online (the replica), the journal of passes accepted offline, the receipts of passes accepted
// online, and kinds of help not sent yet. Never the partner key.

const DB = "passnum-counter";
const STORES = ["meta", "spent", "revoked", "handedOut", "journal", "receipts", "help"];
let opened;

function open() {
  opened ??= new Promise((resolve, reject) => {
    const request = indexedDB.open(DB, 2);
    request.onupgradeneeded = (event) => {
      const db = request.result;
      if (event.oldVersion < 1) {
        db.createObjectStore("meta");  // trustList, programme, cursor, pulledAt, partner
        db.createObjectStore("spent");  // "kid:serial" → true
        db.createObjectStore("revoked", { autoIncrement: true });  // { kid, first, last }
        db.createObjectStore("journal", { keyPath: "pass" });  // { pass: "kid:serial", token, scannedAt, kid, serial, valueCents, state, message, helpKind }
        db.createObjectStore("receipts", { keyPath: "pass" });  // { pass, kid, serial, valueCents, redeemedAt, receipt }
      }
      if (event.oldVersion < 2) {
        db.createObjectStore("handedOut", { autoIncrement: true });  // { kid, first, last }: carnets handed out
        db.createObjectStore("help", { keyPath: "pass" });  // { pass, kid, serial, kind }: to send
        // Version 1 kept the feed's hand-overs as revocations: the replica is pulled afresh.
        const tx = request.transaction;
        for (const name of ["spent", "revoked"]) tx.objectStore(name).clear();
        for (const key of ["cursor", "pulledAt"]) tx.objectStore("meta").delete(key);
      }
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
  const tx = db.transaction(["spent", "revoked", "handedOut", "meta"], "readwrite");
  for (const item of items) {
    const range = { kid: item.kid, first: item.first, last: item.last };
    if (item.kind === "spent") tx.objectStore("spent").put(true, `${item.kid}:${item.first}`);
    else if (item.kind === "revoked") tx.objectStore("revoked").put(range);
    else if (item.kind === "handed_out") tx.objectStore("handedOut").put(range);
  }
  tx.objectStore("meta").put(cursor, "cursor");
  tx.objectStore("meta").put(pulledAt, "pulledAt");
  return done(tx);
}

const within = (kid, serial) => (r) => r.kid === kid && r.first <= serial && serial <= r.last;

/** "spent", "revoked" or null, as of the last pull. */
export async function replicaMark(kid, serial) {
  if ((await all("revoked")).some(within(kid, serial))) return "revoked";
  return (await get("spent", `${kid}:${serial}`)) ? "spent" : null;
}

/** Whether the pass's carnet was handed out at an office, as of the last pull. */
export async function isHandedOut(kid, serial) {
  return (await all("handedOut")).some(within(kid, serial));
}

export async function remove(store, key) {
  const db = await open();
  const tx = db.transaction(store, "readwrite");
  tx.objectStore(store).delete(key);
  return done(tx);
}

/** Forgets everything kept for another partner (a different sign-in on this browser). */
export async function clearFor(partner) {
  if ((await get("meta", "partner")) === partner) return;
  const pending = (await all("journal")).filter((e) => e.state === "pending");
  if (pending.length) return;  // never drop a journal that was not sent
  const db = await open();
  const tx = db.transaction(STORES, "readwrite");
  for (const name of STORES) tx.objectStore(name).clear();
  tx.objectStore("meta").put(partner, "partner");
  return done(tx);
}
