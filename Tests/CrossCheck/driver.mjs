// Cross-check driver: node driver.mjs TRUSTLIST CORPUS — one line "AT TEXT" in, one verdict out.
import { readFileSync } from "node:fs";
import { loadTrustList, verify } from "../../Bindings/js/passverify.mjs";

const list = await loadTrustList(readFileSync(process.argv[2]));
const out = [];
for (const line of readFileSync(process.argv[3], "utf8").split("\n")) {
  if (!line) continue;
  const [at, text] = line.split(" ");
  const r = await verify(text, list, Number(at));
  out.push(r.valid ? `valid ${r.kid} ${r.serial} ${r.valueCents} ${r.expires}` : r.reason);
}
process.stdout.write(out.join("\n") + "\n");
