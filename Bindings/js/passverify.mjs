// passverify.mjs: verifies passnum passes (SPEC.md, format v1) offline, in browsers and in
// Node >= 20. One file, no dependencies: Ed25519 through WebCrypto, BLAKE2b-256 and the curve
// checks WebCrypto does not make written here.
//
//   import { loadTrustList, verify, normalizeScan } from "./passverify.mjs";
//   const trustList = await loadTrustList(trustListJson);      // throws TrustListError
//   const result = await verify(text, trustList, Math.floor(Date.now() / 1000));
//   // { valid: true, kid, serial, valueCents, expires, issuer } or { valid: false, reason }
//
// `expires` and `at` are Unix seconds. A pass is identified by (kid, serial): key spends by it.
//
// A list fetched from a place you do not trust (the service, over the network) is checked
// against the programme's root key first (SPEC.md §14), then loaded as above:
//
//   const answer = await fetch("/v1/trustlist");
//   const bytes = new Uint8Array(await answer.arrayBuffer());        // the exact bytes, not .text()
//   await checkTrustListSignature(bytes, answer.headers.get("Passnum-Trust-List-Signature"), rootPublicKey);
//   const trustList = await loadTrustList(bytes);                      // throws TrustListSignatureError before

/** Why a pass is refused, in the order of SPEC.md §6. */
export const TOKEN_REASONS = Object.freeze([
  "malformed", "unsupported_version", "unknown_key", "key_revoked", "key_not_valid", "bad_signature", "expired",
]);

/** Why a trust list is refused, in the order of SPEC.md §7.1. */
export const TRUST_LIST_REASONS = Object.freeze([
  "not_json", "missing_field", "wrong_type", "wrong_format", "bad_kid", "bad_base64", "bad_key",
  "kid_mismatch", "bad_time", "bad_validity", "unknown_status", "duplicate_kid", "bad_issuer",
]);

/** Why a trust list's signature is refused, in the order of SPEC.md §14.2. */
export const SIGNATURE_REASONS = Object.freeze(["bad_root_key", "malformed_signature", "wrong_root", "bad_list_signature"]);

/** The header of `GET /v1/trustlist` that carries the signature (SPEC.md §14.3). */
export const SIGNATURE_HEADER = "Passnum-Trust-List-Signature";

/** A trust list the root key did not sign as it is; `code` is one of SIGNATURE_REASONS. */
export class TrustListSignatureError extends Error {
  constructor(code, message) {
    super(`${code}: ${message}`);
    this.name = "TrustListSignatureError";
    this.code = code;
  }
}

/** A trust list that must not be used; `code` is one of TRUST_LIST_REASONS. */
export class TrustListError extends Error {
  constructor(code, message) {
    super(`${code}: ${message}`);
    this.name = "TrustListError";
    this.code = code;
  }
}

const DOMAIN = new TextEncoder().encode("pass-numerique:v1");
const SIGNATURE_DOMAIN = new TextEncoder().encode("passnum-trustlist-signature:v1");
const SIGNATURE_PREFIX = "pnt1.";
const FIELDS = ["kid", "publicKey", "issuer", "notBefore", "notAfter", "status"];
const ISSUER_LIMIT = 100;  // Unicode scalars (SPEC.md §7.2)
const LONE_SURROGATE = /\p{Cs}/u;  // with the u flag, a well-formed pair is one code point, not Cs

/**
 * Loads and checks a trust list (SPEC.md §7.1): a string, or the file's bytes
 * (Uint8Array or ArrayBuffer). Resolves to an opaque list for `verify`.
 */
export async function loadTrustList(json) {
  const doc = parseJSON(json);
  if (!isObject(doc)) fail("wrong_type", "the trust list must be a JSON object");
  if (member(doc, "format", "string", "the trust list") !== "passnum-trustlist/v1") {
    fail("wrong_format", `format is "${doc.format}", expected "passnum-trustlist/v1"`);
  }
  const entries = member(doc, "keys", "array", "the trust list");
  const keys = new Map();
  entries.forEach((entry, index) => {
    const key = checkEntry(entry, `key #${index + 1}`);
    if (keys.has(key.kid)) fail("duplicate_kid", `key id ${key.kid} appears more than once`);
    checkIssuer(key.issuer, `key #${index + 1} (${key.kid})`);
    keys.set(key.kid, key);
  });
  return Object.freeze({ keys, cryptoKeys: new Map() });
}

