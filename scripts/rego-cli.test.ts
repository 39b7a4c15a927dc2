/**
 * `npm run rego -- eval --timeout-ms`: the CLI evaluates on a worker thread with the server's
 * limits, so a runaway policy ends with `eval_limit_error` within twice the limit, whether the
 * engine stops it (size charging) or the worker is terminated inside one long builtin call.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { MARSHAL_2_24 } from "@/tests/fixtures/runaway-rego";

const dir = mkdtempSync(path.join(os.tmpdir(), "rego-cli-"));
const policy = path.join(dir, "big.rego");
writeFileSync(policy, `package big\nfine := 1\nslow if {\n  ${MARSHAL_2_24}\n}\n`);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function rego(...args: string[]) {
  const started = performance.now();
  const r = spawnSync(process.execPath, ["--import", "tsx", "scripts/rego-cli.ts", "eval", "-d", policy, ...args], { encoding: "utf8", timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, ms: performance.now() - started };
}

describe("rego eval --timeout-ms", () => {
  // process start, tsx and the worker's start, measured on a query that takes no time
  const baseline = rego("--time", "data.big.fine");

  it("answers as before for a query within its limits", () => {
    expect(baseline.status).toBe(0);
    expect(JSON.parse(baseline.stdout)).toEqual({ result: [{ expressions: [{ value: 1, text: "data.big.fine" }], bindings: {} }] });
    expect(baseline.stderr).toMatch(/^compile [\d.]+ ms, eval [\d.]+ ms/);
  });

  it.each([
    ["in-engine (size charging)", [] as string[], /size limit of 33554432 bytes \(json\.marshal/],
    ["by terminating the worker (no size budget)", ["--max-bytes", "Infinity"], /eval_limit_error: evaluation exceeded the time limit of 1000 ms/],
  ])("stops json.marshal of a 2^24-leaf value %s within 2x the limit", (_how, extra, message) => {
    const r = rego("--timeout-ms", "1000", ...extra, "data.big.slow");
    console.log(`rego eval --timeout-ms 1000 ${extra.join(" ")}: ${r.ms.toFixed(0)} ms (a query taking no time: ${baseline.ms.toFixed(0)} ms)`);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/eval_limit_error/);
    expect(r.stderr).toMatch(message);
    expect(r.ms - baseline.ms).toBeLessThan(2 * 1000);
  });

  it("refuses a limit that is not a positive number", () => {
    const r = rego("--timeout-ms", "soon", "data.big.fine");
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--timeout-ms takes a positive number/);
  });
});
