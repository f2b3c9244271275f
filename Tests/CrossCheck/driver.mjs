// Cross-check driver: node driver.mjs TRUSTLIST CORPUS — one line "AT TEXT" in, one verdict out;
// node driver.mjs --signed LIST SIGNATURE ROOT_HEX — the verdict on a signed list (SPEC.md §14);
// node driver.mjs --list LIST... — the verdict on loading each list (SPEC.md §7.1).
import { readFileSync } from "node:fs";
import { checkTrustListSignature, loadTrustList, verify } from "../../Bindings/js/passverify.mjs";

if (process.argv[2] === "--signed") {
  const [list, signature, rootHex] = process.argv.slice(3);
  try {
    const s = await checkTrustListSignature(new Uint8Array(readFileSync(list)), readFileSync(signature, "utf8"), Uint8Array.from(Buffer.from(rootHex, "hex")));
    process.stdout.write(`valid ${s.rootKid} ${s.signedAt}\n`);
  } catch (e) {
    if (!e.code) throw e;
    process.stdout.write(`${e.code}\n`);
  }
  process.exit(0);
}

if (process.argv[2] === "--list") {
  for (const file of process.argv.slice(3)) {
    try {
      await loadTrustList(new Uint8Array(readFileSync(file)));
      process.stdout.write("valid\n");
    } catch (e) {
      if (!e.code) throw e;
      process.stdout.write(`${e.code}\n`);
    }
  }
  process.exit(0);
}

const list = await loadTrustList(readFileSync(process.argv[2]));
const out = [];
for (const line of readFileSync(process.argv[3], "utf8").split("\n")) {
  if (!line) continue;
  const [at, text] = line.split(" ");
  const r = await verify(text, list, Number(at));
  out.push(r.valid ? `valid ${r.kid} ${r.serial} ${r.valueCents} ${r.expires}` : r.reason);
}
process.stdout.write(out.join("\n") + "\n");