/**
 * Verifies the 200-digit text at `atUnixSeconds` (SPEC.md §6). `trustList` is what
 * `loadTrustList` returned, or the JSON itself (loaded again on each call).
 */
export async function verify(text, trustList, atUnixSeconds) {
  const list = trustList && trustList.keys instanceof Map ? trustList : await loadTrustList(trustList);
  const token = decode(text);
  if (typeof token === "string") return refuse(token);
  const kid = hex(token.subarray(1, 5));
  const key = list.keys.get(kid);
  if (!key) return refuse("unknown_key");
  if (key.status !== "active") return refuse("key_revoked");
  if (!(key.notBefore <= atUnixSeconds && atUnixSeconds <= key.notAfter)) return refuse("key_not_valid");
  if (!(await signatureIsGenuine(list, key, token))) return refuse("bad_signature");
  const expires = readUint(token, 15, 4);
  if (!(atUnixSeconds < expires)) return refuse("expired");
  return { valid: true, kid, serial: readUint(token, 5, 6), valueCents: readUint(token, 11, 4), expires, issuer: key.issuer };
}

/**
 * Checks that the programme's root key signed exactly these trust-list bytes (SPEC.md §14.2).
 * `listBytes`: the list as received (Uint8Array or ArrayBuffer; a string is taken as its UTF-8
 * bytes). `signature`: the text of trustlist.json.sig or of the Passnum-Trust-List-Signature
 * header (blanks around it ignored; null or undefined is malformed). `rootPublicKey`: the root
 * key pinned at set-up, 32 bytes or the base64 text of its .pub file. Resolves to
 * `{ rootKid, signedAt }` (Unix seconds) or rejects with a TrustListSignatureError. It does not
 * load the list: give the same bytes to `loadTrustList` once it resolves.
 */
export async function checkTrustListSignature(listBytes, signature, rootPublicKey) {
  const refuse = (code, message) => { throw new TrustListSignatureError(code, message); };
  const root = typeof rootPublicKey === "string" ? decodeBase64(rootPublicKey.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, "")) : toBytes(rootPublicKey);
  if (!root || root.length !== 32 || !isValidPublicKey(root)) refuse("bad_root_key", "the root public key is not a valid Ed25519 public key");
  const text = typeof signature === "string" ? signature.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, "") : "";
  const body = text.startsWith(SIGNATURE_PREFIX) ? decodeBase64(text.slice(SIGNATURE_PREFIX.length)) : null;
  if (!body || body.length !== 72) refuse("malformed_signature", `the signature is not ${SIGNATURE_PREFIX} and the base64 of 72 bytes`);
  const rootKid = hex(blake2b256(root).subarray(0, 4));
  if (hex(body.subarray(0, 4)) !== rootKid) refuse("wrong_root", `signed by root key ${hex(body.subarray(0, 4))}, not by the pinned root key ${rootKid}`);
  const list = toBytes(listBytes);
  const message = new Uint8Array(SIGNATURE_DOMAIN.length + 8 + list.length);
  message.set(SIGNATURE_DOMAIN);
  message.set(body.subarray(0, 8), SIGNATURE_DOMAIN.length);
  message.set(list, SIGNATURE_DOMAIN.length + 8);
  const cryptoKey = await crypto.subtle.importKey("raw", root, { name: "Ed25519" }, false, ["verify"]);
  if (!(await ed25519Verify(cryptoKey, body.subarray(8), message))) refuse("bad_list_signature", "the signature does not match the list's bytes");
  return Object.freeze({ rootKid, signedAt: readUint(body, 4, 4) });
}

function toBytes(value) {
  if (typeof value === "string") return new TextEncoder().encode(value);
  return value instanceof ArrayBuffer ? new Uint8Array(value) : value;
}

/**
 * The scanner's input layer (SPEC.md §8): the digits a keyboard-emulating scanner meant, with
 * blanks removed and the AZERTY digit row mapped back, or null if anything else was typed.
 */
export function normalizeScan(input) {
  let digits = "";
  for (const c of input) {
    if (BLANKS.includes(c)) continue;
    if (c >= "0" && c <= "9") digits += c;
    else if (AZERTY.includes(c)) digits += String(AZERTY.indexOf(c));
    else return null;
  }
  return digits;
}

const BLANKS = " \t\r\n\u00a0\u202f";
const AZERTY = "\u00e0&\u00e9\"'(-\u00e8_\u00e7";

