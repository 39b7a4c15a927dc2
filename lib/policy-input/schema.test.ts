import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { inputFields } from "./fields";
import { policyInputJsonSchema } from "./schema";
import { validatePolicyInput } from "./validate";

const deployment = {
  Environment: { Id: "Environments-4", Name: "Production", Slug: "production", Tags: ["tier/critical"] },
  Project: { Id: "Projects-1", Name: "ACME", Slug: "acme", Tags: [] },
  Space: { Id: "Spaces-1", Name: "Default", Slug: "default" },
  ProjectGroup: { Id: "ProjectGroups-1", Name: "Default Project Group", Slug: "default-project-group" },
  Steps: [
    {
      Id: "Steps-1",
      Slug: "approve",
      ActionType: "Octopus.Manual",
      Enabled: true,
      IsRequired: false,
      Source: { Type: "Step", SlugOrId: "approve" },
    },
    {
      Id: "Steps-2",
      Slug: "deploy-web",
      ActionType: "Octopus.KubernetesDeployContainers",
      Enabled: true,
      IsRequired: true,
      Source: { Type: "Step Template", SlugOrId: "k8s-deploy", Version: "3" },
      Packages: [{ Id: "acme-web", Name: "web", Version: "1.4.0", GitRef: "refs/heads/main" }],
    },
  ],
  SkippedSteps: [],
  Execution: [
    { StartTrigger: "StartAfterPrevious", Steps: ["Steps-1"] },
    { StartTrigger: "StartAfterPrevious", Steps: ["Steps-2"] },
  ],
  Release: { Id: "Releases-14", Name: "1.4.0", Version: "1.4.0" },
};

describe("policy input schema", () => {
  it("is checked in exactly as generated from its definition", () => {
    const file = JSON.parse(readFileSync(path.join(__dirname, "input.schema.json"), "utf8"));
    expect(file).toEqual(policyInputJsonSchema());
  });

  it("accepts a well-formed deployment input", () => {
    expect(validatePolicyInput(deployment)).toEqual({ ok: true });
  });

  it("rejects null for absent fields, camelCase names and malformed ids", () => {
    const bad = { ...deployment, Tenant: null, environment: {}, Space: { ...deployment.Space, Id: "space-1" } };
    const result = validatePolicyInput(bad);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors.join("\n")).toMatch(/\/Tenant must be object/);
      expect(result.errors.join("\n")).toMatch(/additional properties/);
      expect(result.errors.join("\n")).toMatch(/\/Space\/Id must match pattern/);
    }
  });

  it("lists documented fields with Rego paths for completion", () => {
    const byPath = new Map(inputFields().map((f) => [f.path, f]));
    expect(byPath.get("input.Environment.Slug")?.type).toBe("string");
    expect(byPath.get("input.Steps[_].ActionType")?.description).toMatch(/Octopus.Manual/);
    expect(byPath.get("input.Tenant")?.optional).toBe(true);
    expect(byPath.get("input.Steps[_].Packages[_].GitRef")?.optional).toBe(true);
    expect([...byPath.values()].every((f) => f.description.length > 0)).toBe(true);
  });
});
