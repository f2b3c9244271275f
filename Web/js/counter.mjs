// The counter page: the scan field keeps the focus (a USB scanner types into it, with or
// without Enter), the camera, the typed look-up, the day's tally, the replica's age and the
// offline journal with its sync results.

import { call, json, Offline, session, SignedOut, toSignIn } from "./api.mjs";
import { Camera } from "./camera.mjs";
import { cachedTrustList, handleScan, HARD_MAX_AGE_HOURS, MAX_AGE_HOURS } from "./desk.mjs";
import { readPassNumber, series, passNumber } from "./passnumber.mjs";
import * as store from "./store.mjs";
import { pullReplica, sendJournal } from "./sync.mjs";
import { hideVerdict, showVerdict } from "./verdict.mjs";
import { duration, euros, parisDay, parisTime, t } from "./words.mjs";
import { pageBar } from "./page.mjs";

const $ = (id) => document.getElementById(id);
const state = { partner: localStorage.getItem("passnum.partner") ?? "", online: false, verdicts: 0, lastCamera: ["", 0] };

// ---- the scan field -------------------------------------------------------------------------

const scan = $("scan");
let pause;

function keepFocus() {
  if (document.activeElement !== scan && !document.activeElement?.closest?.("form#lookup")) scan.focus();
}

async function submitScan() {
  clearTimeout(pause);
  const text = scan.value;
  scan.value = "";
  if (text.trim()) await judge(text);
}

scan.addEventListener("keydown", (event) => {
  // A new scan clears the last verdict; the Enter that ends a scan does not.
  if (event.key !== "Enter") hideVerdict();
  if (event.key === "Enter") {
    event.preventDefault();
    submitScan();
  }
});
// A scanner that sends no Enter: 200 digits are a whole pass; anything else ends with a pause.
scan.addEventListener("input", () => {
  clearTimeout(pause);
  const digits = scan.value.replace(/[\s\u00a0\u202f]/g, "");
  if (digits.length >= 200) submitScan();
  else pause = setTimeout(submitScan, 600);
});
// A tap on the verdict clears it; after any click outside the look-up form the scan field
// takes the focus back, so the scanner's next keystrokes land in it.
document.addEventListener("click", (event) => {
  if (!event.target.closest("button, a, input, select, form")) hideVerdict();
  if (!event.target.closest("form#lookup")) setTimeout(() => scan.focus(), 0);
});
document.addEventListener("keydown", (event) => {
  if (event.key === "Escape") hideVerdict();
});
setInterval(keepFocus, 500);

// ---- one pass ------------------------------------------------------------------------------

async function judge(text) {
  const started = performance.now();
  let verdict;
  try {
    verdict = await handleScan(text, { partner: state.partner, euros, onAccepted: addToTally });
  } catch (error) {
    if (error instanceof SignedOut) return toSignIn(error.expired ? "expired" : "signedOut");
    verdict = { kind: "refused", word: t("refused"), detail: t("notRecorded", error.message) };
  }
  showVerdict(verdict.kind, verdict.word, verdict.detail, verdict.pass);
  // Time from the whole scan to the verdict painted: the tests read it.
  requestAnimationFrame(() => {
    const box = $("verdict");
    box.dataset.ms = String(Math.round(performance.now() - started));
    box.dataset.count = String(++state.verdicts);
  });
  scan.focus();
  if (verdict.offline) setOnline(false);
  showJournal();
}

// ---- tally, status, journal -----------------------------------------------------------------

function tallyKey(day = parisDay()) {
  return `passnum.tally.${state.partner}.${day}`;
}

/** Counts an accepted pass in its day's tally; `sign` -1 takes back one that ended a conflict. */
function addToTally(cents, sign = 1, day = parisDay()) {
  const tally = JSON.parse(localStorage.getItem(tallyKey(day)) ?? '{"count":0,"cents":0}');
  tally.count += sign;
  tally.cents += sign * cents;
  localStorage.setItem(tallyKey(day), JSON.stringify(tally));
  showTally();
}

function showTally() {
  const tally = JSON.parse(localStorage.getItem(tallyKey()) ?? '{"count":0,"cents":0}');
  $("tally").textContent = t(tally.count === 1 ? "tallyOne" : "tally", tally.count, euros(tally.cents));
}

function setOnline(online) {
  state.online = online;
  $("net").textContent = t(online ? "online" : "offline");
  $("net").className = `net ${online ? "on" : "off"}`;
}

