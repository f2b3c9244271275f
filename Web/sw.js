// The service worker: keeps the pages' files so the counter opens without network (a reload
// during a cut). Pages and files: network first, the kept copy when the network fails; the
// service's API (/v1/...) is never cached here: the page keeps its own replica in IndexedDB. Nor
// is the admin's dashboard (/admin): the service writes it for a session, and its figures stay
// on the service (it is of no use offline).

const CACHE = "passnum-web-v4";
const FILES = [
  "/", "/counter", "/partner", "/handout", "/style.css",
  "/js/api.mjs", "/js/camera.mjs", "/js/counter.mjs", "/js/desk.mjs", "/js/grace.mjs", "/js/handout.mjs", "/js/help.mjs", "/js/page.mjs", "/js/partner.mjs",
  "/js/passnumber.mjs", "/js/passverify.mjs", "/js/scanfield.mjs", "/js/signin.mjs", "/js/store.mjs", "/js/stub.mjs", "/js/sync.mjs",
  "/js/trustroot.mjs", "/js/verdict.mjs", "/js/words.mjs",
];

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(FILES)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((names) => Promise.all(names.filter((n) => n !== CACHE).map((n) => caches.delete(n))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== "GET" || url.origin !== location.origin || url.pathname.startsWith("/v1/") || url.pathname === "/admin") return;
  event.respondWith(
    fetch(event.request)
      .then((response) => {
        if (response.ok) {
          const copy = response.clone();
          caches.open(CACHE).then((cache) => cache.put(url.pathname, copy));
        }
        return response;
      })
      .catch(() => caches.match(url.pathname).then((kept) => kept ?? Response.error())),
  );
});