// ---- the pass (SPEC.md §5, §6 steps 1–6) -------------------------------------------------

/** The 83 token bytes, or the reason the text is refused. */
function decode(text) {
  if (typeof text !== "string" || text.length !== 200 || !/^[0-9]{200}$/.test(text)) return "malformed";
  const number = BigInt(text);
  if (number >= 1n << 664n) return "malformed";
  const token = bytesOfHex(number.toString(16).padStart(166, "0"));
  if (token[0] !== 1) return "unsupported_version";
  if (readUint(token, 5, 6) === 0 || readUint(token, 11, 4) === 0) return "malformed";
  return token;
}

function refuse(reason) {
  return { valid: false, reason };
}

function readUint(bytes, offset, length) {
  let value = 0;
  for (let i = offset; i < offset + length; i++) value = value * 256 + bytes[i];
  return value;
}

// ---- the signature (SPEC.md §6 step 10) --------------------------------------------------

async function signatureIsGenuine(list, key, token) {
  let cryptoKey = list.cryptoKeys.get(key.kid);
  if (!cryptoKey) {
    cryptoKey = await crypto.subtle.importKey("raw", key.publicKey, { name: "Ed25519" }, false, ["verify"]);
    list.cryptoKeys.set(key.kid, cryptoKey);
  }
  const message = new Uint8Array(DOMAIN.length + 19);
  message.set(DOMAIN);
  message.set(token.subarray(0, 19), DOMAIN.length);
  return ed25519Verify(cryptoKey, token.subarray(19), message);
}

/** Ed25519 as libsodium checks it (SPEC.md §6 step 10): WebCrypto (OpenSSL in Node) checks
 * S < L but accepts a small-order R, so both are refused here first. */
async function ed25519Verify(cryptoKey, signature, message) {
  if (littleEndian(signature.subarray(32)) >= L) return false;
  if (SMALL_ORDER_Y.includes(littleEndian(signature.subarray(0, 32)) & MASK_255)) return false;
  return crypto.subtle.verify({ name: "Ed25519" }, cryptoKey, signature, message);
}

// ---- the trust list (SPEC.md §7.1) -------------------------------------------------------

function fail(code, message) {
  throw new TrustListError(code, message);
}

function parseJSON(json) {
  let text = json;
  if (typeof json !== "string") {
    const bytes = json instanceof ArrayBuffer ? new Uint8Array(json) : json;
    try {
      text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
    } catch {
      fail("not_json", "the trust list is not UTF-8");
    }
  }
  if (text.startsWith("\ufeff")) fail("not_json", "the trust list starts with a byte-order mark");
  let doc;
  try {
    doc = JSON.parse(text, refuseLoneSurrogates);
  } catch (error) {
    if (error instanceof TrustListError) throw error;
    return fail("not_json", "the trust list is not valid JSON");
  }
  return doc;
}

/** SPEC.md §7.1 step 1 (I-JSON): JSON.parse keeps an escaped surrogate that is not half of a
 * pair, which no UTF-8 text can hold; every member name and string is looked at. */
function refuseLoneSurrogates(name, value) {
  if (LONE_SURROGATE.test(name) || (typeof value === "string" && LONE_SURROGATE.test(value))) {
    fail("not_json", "the trust list has an escaped surrogate that is not half of a pair");
  }
  return value;
}

