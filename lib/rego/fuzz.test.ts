/**
 * Fuzz test of the public API: parse + compile + evaluate never throw, whatever the source.
 *
 * Corpus: the modules of OPA's conformance suite when it is present (read in place:
 * $OPA_CONFORMANCE_DIR, by default a sibling checkout as `npm run conformance` reads it), else the starter policies of
 * `policies/*.ocl` plus built-in samples; and modules generated from a small Rego grammar.
 * Each case mutates a corpus module (token insertions, deletions, duplications, swaps,
 * truncations) or generates one, then asserts:
 *   - compile() returns {ok:false, errors} with located `rego_*` errors, or a policy; no throw,
 *   - compiling takes less than COMPILE_CAP_MS (no hang or exponential backtracking),
 *   - a compiled mutant evaluates (every rule, then all of `data`) under tight limits without
 *     throwing, within EVAL_CAP_MS.
 * Deterministic: FUZZ_SEED (default below) seeds a PRNG per case; every failure message carries
 * the seed and case number, and FUZZ_SEED=<seed> FUZZ_CASE=<n> replays a single case.
 * FUZZ_CASES sets the number of cases (default 4000); FUZZ_CORPUS=starters ignores the suite.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import YAML from "yaml";
import { describe, expect, it } from "vitest";
import { readPolicyFile } from "@/lib/policies/read";
import { largeDeploymentInput } from "@/tests/fixtures/inputs";
import { compile, prepareInput, type CompileResult, type RegoError } from "./index";

const SEED = Number(process.env.FUZZ_SEED ?? 20261128);
const CASES = Number(process.env.FUZZ_CASES ?? 4000);
const ONLY_CASE = process.env.FUZZ_CASE === undefined ? undefined : Number(process.env.FUZZ_CASE);
const COMPILE_CAP_MS = 2000;
const EVAL_CAP_MS = 1000;
const LIMITS = { maxSteps: 20_000, timeoutMs: 100 };
const TOTAL_BUDGET_MS = 45_000;

// ---------- PRNG ----------

/** mulberry32: small, fast, good enough for fuzzing; same seed, same sequence. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rand = ReturnType<typeof prng>;
const int = (r: Rand, n: number) => Math.floor(r() * n);
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[int(r, xs.length)];

// ---------- corpus ----------

const SAMPLES = [
  `package sample
import rego.v1
default allow := false
allow if {
  input.user.role == "admin"
  some g in input.groups
  startswith(g, "ops-")
}
deny contains msg if {
  some i, step in input.Steps
  not step.Enabled
  msg := sprintf("step %d (%s) is disabled", [i, step.Slug])
}
names := {s.Slug | some s in input.Steps}
by_id[s.Id] := s.Slug if some s in input.Steps
f(x) := y if { y := x * 2 } else := 0
every_enabled if every s in input.Steps { s.Enabled == true }
r := x if { x := [y | some y in numbers.range(1, 5); y % 2 == 0] }`,
  `package sample.two
p.q.r[k] := v if { some k, v in {"a": 1, "b": 2} }
q := count(data.sample.two.p.q.r) + 1
t if { x := input.x with input.x as 3; x == 3 }
u := object.get(input, ["Release", "Version"], "none")
v := semver.compare("1.2.3", "1.10.0")
w := [a | a := regex.split(",", "a,b,c")[_]]
z := {"k": [1, {2, 3}], "s": \`raw\`}`,
];

function suiteDir(): string | undefined {
  if (process.env.FUZZ_CORPUS === "starters") return undefined;
  const dirs = [process.env.OPA_CONFORMANCE_DIR, path.resolve(process.cwd(), "../shared/opa-conformance/v1")];
  return dirs.find((d): d is string => !!d && existsSync(d) && statSync(d).isDirectory());
}

function yamlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...yamlFiles(p));
    else if (/\.ya?ml$/.test(e.name)) out.push(p);
  }
  return out.sort();
}

function loadCorpus(): { source: string; modules: string[] } {
  const dir = suiteDir();
  const modules: string[] = [];
  if (dir) {
    for (const f of yamlFiles(dir)) {
      try {
        const doc = YAML.parse(readFileSync(f, "utf8")) as { cases?: { modules?: string[] }[] };
        for (const c of doc?.cases ?? []) for (const m of c.modules ?? []) if (typeof m === "string") modules.push(m);
      } catch {
        // an unreadable case file is the conformance runner's business
      }
    }
  }
  const source = modules.length ? `conformance suite (${dir})` : "starter policies and samples";
  if (!modules.length) {
    const pdir = path.join(process.cwd(), "policies");
    for (const f of readdirSync(pdir).filter((x) => x.endsWith(".ocl")).sort()) {
      const read = readPolicyFile(f, readFileSync(path.join(pdir, f), "utf8"));
      for (const m of Object.values(read.modules)) if (m) modules.push(m.value.value);
    }
    modules.push(...SAMPLES);
  }
  return { source, modules };
}

// ---------- generation and mutation ----------

const TOKENS = [
  "{", "}", "[", "]", "(", ")", "|", ";", ",", ".", ":", ":=", "=", "==", "!=", "<", "<=", "+", "-", "*", "/", "%", "&",
  "if", "else", "some", "in", "every", "not", "with", "as", "contains", "default", "import", "package", "rego.v1", "future.keywords",
  "input", "data", "_", "x", "y", "p", "q", "f(x)", "true", "false", "null", "0", "1", "-1", "1.5", "1e400", "99999999999999999999",
  '"s"', '"', "`", "`raw`", "\n", " ", "\t", "#", "count", "sprintf", "numbers.range", "walk", "print", "set()", "{}", "[]",
  "\\u0000", "\u00e9", "😀",
];

function mutate(src: string, r: Rand): string {
  let s = src;
  const n = 1 + (int(r, 3) === 0 ? int(r, 4) : 0);
  for (let i = 0; i < n; i++) {
    const at = int(r, s.length + 1);
    switch (int(r, 11)) {
      case 8:
      case 9: {
        // swap a word for another of the module or a builtin name: often still parses
        const words = [...s.matchAll(/[A-Za-z_][\w.]*/g)];
        if (!words.length) break;
        const w = pick(r, words);
        const other = int(r, 2) ? pick(r, words)[0] : pick(r, ["count", "sum", "upper", "object.get", "input", "data", "_", "x", "every", "some", "if", "else", "true", "null"]);
        s = s.slice(0, w.index) + other + s.slice(w.index! + w[0].length);
        break;
      }
      case 10: {
        // change a literal: numbers and strings of other kinds and sizes
        const lits = [...s.matchAll(/-?\d+(\.\d+)?(e\d+)?|"(\\.|[^"\\\n])*"/g)];
        if (!lits.length) break;
        const l = pick(r, lits);
        const repl = pick(r, ["0", "-1", "1.5", "1e9", "1e400", "99999999999999999999", '""', '"a"', "[]", "{}", "set()", "null", "true", "{1: 2}", "[1, [2, [3]]]"]);
        s = s.slice(0, l.index) + repl + s.slice(l.index! + l[0].length);
        break;
      }
      case 0:
      case 1: // insert a token
        s = s.slice(0, at) + pick(r, TOKENS) + s.slice(at);
        break;
      case 2: // delete a span
        s = s.slice(0, at) + s.slice(at + 1 + int(r, 8));
        break;
      case 3: {
        // duplicate a line
        const lines = s.split("\n");
        const j = int(r, lines.length);
        lines.splice(j, 0, lines[j]);
        s = lines.join("\n");
        break;
      }
      case 4: {
        // swap two lines
        const lines = s.split("\n");
        const a = int(r, lines.length);
        const b = int(r, lines.length);
        [lines[a], lines[b]] = [lines[b], lines[a]];
        s = lines.join("\n");
        break;
      }
      case 5: // truncate
        s = s.slice(0, at);
        break;
      case 6: // replace a character with a random printable one or a bracket
        s = s.slice(0, at) + pick(r, ["{", "}", "(", ")", "[", "]", '"', " ", "x", "1", ".", "\n"]) + s.slice(at + 1);
        break;
      default: {
        // repeat a span (nesting, long bodies)
        const len = 1 + int(r, 12);
        const span = s.slice(at, at + len);
        s = s.slice(0, at) + span.repeat(1 + int(r, 6)) + s.slice(at);
      }
    }
  }
  return s;
}

