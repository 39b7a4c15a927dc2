import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseOcl, serializeOcl, oclMeaning } from "@/lib/ocl";
import { policyFromStarter } from "./create";
import { readPolicyFile } from "./read";
import { outlineRego } from "./rego-outline";
import { listStarters, readStarter, STARTERS } from "./starters";
import { validatePolicyFile } from "./validate";
import { writePolicyFile } from "./write";

const DIR = path.join(process.cwd(), "policies");
const files = readdirSync(DIR).filter((f) => f.endsWith(".ocl"));
const text = (file: string) => readFileSync(path.join(DIR, file), "utf8");

describe("starter policy files", () => {
  it("are exactly the catalog's starters", () => {
    expect(files.map((f) => f.replace(/\.ocl$/, "")).sort()).toEqual(STARTERS.map((s) => s.slug).sort());
  });

  it.each(files)("%s validates without problems and has file name == slug == package", (file) => {
    expect(validatePolicyFile(`policies/${file}`, text(file))).toEqual([]);
    const policy = readPolicyFile(`policies/${file}`, text(file)).policy!;
    expect(outlineRego(policy.scopeRego).package?.name).toBe(policy.slug);
    expect(outlineRego(policy.conditionsRego).package?.name).toBe(policy.slug);
    // The blank starter leaves them to the author (the editor shows what to write as placeholders): text there would be committed unchanged.
    if (file === "blank_policy.ocl") {
      expect([policy.description, policy.violationReason]).toEqual(["", ""]);
    } else {
      expect(policy.description.length).toBeGreaterThan(20);
      expect(policy.violationReason.length).toBeGreaterThan(20);
    }
  });

  it.each(files)("%s survives parse, serialize, parse and is in canonical layout", (file) => {
    const first = parseOcl(text(file));
    if (!first.ok) throw new Error(JSON.stringify(first.errors));
    const again = parseOcl(serializeOcl(first.document));
    if (!again.ok) throw new Error(JSON.stringify(again.errors));
    expect(oclMeaning(again.document.body)).toEqual(oclMeaning(first.document.body));
    expect(writePolicyFile(readPolicyFile(`policies/${file}`, text(file)).policy!)).toBe(text(file));
  });

  it.each(files)("%s creates a valid policy under a new slug", (file) => {
    const starter = readPolicyFile(`policies/${file}`, text(file)).policy!;
    const created = policyFromStarter(starter, "ACME production gate", "acme_production_gate");
    expect(validatePolicyFile("policies/acme_production_gate.ocl", writePolicyFile(created))).toEqual([]);
  });
});

describe("starter catalog", () => {
  it("lists every starter with its title, summary and policy", async () => {
    const starters = await listStarters();
    expect(starters.map((s) => s.slug)).toEqual(STARTERS.map((s) => s.slug));
    const blank = starters[0];
    expect(blank).toMatchObject({ title: "Blank policy", policy: { slug: "blank_policy", name: "Blank policy" } });
  });

  it("reports unknown and unreadable starters as errors", async () => {
    expect(await readStarter("nope")).toMatchObject({ ok: false, error: { code: "starter_not_found" } });
    expect(await readStarter("blank_policy", path.join(DIR, "missing"))).toMatchObject({ ok: false, error: { code: "starter_not_found" } });
  });
});