function isObject(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function member(object, name, type, where) {
  if (!Object.hasOwn(object, name)) fail("missing_field", `${where}: missing field "${name}"`);
  const value = object[name];
  if (type === "array" ? !Array.isArray(value) : typeof value !== type) fail("wrong_type", `${where}: ${name} must be a ${type}`);
  return value;
}

/** Step 8.13: 1 to 100 Unicode scalars (SPEC.md §7.2): code points, not UTF-16 units. */
function checkIssuer(issuer, at) {
  const scalars = [...issuer].length;
  if (scalars < 1 || scalars > ISSUER_LIMIT) fail("bad_issuer", `${at}: issuer must be 1 to ${ISSUER_LIMIT} Unicode characters, not ${scalars}`);
}

function checkEntry(entry, where) {
  if (!isObject(entry)) fail("wrong_type", `${where} must be a JSON object`);
  const f = Object.fromEntries(FIELDS.map((name) => [name, member(entry, name, "string", where)]));
  const at = `${where} (${f.kid})`;
  if (!/^[0-9a-f]{8}$/.test(f.kid)) fail("bad_kid", `${at}: kid must be 8 lowercase hex digits`);
  const publicKey = decodeBase64(f.publicKey);
  if (!publicKey) fail("bad_base64", `${at}: publicKey must be strict standard base64`);
  if (publicKey.length !== 32 || !isValidPublicKey(publicKey)) fail("bad_key", `${at}: publicKey is not a valid Ed25519 public key`);
  if (hex(blake2b256(publicKey).subarray(0, 4)) !== f.kid) fail("kid_mismatch", `${at}: kid does not match its public key`);
  const notBefore = parseTime(f.notBefore);
  const notAfter = parseTime(f.notAfter);
  if (notBefore === null || notAfter === null) fail("bad_time", `${at}: times are written exactly as 2026-11-01T00:00:00Z`);
  if (notBefore > notAfter) fail("bad_validity", `${at}: notBefore is after notAfter`);
  if (f.status !== "active" && f.status !== "revoked") fail("unknown_status", `${at}: status must be "active" or "revoked"`);
  return Object.freeze({ kid: f.kid, publicKey, issuer: f.issuer, notBefore, notAfter, status: f.status });
}

/** `YYYY-MM-DDTHH:MM:SSZ` as Unix seconds (SPEC.md §1), or null. No Date parsing: it is lax. */
export function parseTime(text) {
  const m = /^([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})Z$/.exec(text);
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1).map(Number);
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const monthDays = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  if (month < 1 || month > 12 || day < 1 || day > monthDays[month - 1] || hour > 23 || minute > 59 || second > 59) return null;
  // Days since 1970-01-01 in the proleptic Gregorian calendar (H. Hinnant's algorithm).
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const days = era * 146097 + yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear - 719468;
  return days * 86400 + hour * 3600 + minute * 60 + second;
}

const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

function encodeBase64(bytes) {
  let out = "";
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const kept = Math.min(4, bytes.length - i + 1);
    for (let j = 0; j < 4; j++) out += j < kept ? BASE64[(n >> (18 - 6 * j)) & 63] : "=";
  }
  return out;
}

/** Strict base64 (SPEC.md §1): the bytes only if encoding them again gives the same text. */
function decodeBase64(text) {
  if (text.length % 4 !== 0) return null;
  const body = text.replace(/={1,2}$/, "");
  const bytes = [];
  let bits = 0;
  let count = 0;
  for (const c of body) {
    const value = BASE64.indexOf(c);
    if (value < 0) return null;
    bits = (bits << 6) | value;
    count += 6;
    if (count >= 8) {
      count -= 8;
      bytes.push((bits >> count) & 255);
      bits &= (1 << count) - 1;
    }
  }
  const out = Uint8Array.from(bytes);
  return encodeBase64(out) === text ? out : null;
}

// ---- the curve (SPEC.md §7.1 step 8.6), in BigInt: a trust list has a few keys -----------

const P = (1n << 255n) - 19n;
const L = (1n << 252n) + 27742317777372353535851937790883648493n;
const MASK_255 = (1n << 255n) - 1n;
const D = mod(-121665n * power(121666n, P - 2n));
const SQRT_M1 = power(2n, (P - 1n) / 4n);
const SMALL_ORDER_Y = [
  0n, 1n, P - 1n,
  littleEndian(bytesOfHex("26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05")),
  littleEndian(bytesOfHex("c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a")),
];

function mod(a) {
  const r = a % P;
  return r < 0n ? r + P : r;
}

function power(base, exponent) {
  let result = 1n;
  let b = mod(base);
  for (let e = exponent; e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * b) % P;
    b = (b * b) % P;
  }
  return result;
}

/** A canonical point of the prime-order subgroup, not of small order (libsodium's rule). */
function isValidPublicKey(bytes) {
  const point = decompress(bytes);
  return point !== null && !isNeutral(multiply(point, 8n)) && isNeutral(multiply(point, L));
}

function decompress(bytes) {
  const y = littleEndian(bytes) & MASK_255;
  const sign = bytes[31] >> 7;
  if (y >= P) return null;
  const u = mod(y * y - 1n);
  const v = mod(D * y * y + 1n);
  let x = mod(u * power(v, 3n) * power(u * power(v, 7n), (P - 5n) / 8n));
  if (mod(v * x * x) === mod(-u)) x = mod(x * SQRT_M1);
  if (mod(v * x * x) !== u) return null;
  if (x === 0n && sign === 1) return null;
  if (Number(x & 1n) !== sign) x = P - x;
  return [x, y, 1n, mod(x * y)];
}