/** A random module from a small Rego grammar: mostly valid, sometimes deeply nested. */
function generate(r: Rand): string {
  const vars = ["x", "y", "z", "k", "v"];
  const term = (d: number): string => {
    if (d > 3 + int(r, 3)) return pick(r, ["1", '"a"', "true", "null", "input.Steps", "input.Environment.Slug", pick(r, vars), "data.g.p"]);
    switch (int(r, 12)) {
      case 0:
        return `[${term(d + 1)}, ${term(d + 1)}]`;
      case 1:
        return `{${term(d + 1)}: ${term(d + 1)}}`;
      case 2:
        return `{${term(d + 1)}}`;
      case 3:
        return `[${pick(r, vars)} | some ${pick(r, vars)} in ${term(d + 1)}]`;
      case 4:
        return `count(${term(d + 1)})`;
      case 5:
        return `${term(d + 1)} ${pick(r, ["+", "-", "*", "/", "&", "|"])} ${term(d + 1)}`;
      case 6:
        return `sprintf("%v", [${term(d + 1)}])`;
      case 7:
        return `input.Steps[${pick(r, ["0", "_", pick(r, vars)])}].${pick(r, ["Id", "Slug", "Enabled"])}`;
      case 8:
        return `f(${term(d + 1)})`;
      case 9:
        return `object.get(${term(d + 1)}, ${term(d + 1)}, ${term(d + 1)})`;
      case 10:
        return `numbers.range(${int(r, 3)}, ${pick(r, ["3", "100", "1e6", "1e9"])})`;
      default:
        return pick(r, ["1", '"s"', "false", pick(r, vars), "input", "data.g.q"]);
    }
  };
  const expr = (d: number): string => {
    switch (int(r, 9)) {
      case 0:
        return `${pick(r, vars)} := ${term(d)}`;
      case 1:
        return `some ${pick(r, vars)} in ${term(d)}`;
      case 2:
        return `not ${term(d)}`;
      case 3:
        return `every ${pick(r, vars)} in ${term(d)} { ${expr(d + 1)} }`;
      case 4:
        return `${term(d)} == ${term(d)}`;
      case 5:
        return `${term(d)} with input.Environment.Slug as ${term(d)}`;
      case 6:
        return `${pick(r, vars)} = ${term(d)}`;
      default:
        return term(d);
    }
  };
  const body = () => Array.from({ length: 1 + int(r, 4) }, () => expr(0)).join("\n  ");
  const rules: string[] = [];
  for (let i = 0, n = 1 + int(r, 6); i < n; i++) {
    switch (int(r, 7)) {
      case 0:
        rules.push(`p if {\n  ${body()}\n}`);
        break;
      case 1:
        rules.push(`q contains ${pick(r, vars)} if {\n  ${body()}\n}`);
        break;
      case 2:
        rules.push(`f(${pick(r, vars)}) := ${term(0)} if {\n  ${body()}\n}`);
        break;
      case 3:
        rules.push(`default p := ${term(3)}`);
        break;
      case 4:
        rules.push(`o[${pick(r, vars)}] := ${term(0)} if {\n  ${body()}\n} else := ${term(2)}`);
        break;
      case 5:
        rules.push(`r := ${term(0)}`);
        break;
      default:
        rules.push(`s if ${expr(0)}`);
    }
  }
  return `package g\n\n${rules.join("\n\n")}\n`;
}

