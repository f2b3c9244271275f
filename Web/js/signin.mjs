// The sign-in page: a key (a partner's, an office's or the admin's) is sent once to POST
// /v1/session, which answers with an HttpOnly session cookie of that key's role; the key is then
// cleared from the field and kept nowhere, and the browser goes to the role's own page.

import { call, HOME, json, Offline, session, SignedOut } from "./api.mjs";
import { remember, startServiceWorker } from "./page.mjs";
import { announcedRoot, fingerprint, pinnedRoot } from "./trustroot.mjs";
import { applyWords, languageButton, t } from "./words.mjs";

const $ = (id) => document.getElementById(id);
const why = new URLSearchParams(location.search).get("why");

function say(key) {
  $("message").textContent = key ? t(key) : "";
}

async function signIn(event) {
  event.preventDefault();
  const key = $("key").value.trim();
  $("key").value = "";
  say("signingIn");
  try {
    const response = await call("/v1/session", { method: "POST", body: { key } });
    const body = await json(response);
    if (response.status !== 201) return say("keyRefused");
    remember(body);
    location.replace(HOME[body.role]);
  } catch (error) {
    say(error instanceof SignedOut ? "keyRefused" : error instanceof Offline ? "unreachable" : "keyRefused");
  }
}

/** The root key's fingerprint, for staff to compare with their partner letter before they
 * sign in (trustroot.mjs pins it at the first pull); a change from the pinned one is an alarm. */
let rootWords = () => "";
async function showRoot() {
  try {
    const root = await announcedRoot();
    const pinned = pinnedRoot();
    rootWords = () => !root ? t("rootNone")
      : pinned && pinned !== root.publicKey ? t("rootChanged", fingerprint(root.publicKey), fingerprint(pinned))
      : t("rootIs", fingerprint(root.publicKey));
    $("root").className = root && pinned && pinned !== root.publicKey ? "alarm" : root ? "" : "warn";
  } catch {
    rootWords = () => "";  // offline: nothing to compare
  }
  $("root").textContent = rootWords();
}

async function start() {
  applyWords();
  languageButton($("lang"), () => { say(messageKey); $("root").textContent = rootWords(); });
  startServiceWorker();
  const messageKey = why === "expired" ? "sessionExpired" : why === "signedOut" ? "signedOut" : "";
  say(messageKey);
  $("signin").addEventListener("submit", signIn);
  if (!why && (localStorage.getItem("passnum.role") || localStorage.getItem("passnum.partner"))) {
    try {
      return location.replace(HOME[(await session()).role]);
    } catch {
      // Not signed in (or offline): stay here.
    }
  }
  $("key").focus();
  await showRoot();
  document.body.dataset.ready = "true";
}

start();