function add([x1, y1, z1, t1], [x2, y2, z2, t2]) {
  const a = mod((y1 - x1) * (y2 - x2));
  const b = mod((y1 + x1) * (y2 + x2));
  const c = mod(2n * D * t1 * t2);
  const d = mod(2n * z1 * z2);
  const [e, f, g, h] = [b - a, d - c, d + c, b + a];
  return [mod(e * f), mod(g * h), mod(f * g), mod(e * h)];
}

function multiply(point, n) {
  let result = [0n, 1n, 1n, 0n];
  for (let k = n, p = point; k > 0n; k >>= 1n, p = add(p, p)) {
    if (k & 1n) result = add(result, p);
  }
  return result;
}

function isNeutral([x, y, z]) {
  return mod(x) === 0n && mod(y - z) === 0n;
}

// ---- BLAKE2b-256 (RFC 7693), for key ids: WebCrypto and Node's OpenSSL have none ---------

const IV = [
  0x6a09e667f3bcc908n, 0xbb67ae8584caa73bn, 0x3c6ef372fe94f82bn, 0xa54ff53a5f1d36f1n,
  0x510e527fade682d1n, 0x9b05688c2b3e6c1fn, 0x1f83d9abfb41bd6bn, 0x5be0cd19137e2179n,
];
const SIGMA = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15], [14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3],
  [11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4], [7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8],
  [9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13], [2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9],
  [12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11], [13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10],
  [6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5], [10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0],
];
const M64 = (1n << 64n) - 1n;
const rotr = (x, n) => ((x >> n) | (x << (64n - n))) & M64;

/** BLAKE2b with a 32-byte output and no key (libsodium's crypto_generichash). */
export function blake2b256(input) {
  const h = IV.slice();
  h[0] ^= 0x01010000n ^ 32n;
  const blocks = Math.max(1, Math.ceil(input.length / 128));
  for (let i = 0; i < blocks; i++) {
    const block = new Uint8Array(128);
    block.set(input.subarray(i * 128, (i + 1) * 128));
    const last = i === blocks - 1;
    compress(h, block, BigInt(last ? input.length : (i + 1) * 128), last);
  }
  const out = new Uint8Array(32);
  const view = new DataView(out.buffer);
  for (let i = 0; i < 4; i++) view.setBigUint64(8 * i, h[i], true);
  return out;
}

function compress(h, block, counter, last) {
  const view = new DataView(block.buffer);
  const m = Array.from({ length: 16 }, (_, i) => view.getBigUint64(8 * i, true));
  const v = [...h, ...IV];
  v[12] ^= counter & M64;
  v[13] ^= counter >> 64n;
  if (last) v[14] ^= M64;
  const g = (a, b, c, d, x, y) => {
    v[a] = (v[a] + v[b] + x) & M64;
    v[d] = rotr(v[d] ^ v[a], 32n);
    v[c] = (v[c] + v[d]) & M64;
    v[b] = rotr(v[b] ^ v[c], 24n);
    v[a] = (v[a] + v[b] + y) & M64;
    v[d] = rotr(v[d] ^ v[a], 16n);
    v[c] = (v[c] + v[d]) & M64;
    v[b] = rotr(v[b] ^ v[c], 63n);
  };
  for (let round = 0; round < 12; round++) {
    const s = SIGMA[round % 10];
    g(0, 4, 8, 12, m[s[0]], m[s[1]]);
    g(1, 5, 9, 13, m[s[2]], m[s[3]]);
    g(2, 6, 10, 14, m[s[4]], m[s[5]]);
    g(3, 7, 11, 15, m[s[6]], m[s[7]]);
    g(0, 5, 10, 15, m[s[8]], m[s[9]]);
    g(1, 6, 11, 12, m[s[10]], m[s[11]]);
    g(2, 7, 8, 13, m[s[12]], m[s[13]]);
    g(3, 4, 9, 14, m[s[14]], m[s[15]]);
  }
  for (let i = 0; i < 8; i++) h[i] ^= v[i] ^ v[i + 8];
}

// ---- bytes --------------------------------------------------------------------------------

function hex(bytes) {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

function bytesOfHex(text) {
  return Uint8Array.from(text.match(/../g) ?? [], (pair) => parseInt(pair, 16));
}

function littleEndian(bytes) {
  let n = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) n = (n << 8n) | BigInt(bytes[i]);
  return n;
}
