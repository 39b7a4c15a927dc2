/**
 * `npm run policy -- check|test|eval`: the command line CI runs in a repository of policies.
 * It runs as a child process, as CI would, against the shipped starters and broken copies of them.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const dir = mkdtempSync(path.join(os.tmpdir(), "policy-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function policy(...args: string[]) {
  const r = spawnSync(process.execPath, ["--import", "tsx", "scripts/policy-cli.ts", ...args], { encoding: "utf8", timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const starter = (slug: string) => readFileSync(path.join("policies", `${slug}.ocl`), "utf8");
function write(relative: string, text: string): string {
  const file = path.join(dir, relative);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  return file;
}

describe("policy test", () => {
  it("runs every starter's tests and exits 0", () => {
    const r = policy("test", "policies/");
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^PASS: (\d+)\/\1\n$/);
    expect(Number(/PASS: (\d+)/.exec(r.stdout)![1])).toBeGreaterThan(50);
  });

  it("exits 1 naming the failing test, its file and line, when one fails", () => {
    const broken = write("repo/policies/approval_required_in_production.ocl", starter("approval_required_in_production").replace("input.RequiresApproval == true", "true"));
    write("repo/policies/no_steps_skipped.ocl", starter("no_steps_skipped"));
    const r = policy("test", path.join(dir, "repo"));
    expect(r.status).toBe(1);
    const line = readFileSync(broken, "utf8").split("\n").findIndex((l) => l.includes("test_blocks_without_change_approval if")) + 1;
    expect(r.stdout).toContain(`${broken}:\ndata.approval_required_in_production.test_blocks_without_change_approval: FAIL (`);
    expect(r.stdout).toContain(`  ${broken}:${line}:9: undefined\n`);
    expect(r.stdout).toMatch(/PASS: \d+\/\d+\nFAIL: 1\/\d+\n$/);
    expect(policy("test", "-v", broken).stdout).toMatch(/test_in_scope_in_production: PASS/);
  });

  it("exits 1 for a file that does not compile, and 2 for a path that does not exist", () => {
    const bad = write("bad/policies/no_steps_skipped.ocl", starter("no_steps_skipped").replace("count(skipped) > 0", "count(skipped) >"));
    const r = policy("test", bad);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/rego_parse_error/);
    expect(r.stdout).toMatch(/NOT COMPILED: 1 file\(s\)/);
    expect(policy("test", path.join(dir, "missing")).status).toBe(2);
  });
});

describe("policy check", () => {
  it("is silent and exits 0 for the starters", () => {
    expect(policy("check", "policies/")).toMatchObject({ status: 0, stderr: "" });
  });

  it("prints problems and lint warnings as file:line:col, exiting 1 only for problems", () => {
    const warned = write("lint/policies/manual_intervention_required.ocl", starter("manual_intervention_required").replace('input.Environment.Slug == "production"', 'input.Environment.Name == "Production"'));
    const w = policy("check", warned);
    expect(w.status).toBe(0);
    const line = readFileSync(warned, "utf8").split("\n").findIndex((l) => l.includes("input.Environment.Name")) + 1;
    expect(w.stderr).toContain(`${warned}:${line}:13: warning: name_instead_of_slug: input.Environment.Name is a display name`);

    const invalid = write("invalid/policies/no_steps_skipped.ocl", starter("no_steps_skipped").replace("package no_steps_skipped", "package other"));
    const p = policy("check", invalid);
    expect(p.status).toBe(1);
    expect(p.stderr).toMatch(new RegExp(`^${invalid.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:\\d+:17: package_mismatch: `, "m"));
  });
});

describe("policy eval", () => {
  const input = write("input.json", JSON.stringify({ Environment: { Slug: "production", Name: "Production" }, RequiresApproval: false, Steps: [], SkippedSteps: [] }));

  it("decides each policy as the gate does and exits 1 when the gate would block", () => {
    const r = policy("eval", "policies/approval_required_in_production.ocl", "policies/no_steps_skipped.ocl", "policies/one_runbook_manual_intervention.ocl", "--input", input);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain("policies/approval_required_in_production.ocl: blocked - Turn on change approval");
    expect(r.stdout).toContain("policies/no_steps_skipped.ocl: passed\n");
    expect(r.stdout).toContain("policies/one_runbook_manual_intervention.ocl: out of scope\n");
    expect(r.stdout).toMatch(/\{"scope":\{"kind":"value","value":true\},"result":\{"kind":"value","value":\{"allowed":false\}\}\}/);
    expect(r.stdout).toMatch(/1 blocked, 1 passed, 1 out of scope: the gate would block this execution\n$/);
  });

  it("exits 0 when the gate would let the execution run, warnings included", () => {
    const r = policy("eval", "policies/no_steps_disabled.ocl", "--input", write("disabled.json", JSON.stringify({ Environment: { Slug: "production" }, Steps: [{ Id: "s1", Slug: "deploy", Enabled: false }], SkippedSteps: [] })));
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/no_steps_disabled\.ocl: warning - These steps are disabled: deploy/);
  });
});
