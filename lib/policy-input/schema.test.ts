import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { inputFields } from "./fields";
import { policyInputJsonSchema } from "./schema";
import { validatePolicyInput } from "./validate";

const APPROVE = "0b6c7e5a-3f1d-4c2e-9a8b-1d2e3f4a5b6c";
const DEPLOY = "e4d3c2b1-a098-4f7e-8d6c-5b4a39281706";

const deployment = {
  Environment: { Id: "Environments-4", Name: "Production", Slug: "production", Tags: ["tier/critical"] },
  Project: { Id: "Projects-1", Name: "ACME", Slug: "acme", Tags: [] },
  Space: { Id: "Spaces-1", Name: "Default", Slug: "default" },
  ProjectGroup: { Id: "ProjectGroups-1", Name: "Default Project Group", Slug: "default-project-group" },
  Steps: [
    {
      Id: APPROVE,
      Slug: "approve",
      ActionType: "Octopus.Manual",
      Enabled: true,
      IsRequired: false,
      IsConditional: false,
      Source: { Type: "Step", SlugOrId: "approve" },
    },
    {
      Id: DEPLOY,
      Slug: "deploy-web",
      ActionType: "Octopus.KubernetesDeployContainers",
      Enabled: true,
      IsRequired: true,
      IsConditional: true,
      Source: { Type: "Step Template", SlugOrId: "k8s-deploy", Version: "3" },
      Packages: [
        {
          Id: "acme-web",
          Name: "web",
          Version: "1.4.0",
          GitRef: "refs/heads/main",
          Feed: { Id: "Feeds-2", Name: "Docker Hub", Slug: "docker-hub", Type: "Docker", Uri: "https://index.docker.io", Source: "Platform Hub" },
        },
      ],
    },
  ],
  SkippedSteps: [],
  Execution: [
    { StartTrigger: "StartAfterPrevious", Steps: [APPROVE] },
    { StartTrigger: "StartAfterPrevious", Steps: [DEPLOY] },
  ],
  RequiresApproval: true,
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

  it("accepts fields it does not know, at the top and inside known objects, as Octopus's open schema does", () => {
    const extended = {
      ...deployment,
      Channel: { Id: "Channels-1", Name: "Default" },
      Steps: deployment.Steps.map((s) => ({ ...s, WorkerPool: "hosted-ubuntu" })),
      Project: { ...deployment.Project, Template: { Slug: "web-service", Version: "1.2.0" }, IsVersionControlled: true },
    };
    expect(validatePolicyInput(extended)).toEqual({ ok: true });
  });

  it("still types the known fields: null for absent fields, malformed ids, numbered step ids, a missing RequiresApproval", () => {
    const { RequiresApproval: _, ...withoutApproval } = deployment;
    const bad = {
      ...withoutApproval,
      Tenant: null,
      Space: { ...deployment.Space, Id: "space-1" },
      SkippedSteps: ["Steps-1"],
      Steps: [{ ...deployment.Steps[0], IsConditional: "no" }, deployment.Steps[1]],
    };
    const result = validatePolicyInput(bad);
    expect(result.ok).toBe(false);
    const errors = result.ok ? "" : result.errors.join("\n");
    expect(errors).toMatch(/\/Tenant must be object/);
    expect(errors).toMatch(/\/Space\/Id must match pattern/);
    expect(errors).toMatch(/\/SkippedSteps\/0 must match format "uuid"/);
    expect(errors).toMatch(/\/Steps\/0\/IsConditional must be boolean/);
    expect(errors).toMatch(/must have required property 'RequiresApproval'/);
  });

  it("lists documented fields with Rego paths for completion", () => {
    const byPath = new Map(inputFields().map((f) => [f.path, f]));
    expect(byPath.get("input.Environment.Slug")?.type).toBe("string");
    expect(byPath.get("input.Steps[_].ActionType")?.description).toMatch(/Octopus.Manual/);
    expect(byPath.get("input.Tenant")?.optional).toBe(true);
    expect(byPath.get("input.Steps[_].Packages[_].GitRef")?.optional).toBe(true);
    expect(byPath.get("input.Steps[_].Packages[_].Feed.Source")?.type).toBe('"Space" | "Platform Hub"');
    expect(byPath.get("input.Steps[_].IsConditional")?.type).toBe("boolean");
    expect(byPath.get("input.RequiresApproval")?.optional).toBe(false);
    expect(byPath.get("input.Project.Template.Version")?.type).toBe("string");
    expect(byPath.get("input.Project.Template")?.optional).toBe(true);
    expect([...byPath.values()].every((f) => f.description.length > 0)).toBe(true);
  });
});
