// The partner's own view: a month's statement (the numbers of `passnum statement`, from the
// same route) with the kind of help recorded with each pass, CSV download, the receipts this
// browser received, and the conflicts with both times; and every receipt this browser holds as
// a file for `passnum audit --receipts` (SPEC.md §16.2). The service limits every answer to the signed-in partner's own data.

import { call, json, SignedOut } from "./api.mjs";
import { passNumber } from "./passnumber.mjs";
import { leave, pageBar, requireRole } from "./page.mjs";
import * as store from "./store.mjs";
import { euros, helpLabel, language, parisDay, parisTime, t } from "./words.mjs";

const $ = (id) => document.getElementById(id);

function period(month) {
  const [year, m] = month.split("-").map(Number);
  const next = m === 12 ? `${year + 1}-01` : `${year}-${String(m + 1).padStart(2, "0")}`;
  return { from: `${month}-01`, to: `${next}-01` };
}

function cell(text) {
  const td = document.createElement("td");
  td.textContent = text;
  return td;
}

/** "kid:serial" → receipt, for every pass this browser received a receipt for: accepted online
 * (the receipts store) or offline and then synced (the journal). */
async function ownReceipts() {
  const receipts = new Map((await store.all("receipts")).map((r) => [r.pass, r.receipt]));
  for (const e of await store.all("journal")) if (e.receipt) receipts.set(e.pass, e.receipt);
  return receipts;
}

/** Saves the receipts as a text file, one bare receipt a line, the form `passnum audit
 * --receipts` reads. Made in the page from IndexedDB: nothing is sent, and it works offline. */
async function saveReceipts() {
  const lines = [...(await ownReceipts()).values()].filter(Boolean);
  if (!lines.length) {
    $("receipts-said").textContent = t("noReceipts");
    return;
  }
  const partner = String((await store.get("meta", "partner")) ?? "partenaire").replace(/[^A-Za-z0-9_-]+/g, "_");
  const name = `recus-${partner}-${parisDay()}.txt`;
  const link = document.createElement("a");
  link.href = URL.createObjectURL(new Blob([lines.join("\n") + "\n"], { type: "text/plain" }));
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  $("receipts-said").textContent = t("receiptsSaved", lines.length, name);
}

async function show() {
  const { from, to } = period($("month").value);
  // The files of `passnum statement`: the PDF to sign and the CSV for a French spreadsheet.
  $("pdf").href = `/v1/statement?month=${$("month").value}&format=pdf&lang=${language()}`;
  $("csv").href = `/v1/statement?month=${$("month").value}&format=csv-fr`;
  let body;
  try {
    body = await json(await call(`/v1/settlement?from=${from}&to=${to}`));
  } catch (error) {
    if (error instanceof SignedOut) return leave(error);
    $("total").textContent = t("unreachable");
    return;
  }
  const receipts = await ownReceipts();
  const rows = $("passes");
  rows.replaceChildren();
  for (const p of body.partners.flatMap((x) => x.passes)) {
    const tr = document.createElement("tr");
    // The kind of help the service recorded with the pass (chosen after ACCEPTÉ), if any.
    const help = cell(p.helpKind ? helpLabel(p.helpKind) : "—");
    help.className = "help";
    tr.append(cell(passNumber(p.kid, p.serial)), cell(parisTime(p.redeemedAt)), cell(euros(p.valueCents)), help);
    const receipt = receipts.get(`${p.kid}:${p.serial}`);
    const td = cell(receipt ? "✓" : "—");
    if (receipt) td.title = receipt;
    tr.append(td);
    rows.append(tr);
  }
  $("none").hidden = body.count > 0;
  $("total").textContent = t("total", body.count, euros(body.totalCents));
  const conflicts = $("conflicts");
  conflicts.replaceChildren();
  for (const c of body.conflicts) {
    const li = document.createElement("li");
    const other = c.reason === "already_spent" ? t("otherFirst", c.firstRedeemedAt ? parisTime(c.firstRedeemedAt) : "?") : t(c.reason);
    li.textContent = t("conflictLine", passNumber(c.kid, c.serial), parisTime(c.scannedAt), other);
    conflicts.append(li);
  }
  $("no-conflicts").hidden = body.conflicts.length > 0;
}

async function start() {
  pageBar({ link: { href: "/counter", words: "counter" }, onLanguage: show });
  try {
    if (!(await requireRole("partner"))) return;
  } catch {
    // Offline: the page came from the service worker; the statement below says it cannot be read.
  }
  $("month").value = parisDay().slice(0, 7);
  $("show").addEventListener("click", show);
  $("receipts-file").addEventListener("click", saveReceipts);
  await show();
  document.body.dataset.ready = "true";
}

start();