// ---------- checks ----------

function checkErrors(errors: RegoError[], where: string): void {
  expect(errors.length, `${where}: no errors in a failed compile`).toBeGreaterThan(0);
  for (const e of errors) {
    expect(typeof e.code, where).toBe("string");
    expect(e.code, `${where}: ${e.message}`).toMatch(/^rego_[a-z_]+_error$/);
    expect(typeof e.message, where).toBe("string");
    expect(e.message, where).not.toMatch(/internal|Maximum call stack|undefined is not|Cannot read prop/);
    expect(e.location, `${where}: ${e.code}: ${e.message} has no location`).toBeDefined();
    expect(e.location!.file, where).toBe("fuzz.rego");
    expect(Number.isInteger(e.location!.row) && e.location!.row >= 1, `${where}: row ${e.location!.row}`).toBe(true);
    expect(Number.isInteger(e.location!.col) && e.location!.col >= 1, `${where}: col ${e.location!.col}`).toBe(true);
  }
}

/** Paths of the rules of a module, found loosely (the evaluation of `data` covers the rest). */
function ruleRefs(source: string): string[] {
  const pkg = /^\s*package\s+([A-Za-z_][\w.]*)/m.exec(source)?.[1];
  if (!pkg) return [];
  const names = new Set<string>();
  for (const m of source.matchAll(/^([A-Za-z_]\w*)\b/gm)) if (!["package", "import", "default"].includes(m[1])) names.add(m[1]);
  return [...names].slice(0, 8).map((n) => `data.${pkg}.${n}`);
}

const dialects = new Map<string, "v0" | "v1">();
/** v0 when the module only parses as pre-1.0 Rego (the conformance runner decides the same way). */
function dialectOf(source: string): "v0" | "v1" {
  let d = dialects.get(source);
  if (d === undefined) {
    const r = compile([{ file: "orig.rego", source }]);
    d = !r.ok && r.errors.some((e) => e.code === "rego_parse_error") && compile([{ file: "orig.rego", source, regoVersion: "v0" }]).ok ? "v0" : "v1";
    dialects.set(source, d);
  }
  return d;
}