async function showReplicaAge() {
  const pulledAt = await store.get("meta", "pulledAt");
  const line = $("replica");
  if (!pulledAt) {
    line.textContent = t("replicaNever");
    line.className = "warn";
    return;
  }
  const age = (Date.now() - pulledAt) / 1000;
  line.textContent = age > MAX_AGE_HOURS * 3600 ? t("replicaStale", duration(age)) : t("replicaAge", duration(age));
  line.className = age > MAX_AGE_HOURS * 3600 ? (age > HARD_MAX_AGE_HOURS * 3600 ? "alarm" : "warn") : "";
}

async function showJournal() {
  const entries = (await store.all("journal")).filter((e) => e.partner === state.partner);
  const pending = entries.filter((e) => e.state === "pending").length;
  $("pending").textContent = pending ? t("journalPending", pending) : "";
  $("sync").hidden = pending === 0;
  const list = $("settled");
  list.replaceChildren();
  for (const e of entries.filter((e) => e.state !== "pending").sort((a, b) => b.scannedAt.localeCompare(a.scannedAt))) {
    const item = document.createElement("li");
    item.className = e.state;
    item.textContent = e.state === "accepted"
      ? t("syncAccepted", e.number, euros(e.valueCents))
      : t("syncConflict", e.number, parisTime(e.scannedAt), conflictWords(e));
    list.append(item);
  }
}

function conflictWords(entry) {
  if (entry.reason === "already_spent") return t("otherFirst", entry.firstRedeemedAt ? parisTime(entry.firstRedeemedAt) : "?");
  return t(entry.reason) === entry.reason ? entry.message : t(entry.reason);
}

// ---- talking to the service ----------------------------------------------------------------

/** Pulls the replica and sends the journal; says whether the service answered. */
async function refresh() {
  try {
    await pullReplica();
    for (const entry of await sendJournal(state.partner)) {
      if (entry.state === "conflict") addToTally(entry.valueCents, -1, parisDay(new Date(entry.scannedAt)));
    }
    setOnline(true);
  } catch (error) {
    if (error instanceof SignedOut) return toSignIn(error.expired ? "expired" : "signedOut");
    if (!(error instanceof Offline)) console.warn("refresh", error);
    setOnline(false);
  }
  await showReplicaAge();
  await showJournal();
}

async function lookUp(event) {
  event.preventDefault();
  const field = $("number");
  const out = $("lookup-result");
  const typed = readPassNumber(field.value);
  if (typed.reason) {
    out.textContent = t("malformed");
    return;
  }
  const list = await cachedTrustList();
  const keys = [...(list?.keys.values() ?? [])].filter((k) => series(k.kid) === typed.series);
  if (keys.length !== 1) {
    out.textContent = t("lookupNoKey", field.value);
    return;
  }
  const number = passNumber(keys[0].kid, typed.serial);
  try {
    const body = await json(await call(`/v1/passes/${keys[0].kid}/${typed.serial}`));
    out.textContent = body.state === "spent" ? t("lookupSpent", number, parisTime(body.redeemedAt))
      : body.state === "revoked" ? t("lookupRevoked", number, body.reason) : t("lookupUnspent", number);
  } catch (error) {
    if (error instanceof SignedOut) return toSignIn(error.expired ? "expired" : "signedOut");
    out.textContent = t("lookupOffline");
  }
}

// ---- start ---------------------------------------------------------------------------------

async function start() {
  pageBar({
    status: ["net", "tally"], link: { href: "/partner", words: "myView" },
    onLanguage: () => { showTally(); setOnline(state.online); showReplicaAge(); showJournal(); },
  });
  try {
    const who = await session();
    state.partner = who.partner;
    localStorage.setItem("passnum.partner", who.partner);
    await store.clearFor(who.partner);
  } catch (error) {
    if (error instanceof SignedOut) return toSignIn(error.expired ? "expired" : "signedOut");
    // Offline: the page came from the service worker; work with what was kept.
    if (!state.partner) return toSignIn("signedOut");
  }
  $("partner").textContent = state.partner;
  showTally();
  scan.focus();
  const camera = new Camera($("video"), async (text) => {
    const [last, at] = state.lastCamera;
    if (text === last && Date.now() - at < 5000) return;  // the same code in the next frames
    state.lastCamera = [text, Date.now()];
    await judge(text);
  });
  $("camera").addEventListener("click", async () => {
    try {
      if (camera.running) camera.stop();
      else await camera.start();
      $("camera").textContent = t(camera.running ? "cameraStop" : "camera");
    } catch (error) {
      $("camera-error").textContent = t("cameraRefused", error.message);
    }
    scan.focus();
  });
  $("lookup").addEventListener("submit", lookUp);
  $("sync").addEventListener("click", refresh);
  window.addEventListener("online", refresh);
  setInterval(refresh, 30000);
  await refresh();
  document.body.dataset.ready = "true";
}

start();
