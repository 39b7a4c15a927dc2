import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { policyFromStarter } from "../create";
import { lintPolicyFile } from "../lint";
import { readPolicyFile } from "../read";
import { writePolicyFile } from "../write";
import { runPolicyTests } from ".";

const DIR = path.join(process.cwd(), "policies");
const files = readdirSync(DIR).filter((f) => f.endsWith(".ocl"));
const text = (file: string) => readFileSync(path.join(DIR, file), "utf8");

describe("starter policies ship their tests", () => {
  it.each(files)("%s has tests, and all of them pass", async (file) => {
    const run = await runPolicyTests(`policies/${file}`, text(file));
    expect(run.problems).toEqual([]);
    expect(run.tests.length).toBeGreaterThanOrEqual(2);
    expect(run.tests.filter((t) => t.status !== "pass")).toEqual([]);
  });

  it.each(files)("%s: a policy created from it keeps passing tests under its own slug", async (file) => {
    const starter = readPolicyFile(`policies/${file}`, text(file)).policy!;
    const created = writePolicyFile(policyFromStarter(starter, "ACME gate", "acme_gate"));
    const run = await runPolicyTests("policies/acme_gate.ocl", created);
    expect(run.problems).toEqual([]);
    expect(run.tests.every((t) => t.status === "pass" && t.name.startsWith("data.acme_gate.test_"))).toBe(true);
  });

  it.each(files)("%s raises no lint warning", (file) => {
    expect(lintPolicyFile(`policies/${file}`, text(file))).toEqual([]);
  });
});
