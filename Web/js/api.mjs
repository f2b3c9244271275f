// The service's routes as the pages call them: same origin, the session cookie sent by the
// browser (never a key), a bound on each wait so a dead network turns into "offline" quickly.

export class Offline extends Error {}

/** Thrown for a 401: `expired` when the service said the session is past its expiry. */
export class SignedOut extends Error {
  constructor(expired) {
    super(expired ? "session_expired" : "unauthorized");
    this.expired = expired;
  }
}

/** fetch with a timeout; a network failure, a timeout or a 5xx is `Offline`. */
export async function call(path, { method = "GET", body, type = "application/json", timeoutMs = 4000 } = {}) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  let response;
  try {
    const headers = body === undefined ? {} : { "Content-Type": type };
    const payload = body === undefined || type !== "application/json" ? body : JSON.stringify(body);
    response = await fetch(path, { method, headers, body: payload, credentials: "same-origin", cache: "no-store", signal: controller.signal });
  } catch (error) {
    throw new Offline(String(error));
  } finally {
    clearTimeout(timer);
  }
  if (response.status >= 500) throw new Offline(`HTTP ${response.status}`);
  return response;
}

/** The JSON of an answer, or SignedOut for a 401. */
export async function json(response) {
  const value = await response.json().catch(() => ({}));
  if (response.status === 401) throw new SignedOut(value.error === "session_expired");
  return value;
}

/** Who is signed in: { role, partner | office, expiresAt }; SignedOut or Offline otherwise. */
export async function session() {
  return json(await call("/v1/session"));
}

/** Each role's own page, where signing in leads. */
export const HOME = Object.freeze({ partner: "/counter", office: "/handout", admin: "/admin" });

/** The name a session shows: the partner's, the office's, or none for the admin. */
export function sessionName(who) {
  return who.partner ?? who.office ?? "";
}

/** The page a signed-out visitor is sent to, saying why. */
export function toSignIn(why) {
  location.replace(`/?why=${encodeURIComponent(why)}`);
}
