// What every signed-in page shares: the bar at the top (who is signed in, a link to the other
// page, the language, signing out), the check that the session is of the page's role, the
// service worker.

import { call, HOME, session, sessionName, SignedOut, toSignIn } from "./api.mjs";
import { applyWords, languageButton } from "./words.mjs";

function element(tag, attributes = {}) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  return el;
}

/**
 * Fills `<header id="bar">`: the partner's name (#partner), `status` spans (ids, e.g. "net",
 * "tally"), a link to `link.href` worded by `link.words`, the language button and sign-out.
 * `onLanguage` rewrites what the page wrote itself; the words of the page are applied here.
 */
export function pageBar({ status = [], link = null, onLanguage = () => {} }) {
  const bar = document.getElementById("bar");
  bar.className = "bar";
  bar.append(element("strong", { id: "partner" }));
  for (const id of status) bar.append(element("span", { id, role: "status" }));
  const nav = element("nav");
  if (link) nav.append(element("a", { href: link.href, "data-t": link.words }));
  nav.append(
    element("button", { type: "button", id: "lang", class: "quiet", "data-t": "language" }),
    element("button", { type: "button", id: "signout", class: "quiet", "data-t": "signOut" }),
  );
  bar.append(nav);
  applyWords();
  languageButton(document.getElementById("lang"), onLanguage);
  signOutButton(document.getElementById("signout"));
  startServiceWorker();
}

/** The service worker keeps the pages' files, so a reload without network still opens them. */
export function startServiceWorker() {
  if ("serviceWorker" in navigator) navigator.serviceWorker.register("/sw.js").catch((error) => console.warn("service worker", error));
}

export function signOutButton(button) {
  button.addEventListener("click", async () => {
    try {
      await call("/v1/session", { method: "DELETE" });
    } catch {
      // Offline: the cookie is cleared at the next sign-in; the page still forgets the session.
    }
    localStorage.removeItem("passnum.partner");
    localStorage.removeItem("passnum.role");
    location.replace("/?why=signedOut");
  });
}

/** Sends a signed-out visitor to the sign-in page, saying why (`SignedOut`). */
export function leave(error) {
  toSignIn(error.expired ? "expired" : "signedOut");
}

/** Keeps who signed in on this browser (never the key): the role, and a partner's name for the
 * counter's offline work. */
export function remember(who) {
  localStorage.setItem("passnum.role", who.role);
  if (who.role === "partner") localStorage.setItem("passnum.partner", who.partner);
  else localStorage.removeItem("passnum.partner");
}

/**
 * The session, when it is of this page's `role`. A visitor who is not signed in is sent to the
 * sign-in page, and one signed in with another kind of key is told in words whose page this
 * is and given a link to their own: both resolve to null. `Offline` is thrown for the page to
 * decide (the counter works offline).
 */
export async function requireRole(role) {
  let who;
  try {
    who = await session();
  } catch (error) {
    if (!(error instanceof SignedOut)) throw error;
    leave(error);
    return null;
  }
  remember(who);
  document.getElementById("partner").textContent = sessionName(who);
  if (who.role === role) return who;
  wrongRole(role, who);
  return null;
}

/** Replaces the page with why it is refused: whose page it is, who is signed in, their page. */
function wrongRole(role, who) {
  document.querySelector("#bar nav a")?.remove();
  document.getElementById("verdict")?.remove();
  const box = element("section", { id: "wrong-role", class: "wrong-role", role: "alert" });
  const as = element("p");
  as.append(element("span", { "data-t": `signedInAs_${who.role}` }));
  if (sessionName(who)) as.append(" ", Object.assign(element("strong"), { textContent: sessionName(who) }));
  box.append(
    element("h1", { "data-t": `pageFor_${role}` }), as,
    element("a", { class: "button", href: HOME[who.role], "data-t": `goTo_${who.role}` }),
    element("p", { "data-t": "otherKeyHint" }),
  );
  document.querySelector("main").replaceChildren(box);
  applyWords();
  document.body.dataset.ready = "true";
}
