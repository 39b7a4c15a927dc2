/**
 * OPA conformance runner: runs the YAML cases of OPA's `test/cases/testdata/v1` against lib/rego.
 *   npm run conformance [-- [DIR...] [--only a,b] [--by-folder] [--json FILE] [--verbose]]
 * Exits non-zero only when a case fails that is not in lib/rego/conformance/known-failures.json
 * (keys: `<file relative to the case folder>#<note>`, values: the reason).
 */
import fs from "node:fs";
import path from "node:path";
import YAML from "yaml";
import { compile, formatError, parseValue, type RegoError } from "../lib/rego";
import { fromJSON, equal, keyOf, parseNumber, RObject, type Value } from "../lib/rego/value";
import { parseModule } from "../lib/rego/parser";
import { RegoFailure } from "../lib/rego/errors";

const HELP = `usage: npm run conformance -- [DIR...] [options]
  DIR               case folders (default: $OPA_CONFORMANCE_DIR, else ../shared/opa-conformance/v1 next to the repository)
  --only a,b        run only these case folders (first path segment under DIR)
  --by-folder       print a per-folder table
  --json FILE       write a JSON report
  --verbose         also list every passing case
  --timeout MS      time budget per case (default 5000)
  --help`;

interface Case {
  note: string;
  modules?: string[];
  data?: unknown;
  input?: unknown;
  input_term?: string;
  query: string;
  want_result?: Record<string, unknown>[];
  sort_bindings?: boolean;
  want_error_code?: string;
  want_error?: string;
  strict_error?: boolean;
  skip?: boolean;
}

interface Outcome {
  folder: string;
  file: string;
  note: string;
  status: "pass" | "fail" | "skip";
  message: string;
}

const repoRoot = path.resolve(__dirname, "..");
const args = process.argv.slice(2);
if (args.includes("--help") || args.includes("-h")) {
  console.log(HELP);
  process.exit(0);
}
const dirs: string[] = [];
let only: Set<string> | undefined;
let byFolder = false;
let jsonOut: string | undefined;
let verbose = false;
let timeoutMs = 5000;
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (a === "--only") only = new Set(args[++i].split(",").map((s) => s.trim()).filter(Boolean));
  else if (a === "--by-folder") byFolder = true;
  else if (a === "--json") jsonOut = args[++i];
  else if (a === "--verbose") verbose = true;
  else if (a === "--timeout") timeoutMs = Number(args[++i]);
  else if (a.startsWith("--")) {
    console.error(`unknown option ${a}\n${HELP}`);
    process.exit(2);
  } else dirs.push(a);
}
if (dirs.length === 0) {
  if (process.env.OPA_CONFORMANCE_DIR) dirs.push(process.env.OPA_CONFORMANCE_DIR);
  dirs.push(path.resolve(repoRoot, "../shared/opa-conformance/v1"));
}
const existing = [...new Set(dirs.map((d) => path.resolve(d)))].filter((d) => fs.existsSync(d));
if (existing.length === 0) {
  console.log(`conformance: no case folder found (${dirs.join(", ")}); skipped. Point OPA_CONFORMANCE_DIR at an OPA checkout's test/cases/testdata/v1 to run the suite.`);
  process.exit(0);
}

const knownPath = path.join(repoRoot, "lib/rego/conformance/known-failures.json");
const known: Record<string, string> = fs.existsSync(knownPath) ? JSON.parse(fs.readFileSync(knownPath, "utf8")).failures ?? {} : {};

