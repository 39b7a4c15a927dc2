/**
 * Command-line front end of lib/rego, in the spirit of `opa eval` / `opa check`.
 *   npm run rego -- eval [-d FILE.rego|FILE.json|FILE.yaml|DIR]... [-i input.json] [--strict] [--timeout-ms N] 'QUERY'
 *   npm run rego -- check FILE.rego...
 */
import fs from "node:fs";
import { EvaluationPool, poolOptionsFromEnv } from "../lib/evaluation-pool";
import { compile, DEFAULT_LIMITS, formatError, type ModuleSource } from "../lib/rego";
import { filesUnder, jsonText as json, readDocument as readDoc } from "./cli-files";

const USAGE = `usage:
  rego eval [-d FILE|DIR]... [-i INPUT.json] [--strict] [--time] [--timeout-ms N] QUERY
      -d  a .rego module, a .json/.yaml data document (merged under data), or a folder of them
      -i  the input document (JSON or YAML)
      --timeout-ms  time limit of the evaluation (default ${DEFAULT_LIMITS.timeoutMs}); it runs on a worker thread
          that is stopped at the limit, even inside one long builtin call, as the server does
      --max-bytes   what builtins like json.marshal may build (default ${DEFAULT_LIMITS.maxBytes}; Infinity: no limit)
      prints {"result":[{"expressions":[{"value":...,"text":...}],"bindings":{...}}]} ({} when undefined)
  rego check FILE|DIR...
      prints parse and compile errors as file:line:col: code: message; exit 1 when there are any`;

const files = (p: string) => filesUnder(p, /\.(rego|json|ya?ml)$/);

function merge(a: unknown, b: unknown): unknown {
  if (a && b && typeof a === "object" && typeof b === "object" && !Array.isArray(a) && !Array.isArray(b)) {
    const out: Record<string, unknown> = { ...(a as Record<string, unknown>) };
    for (const [k, v] of Object.entries(b as Record<string, unknown>)) out[k] = k in out ? merge(out[k], v) : v;
    return out;
  }
  return b;
}

async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  if (cmd === "eval") {
    const modules: ModuleSource[] = [];
    let data: unknown = {};
    let input: unknown;
    let query: string | undefined;
    let strict = false;
    let timing = false;
    let timeoutMs: number = DEFAULT_LIMITS.timeoutMs;
    let maxBytes: number = DEFAULT_LIMITS.maxBytes;
    for (let i = 0; i < rest.length; i++) {
      const a = rest[i];
      if (a === "-d" || a === "--data") {
        for (const f of files(rest[++i])) {
          if (f.endsWith(".rego")) modules.push({ file: f, source: fs.readFileSync(f, "utf8") });
          else data = merge(data, readDoc(f));
        }
      } else if (a === "-i" || a === "--input") input = readDoc(rest[++i]);
      else if (a === "--strict") strict = true;
      else if (a === "--time") timing = true;
      else if (a === "--timeout-ms" || a === "--max-bytes") {
        const n = Number(rest[++i]);
        if (!(n >= 1) || (a === "--timeout-ms" && !Number.isInteger(n))) {
          console.error(`${a} takes a positive number\n${USAGE}`);
          return 2;
        }
        if (a === "--timeout-ms") timeoutMs = n;
        else maxBytes = n;
      }
      else if (a.startsWith("-")) {
        console.error(`unknown option ${a}\n${USAGE}`);
        return 2;
      } else query = a;
    }
    if (!query) {
      console.error(USAGE);
      return 2;
    }
    const pool = new EvaluationPool({ ...poolOptionsFromEnv(), size: 1 });
    const r = await pool.query({ modules, query, input, data, limits: { timeoutMs, maxBytes }, strict });
    await pool.close();
    for (const line of r.prints) console.error(line);
    if (r.compileErrors) {
      for (const e of r.compileErrors) console.error(formatError(e));
      return 1;
    }
    if (!r.response!.ok) {
      console.error(formatError(r.response!.error));
      return 1;
    }
    const results = r.response!.results;
    const out = results.length ? { result: results.map((x) => ({ expressions: x.expressions, bindings: x.bindings })) } : {};
    console.log(json(out));
    if (timing) console.error(`compile ${r.compileMs} ms, eval ${r.evalMs} ms`);
    return 0;
  }
  if (cmd === "check") {
    if (rest.length === 0) {
      console.error(USAGE);
      return 2;
    }
    const modules = rest.flatMap(files).filter((f) => f.endsWith(".rego")).map((f) => ({ file: f, source: fs.readFileSync(f, "utf8") }));
    const c = compile(modules);
    if (c.ok) return 0;
    for (const e of c.errors) console.error(formatError(e));
    return 1;
  }
  console.error(USAGE);
  return cmd === "--help" || cmd === "-h" || cmd === "help" ? 0 : 2;
}

main(process.argv.slice(2)).then((code) => process.exit(code));
