// The hand-over page of a social-services office: staff scan each carnet's stub as they hand
// it out (a USB scanner or the camera, as at the counter), and the service records the carnet,
// this office and the time (POST /v1/handouts) — nothing about the person who receives it. The
// answer fills the screen in large words: handed out, already handed out (when, by whom), or
// a cancelled carnet not to give out.

import { call, json, Offline, SignedOut } from "./api.mjs";
import { Camera, cameraButton } from "./camera.mjs";
import { leave, pageBar, requireRole } from "./page.mjs";
import { normalizeScan } from "./passverify.mjs";
import { passNumber } from "./passnumber.mjs";
import { scanField, scanSection } from "./scanfield.mjs";
import { readStub, STUB_LENGTH } from "./stub.mjs";
import { dismissVerdicts, hideVerdict, markShown, showVerdict } from "./verdict.mjs";
import { parisDay, parisTime, t } from "./words.mjs";

const $ = (id) => document.getElementById(id);
let scan;  // the scan field, made at start (scanSection)
const state = { office: "", recent: [] };

/** What the service answered, in the current language's words: `key` and `values` as for t. */
function answer(kind, wordKey, carnet, at, key, ...values) {
  return { kind, word: () => t(wordKey), detail: () => t(key, ...values.map((v) => (typeof v === "function" ? v() : v))), carnet, at };
}

/** What a scan gives: { kind, word, detail, carnet, at }, `word` and `detail` functions (showVerdict). */
async function handOut(text) {
  const digits = normalizeScan(text);
  const refused = (key, carnet = "", ...values) => answer("refused", "notRecordedWord", carnet, undefined, key, ...values);
  if (digits?.length === 200) return refused("stubIsPass");
  const stub = readStub(digits);
  if (!stub) return refused("stubUnreadable");
  const carnet = t("carnetNumber", passNumber(stub.kid, stub.first));
  let response;
  try {
    response = await call("/v1/handouts", { method: "POST", body: stub });
  } catch (error) {
    if (error instanceof Offline) return refused("handoutOffline", carnet);
    throw error;
  }
  const body = await json(response);
  if (response.status === 201) {
    countToday();
    const when = () => parisTime(body.handedOutAt);
    return answer("accepted", "handedOut", carnet, body.handedOutAt, "handedOutDetail", stub.count, when);
  }
  if (response.status === 200) {
    return answer("warning", "alreadyHandedOut", carnet, body.handedOutAt, "alreadyHandedOutDetail", () => parisTime(body.handedOutAt), body.office);
  }
  if (body.error === "revoked") return answer("refused", "cancelledCarnet", carnet, undefined, "cancelledDetail");
  return refused("notRecorded", carnet, body.message ?? response.status);
}

async function judge(text) {
  const started = performance.now();
  let result;
  try {
    result = await handOut(text);
  } catch (error) {
    if (error instanceof SignedOut) return leave(error);
    result = answer("refused", "notRecordedWord", "", undefined, "notRecorded", error.message);
  }
  showVerdict(result.kind, result.word, result.detail, result.carnet, { next: "nextStub", stayMs: 6000 });
  markShown(started);
  if (result.carnet) state.recent.unshift(result);
  showRecent();
  scan.focus();
}

// ---- today's hand-overs on this browser ------------------------------------------------------

function todayKey() {
  return `passnum.handouts.${state.office}.${parisDay()}`;
}

function countToday() {
  localStorage.setItem(todayKey(), String(Number(localStorage.getItem(todayKey()) ?? 0) + 1));
}

function showRecent() {
  $("today").textContent = t("handoutsToday", Number(localStorage.getItem(todayKey()) ?? 0));
  const list = $("recent");
  list.replaceChildren();
  for (const r of state.recent.slice(0, 10)) {
    const item = document.createElement("li");
    item.className = r.kind;
    item.textContent = t(`recent_${r.kind}`, r.carnet, r.at ? parisTime(r.at) : r.word());
    list.append(item);
  }
}

async function start() {
  pageBar({ onLanguage: showRecent });
  let who;
  try {
    who = await requireRole("office");
  } catch {
    // Offline: a hand-over needs the service; the page says so at each scan.
    who = { office: localStorage.getItem("passnum.office") ?? "" };
  }
  if (!who) return;
  state.office = who.office;
  localStorage.setItem("passnum.office", who.office);
  showRecent();
  const controls = scanSection(document.querySelector("section.scan"));
  scan = controls.input;
  scanField(scan, { onScan: judge, onKey: hideVerdict, whole: STUB_LENGTH, quietMs: 150 });
  dismissVerdicts();
  cameraButton(controls.camera, new Camera(controls.video, judge), controls.error, () => scan.focus());
  document.body.dataset.ready = "true";
}

start();