function walk(d: string): string[] {
  return fs
    .readdirSync(d, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .flatMap((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : /\.ya?ml$/.test(e.name) ? [path.join(d, e.name)] : []));
}

/** Compares a result value with the expected YAML value: numbers by value, sets as sorted arrays. */
function same(got: unknown, want: unknown): boolean {
  const g = fromJSON(got);
  const w = fromJSON(want);
  if (equal(g, w)) return true;
  // Sets serialize as sorted arrays, and a set of collections sorts differently once its members
  // are JSON (set() becomes []): compare arrays ignoring order as a fallback.
  if (equal(unordered(g), unordered(w))) return true;
  // Some upstream files (generated from OPA's Go tests) quote numbers in want_result ("1" for 1),
  // which OPA's own runner reads as JSON numbers: accept a numeric string for the same number.
  return equal(unordered(g), unordered(numericStrings(w)));
}

function numericStrings(v: Value): Value {
  if (typeof v === "string" && /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(v)) return parseNumber(v) ?? v;
  if (Array.isArray(v)) return v.map(numericStrings);
  if (v instanceof RObject) return RObject.fromEntries(v.entries().map(([k, x]) => [k, numericStrings(x)] as const));
  return v;
}

function unordered(v: Value): Value {
  if (Array.isArray(v)) return [...v.map(unordered)].sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0));
  if (v instanceof RObject) return RObject.fromEntries(v.entries().map(([k, x]) => [k, unordered(x)] as const));
  return v;
}

function errorMatches(e: RegoError, want: string | undefined): boolean {
  if (!want) return true;
  const opaStyle = e.location ? `${e.location.file}:${e.location.row}: ${e.code}: ${e.message}` : "";
  return e.message.includes(want) || `${e.code}: ${e.message}`.includes(want) || formatError(e).includes(want) || opaStyle.includes(want);
}

function isV0(source: string): boolean {
  try {
    parseModule(source, "probe.rego");
    return false;
  } catch (e) {
    return e instanceof RegoFailure && e.error.message === "`if` keyword is required before rule body";
  }
}

function runCase(c: Case): { ok: boolean; message: string } {
  // a few upstream files are still in pre-v1 syntax: parse those modules as v0
  const modules = (c.modules ?? []).map((source, i) => ({ file: `test-${i}.rego`, source, regoVersion: isV0(source) ? ("v0" as const) : ("v1" as const) }));
  const r = compile(modules, { strictBuiltinErrors: !!c.strict_error });
  if (!r.ok) {
    const e = r.errors[0];
    if (c.want_error_code && e.code === c.want_error_code && errorMatches(e, c.want_error)) return { ok: true, message: "" };
    return { ok: false, message: `compile error: ${e.code}: ${e.message}${e.location ? ` at ${e.location.file}:${e.location.row}:${e.location.col}` : ""}` };
  }
  let input: unknown = c.input;
  if (c.input_term !== undefined) {
    const v = parseValue(c.input_term);
    if (!v.ok) return { ok: false, message: `input_term: ${v.error.message}` };
    input = v.value;
  }
  const res = r.policy.query(c.query, { input, data: c.data ?? {}, limits: { timeoutMs } });
  if (!res.ok) {
    const e = res.error;
    if (c.want_error_code || c.want_error) {
      if (c.want_error_code && e.code !== c.want_error_code) return { ok: false, message: `want error ${c.want_error_code}, got ${e.code}: ${e.message}` };
      if (!errorMatches(e, c.want_error)) return { ok: false, message: `want error containing ${JSON.stringify(c.want_error)}, got ${e.code}: ${e.message}` };
      return { ok: true, message: "" };
    }
    return { ok: false, message: `unexpected error ${e.code}: ${e.message}` };
  }
  if (c.want_error_code || c.want_error) return { ok: false, message: `want error ${c.want_error_code ?? ""} ${c.want_error ?? ""}, got ${res.results.length} result(s)` };
  const want = c.want_result ?? [];
  const got = res.results.map((x) => x.bindings);
  const fmt = (x: unknown) => JSON.stringify(x, (_k, v) => (typeof v === "bigint" ? v.toString() : v));
  if (got.length !== want.length) return { ok: false, message: `want ${fmt(want)}, got ${fmt(got)}` };
  const matchBinding = (g: Record<string, unknown>, w: Record<string, unknown>) => {
    const wk = Object.keys(w ?? {});
    const gk = Object.keys(g).filter((k) => !k.startsWith("_"));
    if (wk.length !== gk.length) return false;
    return wk.every((k) => k in g && same(g[k], w[k]));
  };
  if (c.sort_bindings) {
    const used = new Set<number>();
    for (const w of want) {
      const i = got.findIndex((g, j) => !used.has(j) && matchBinding(g, w));
      if (i < 0) return { ok: false, message: `want ${fmt(want)}, got ${fmt(got)} (unordered)` };
      used.add(i);
    }
    return { ok: true, message: "" };
  }
  for (let i = 0; i < want.length; i++) if (!matchBinding(got[i], want[i])) return { ok: false, message: `want ${fmt(want)}, got ${fmt(got)}` };
  return { ok: true, message: "" };
}