describe("fuzz: parse + compile + eval never throw", () => {
  const corpus = loadCorpus();
  const input = prepareInput(largeDeploymentInput());

  it(`holds on ${CASES} mutated and generated modules (seed ${SEED})`, () => {
    expect(corpus.modules.length).toBeGreaterThan(0);
    const started = performance.now();
    const rejectedBy: Record<string, number> = {};
    const stats = { cases: 0, compiled: 0, rejected: 0, evaluated: 0, evalErrors: 0, maxCompileMs: 0, maxEvalMs: 0 };
    for (let i = ONLY_CASE ?? 0; i < (ONLY_CASE === undefined ? CASES : ONLY_CASE + 1); i++) {
      // stay within the file's time budget on a slow machine; the cases run are still reported
      if (ONLY_CASE === undefined && performance.now() - started > TOTAL_BUDGET_MS) break;
      const r = prng(SEED ^ Math.imul(i + 1, 0x9e3779b1));
      const generated = int(r, 5) === 0;
      const original = generated ? "" : pick(r, corpus.modules);
      const source = generated ? (int(r, 2) ? generate(r) : mutate(generate(r), r)) : mutate(original, r);
      // the suite has pre-1.0 modules: mutants of those parse in the v0 dialect
      const regoVersion = !generated && dialectOf(original) === "v0" ? ("v0" as const) : ("v1" as const);
      const where = `FUZZ_SEED=${SEED} FUZZ_CASE=${i} (${generated ? "generated" : "mutated"}, ${regoVersion}) source:\n${source.slice(0, 2000)}\n---`;
      stats.cases++;

      let result: CompileResult | undefined;
      const t0 = performance.now();
      expect(() => (result = compile([{ file: "fuzz.rego", source, regoVersion }])), where).not.toThrow();
      const compileMs = performance.now() - t0;
      stats.maxCompileMs = Math.max(stats.maxCompileMs, compileMs);
      expect(compileMs, `${where}\ncompile took ${compileMs.toFixed(0)} ms`).toBeLessThan(COMPILE_CAP_MS);
      if (!result!.ok) {
        stats.rejected++;
        for (const e of result!.errors.slice(0, 1)) rejectedBy[e.code] = (rejectedBy[e.code] ?? 0) + 1;
        checkErrors(result!.errors, where);
        continue;
      }
      stats.compiled++;
      const policy = result!.policy;
      // queries are parsed and compiled per call: mutated ones must come back as values too
      const refs = ruleRefs(source);
      const query = mutate(refs.length ? `x := ${pick(r, refs)}; y := count(data)` : "data", r);
      let q: ReturnType<typeof policy.query> | undefined;
      expect(() => (q = policy.query(query, { input, limits: LIMITS })), `${where}
query ${query}`).not.toThrow();
      if (!q!.ok) expect(q!.error.code, `${where}
query ${query}: ${q!.error.message}`).not.toMatch(/internal/);
      for (const ref of [...refs, "data"]) {
        for (const strict of [false, true]) {
          const t1 = performance.now();
          let out: ReturnType<typeof policy.evalRule> | undefined;
          expect(() => (out = policy.evalRule(ref, { input, limits: LIMITS, strictBuiltinErrors: strict })), `${where}\neval ${ref}`).not.toThrow();
          const evalMs = performance.now() - t1;
          stats.maxEvalMs = Math.max(stats.maxEvalMs, evalMs);
          stats.evaluated++;
          expect(evalMs, `${where}\neval ${ref} took ${evalMs.toFixed(0)} ms`).toBeLessThan(EVAL_CAP_MS);
          if (!out!.ok) {
            stats.evalErrors++;
            expect(out!.error.code, `${where}\neval ${ref}: ${out!.error.message}`).not.toBe("eval_internal_error");
            expect(out!.error.message, `${where}\neval ${ref}`).not.toMatch(/Maximum call stack/);
          }
        }
      }
    }
    console.log(`fuzz (${corpus.source}, ${corpus.modules.length} modules): seed ${SEED}, ${JSON.stringify(stats)}, rejected by ${JSON.stringify(rejectedBy)} in ${(performance.now() - started).toFixed(0)} ms`);
    expect(stats.cases).toBeGreaterThan(ONLY_CASE === undefined ? Math.min(CASES, 500) : 0);
  }, 120_000);
});
