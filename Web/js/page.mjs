// What every signed-in page shares: the service worker, and signing out.

import { call } from "./api.mjs";

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