const outcomes: Outcome[] = [];
const started = Date.now();
for (const dir of existing) {
  for (const file of walk(dir)) {
    const rel = path.relative(dir, file);
    const folder = rel.split(path.sep)[0];
    if (only && !only.has(folder)) continue;
    let doc: { cases?: Case[] };
    try {
      doc = YAML.parse(fs.readFileSync(file, "utf8"), { intAsBigInt: true });
    } catch (e) {
      outcomes.push({ folder, file: rel, note: rel, status: "fail", message: `bad YAML: ${(e as Error).message}` });
      continue;
    }
    for (const c of doc.cases ?? []) {
      if (c.skip) {
        outcomes.push({ folder, file: rel, note: c.note, status: "skip", message: "skipped upstream" });
        continue;
      }
      let r: { ok: boolean; message: string };
      try {
        r = runCase(c);
      } catch (e) {
        r = { ok: false, message: `crash: ${(e as Error).stack?.split("\n").slice(0, 3).join(" | ")}` };
      }
      outcomes.push({ folder, file: rel, note: c.note, status: r.ok ? "pass" : "fail", message: r.message });
    }
  }
}

if (verbose) for (const o of outcomes) if (o.status !== "fail") console.log(`${o.status.toUpperCase()} ${o.file}: ${o.note}`);
let unexpected = 0;
for (const o of outcomes) {
  if (o.status !== "fail") continue;
  const isKnown = `${o.file}#${o.note}` in known;
  if (!isKnown) unexpected++;
  console.log(`FAIL${isKnown ? " (known)" : ""} ${o.file}: ${o.note}: ${o.message}`);
}
const count = (s: Outcome["status"]) => outcomes.filter((o) => o.status === s).length;
if (byFolder) {
  const folders = [...new Set(outcomes.map((o) => o.folder))].sort();
  console.log(`\n${"folder".padEnd(28)} ${"pass".padStart(5)} ${"fail".padStart(5)} ${"skip".padStart(5)}`);
  for (const f of folders) {
    const os = outcomes.filter((o) => o.folder === f);
    const n = (s: string) => String(os.filter((o) => o.status === s).length).padStart(5);
    console.log(`${f.padEnd(28)} ${n("pass")} ${n("fail")} ${n("skip")}`);
  }
  console.log("");
}
if (jsonOut) {
  fs.writeFileSync(jsonOut, JSON.stringify({ summary: { passed: count("pass"), failed: count("fail"), skipped: count("skip") }, cases: outcomes }, null, 2));
}
const stale = Object.keys(known).filter((n) => outcomes.some((o) => `${o.file}#${o.note}` === n && o.status === "pass"));
if (stale.length) console.log(`${stale.length} known failure(s) now pass: ${stale.join("; ")}`);
console.log(`(${((Date.now() - started) / 1000).toFixed(1)}s; ${unexpected} unexpected failure(s))`);
console.log(`${count("pass")} passed, ${count("fail")} failed, ${count("skip")} skipped`);
process.exit(unexpected > 0 ? 1 : 0);
