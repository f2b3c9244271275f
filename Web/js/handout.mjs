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

/** What a scan gives: { kind, word, detail, carnet, at }. */
async function handOut(text) {
  const digits = normalizeScan(text);
  const refused = (detail, carnet = "") => ({ kind: "refused", word: t("notRecordedWord"), detail, carnet });
  if (digits?.length === 200) return refused(t("stubIsPass"));
  const stub = readStub(digits);
  if (!stub) return refused(t("stubUnreadable"));
  const carnet = t("carnetNumber", passNumber(stub.kid, stub.first));
  let response;
  try {
    response = await call("/v1/handouts", { method: "POST", body: stub });
  } catch (error) {
    if (error instanceof Offline) return refused(t("handoutOffline"), carnet);
    throw error;
  }
  const body = await json(response);
  if (response.status === 201) {
    countToday();
    return { kind: "accepted", word: t("handedOut"), detail: t("handedOutDetail", stub.count, parisTime(body.handedOutAt)), carnet, at: body.handedOutAt };
  }
  if (response.status === 200) {
    return { kind: "warning", word: t("alreadyHandedOut"), detail: t("alreadyHandedOutDetail", parisTime(body.handedOutAt), body.office), carnet, at: body.handedOutAt };
  }
  if (body.error === "revoked") return { kind: "refused", word: t("cancelledCarnet"), detail: t("cancelledDetail"), carnet };
  return refused(t("notRecorded", body.message ?? response.status), carnet);
}

async function judge(text) {
  const started = performance.now();
  let result;
  try {
    result = await handOut(text);
  } catch (error) {
    if (error instanceof SignedOut) return leave(error);
    result = { kind: "refused", word: t("notRecordedWord"), detail: t("notRecorded", error.message), carnet: "" };
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
    item.textContent = t(`recent_${r.kind}`, r.carnet, r.at ? parisTime(r.at) : r.word);
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
