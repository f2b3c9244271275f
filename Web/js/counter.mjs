// The counter page: the scan field keeps the focus (a USB scanner types into it, with or
// without Enter), the camera, the typed look-up, the day's tally, the replica's age and the
// offline journal with its sync results.

import { call, json, Offline, SignedOut } from "./api.mjs";
import { Camera, cameraButton } from "./camera.mjs";
import { cachedTrustList, handleScan, HARD_MAX_AGE_HOURS, MAX_AGE_HOURS } from "./desk.mjs";
import { readPassNumber, series, passNumber } from "./passnumber.mjs";
import * as store from "./store.mjs";
import { offerHelp } from "./help.mjs";
import { pullReplica, sendHelp, sendJournal } from "./sync.mjs";
import { scanField, scanSection } from "./scanfield.mjs";
import { dismissVerdicts, hideVerdict, markShown, showVerdict } from "./verdict.mjs";
import { showTrust } from "./trustroot.mjs";
import { duration, euros, parisDay, parisTime, t } from "./words.mjs";
import { leave, pageBar, requireRole } from "./page.mjs";

const $ = (id) => document.getElementById(id);
let scan;  // the scan field, made at start (scanSection)
const state = { partner: localStorage.getItem("passnum.partner") ?? "", online: false };

// ---- one pass ------------------------------------------------------------------------------

async function judge(text) {
  const started = performance.now();
  let verdict;
  try {
    verdict = await handleScan(text, { partner: state.partner, euros, onAccepted: addToTally });
  } catch (error) {
    if (error instanceof SignedOut) return leave(error);
    verdict = { kind: "refused", word: () => t("refused"), detail: () => t("notRecorded", error.message) };
  }
  showVerdict(verdict.kind, verdict.word, verdict.detail, verdict.pass);
  markShown(started);  // time from the whole scan to the verdict painted: the tests read it
  scan.focus();
  await offerHelp(verdict);
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
    await sendHelp();
    setOnline(true);
  } catch (error) {
    if (error instanceof SignedOut) return leave(error);
    if (!(error instanceof Offline)) console.warn("refresh", error);
    setOnline(false);
  }
  await showReplicaAge();
  showTrust($("trust"), t);
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
    if (error instanceof SignedOut) return leave(error);
    out.textContent = t("lookupOffline");
  }
}

// ---- start ---------------------------------------------------------------------------------

async function start() {
  pageBar({
    status: ["net", "tally"], link: { href: "/partner", words: "myView" },
    onLanguage: () => { showTally(); setOnline(state.online); showReplicaAge(); showTrust($("trust"), t); showJournal(); },
  });
  try {
    const who = await requireRole("partner");
    if (!who) return;
    state.partner = who.partner;
    await store.clearFor(who.partner);
  } catch (error) {
    // Offline: the page came from the service worker; work with what was kept (a partner's
    // name is kept only while a partner is signed in on this browser).
    if (!state.partner) return leave({ expired: false });
  }
  $("partner").textContent = state.partner;
  showTally();
  const controls = scanSection(document.querySelector("section.scan"));
  scan = controls.input;
  scanField(scan, { onScan: judge, onKey: hideVerdict, whole: 200, typeIn: "form#lookup", mayFocus: "#verdict" });
  dismissVerdicts();
  cameraButton(controls.camera, new Camera(controls.video, judge), controls.error, () => scan.focus());
  $("lookup").addEventListener("submit", lookUp);
  $("sync").addEventListener("click", refresh);
  window.addEventListener("online", refresh);
  setInterval(refresh, 30000);
  await refresh();
  document.body.dataset.ready = "true";
}

start();
