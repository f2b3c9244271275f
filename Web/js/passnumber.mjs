// The human pass number of SPEC.md §11: written for a verdict, read for a typed look-up; and
// its Damm check digit, which the carnet stub code (§15) uses too.

const DAMM = [
  [0, 3, 1, 7, 5, 9, 8, 6, 4, 2], [7, 0, 9, 2, 1, 5, 4, 8, 6, 3], [4, 2, 0, 6, 8, 7, 1, 3, 5, 9],
  [1, 7, 5, 0, 9, 8, 3, 4, 2, 6], [6, 1, 2, 3, 0, 4, 5, 9, 7, 8], [3, 6, 7, 4, 2, 0, 9, 5, 8, 1],
  [5, 8, 6, 9, 7, 2, 0, 1, 3, 4], [8, 9, 4, 5, 3, 6, 2, 0, 1, 7], [9, 4, 3, 8, 6, 1, 7, 2, 0, 5],
  [2, 5, 8, 1, 4, 3, 6, 7, 9, 0],
];

export function damm(digits) {
  let interim = 0;
  for (const d of digits) interim = DAMM[interim][d.charCodeAt(0) - 48];
  return interim;
}

/** The key's series: the kid (8 hex digits) as a 32-bit number, mod 1000, in 3 digits. */
export function series(kid) {
  return String(parseInt(kid, 16) % 1000).padStart(3, "0");
}

/** The printed number of (kid, serial), e.g. "195 000 001-0". */
export function passNumber(kid, serial) {
  const s = series(kid);
  const digits = String(serial).padStart(6, "0");
  const groups = [];
  for (let end = digits.length; end > 0; end -= 3) groups.unshift(digits.slice(Math.max(0, end - 3), end));
  return `${s} ${groups.join(" ")}-${damm(s + digits)}`;
}

/** A typed number read as { series, serial }, or { reason: "malformed" } (SPEC.md §11). */
export function readPassNumber(typed) {
  let digits = "";
  for (const c of typed) {
    if (" \u00a0\u202f-.".includes(c)) continue;
    if (c < "0" || c > "9") return { reason: "malformed" };
    digits += c;
  }
  if (digits.length < 10 || digits.length > 19 || damm(digits) !== 0) return { reason: "malformed" };
  const serialDigits = digits.slice(3, -1);
  if (serialDigits.length > 6 && serialDigits.startsWith("0")) return { reason: "malformed" };
  const serial = BigInt(serialDigits);
  if (serial === 0n || serial >= 1n << 48n) return { reason: "malformed" };
  return { series: digits.slice(0, 3), serial: Number(serial) };
}
