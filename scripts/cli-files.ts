/** What the command lines (`npm run rego`, `npm run policy`) share: walking folders, reading documents, writing JSON. */
import fs from "node:fs";
import path from "node:path";
import YAML from "yaml";

/** The file itself, or every file under a folder whose name matches `pattern`, in name order. */
export function filesUnder(p: string, pattern: RegExp): string[] {
  const st = fs.statSync(p);
  if (!st.isDirectory()) return [p];
  return fs
    .readdirSync(p)
    .sort()
    .flatMap((n) => filesUnder(path.join(p, n), pattern))
    .filter((f) => pattern.test(f));
}

/** A JSON or YAML document. */
export function readDocument(file: string): unknown {
  const text = fs.readFileSync(file, "utf8");
  // JSON is YAML: one parser keeps big integers exact for both
  return YAML.parse(text, { intAsBigInt: true });
}

/** JSON text; integers beyond 2^53 (bigints) are written exactly. */
export function jsonText(x: unknown, indent?: number): string {
  const big: string[] = [];
  const text = JSON.stringify(x, (_k, v) => (typeof v === "bigint" ? `\u0000big${big.push(v.toString()) - 1}\u0000` : v), indent);
  return text.replace(/"\\u0000big(\d+)\\u0000"/g, (_m, i) => big[Number(i)]);
}
