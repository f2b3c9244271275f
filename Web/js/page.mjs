// What every signed-in page shares: the bar at the top (who is signed in, a link to the other
// page, the language, signing out), the service worker.

import { call } from "./api.mjs";
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
export function pageBar({ status = [], link, onLanguage = () => {} }) {
  const bar = document.getElementById("bar");
  bar.className = "bar";
  bar.append(element("strong", { id: "partner" }));
  for (const id of status) bar.append(element("span", { id, role: "status" }));
  const nav = element("nav");
  nav.append(
    element("a", { href: link.href, "data-t": link.words }),
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
    location.replace("/?why=signedOut");
  });
}
