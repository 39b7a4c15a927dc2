import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { useGitServer } from "@/tests/platform-hub/git-server-fixture";
import { createPolicy, listPolicies, readPolicy, savePolicy } from "./policy-store";
import { PlatformHub } from "./repository";
import type { HubResult } from "./result";

const OPTIONS = { author: { name: "Ada Platform", email: "ada@example.com" } };

function value<T>(result: HubResult<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

let tmp: string;
let hub: PlatformHub;
// The same suite runs on a local repository and on a clone of a repository on a Git server.
const git = useGitServer();

afterEach(() => {
  hub.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe.each(["local repository", "Git remote"])("policy store on a %s", (mode) => {
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "policy-store-"));
    if (mode === "local repository") {
      hub = new PlatformHub(path.join(tmp, "repo.git"));
      return;
    }
    hub = new PlatformHub(path.join(tmp, "clone.git"), { remote: git.freshRemote() });
  });

  it("creates a policy from a starter under its new slug, then saves edits as commits", async () => {
    const created = value(await createPolicy(hub, "main", { starter: "manual_intervention_required", name: "ACME approvals", slug: "acme_approvals" }, OPTIONS));
    expect(created.policy.scopeRego).toMatch(/^package acme_approvals\n/);
    const stored = value(await readPolicy(hub, "main", "acme_approvals"));
    expect(stored).toMatchObject({ path: "policies/acme_approvals.ocl", problems: [], policy: { name: "ACME approvals", slug: "acme_approvals" } });

    value(await savePolicy(hub, "main", { ...stored.policy!, violationAction: "warn" }, OPTIONS));
    expect(value(await readPolicy(hub, "main", "acme_approvals")).policy?.violationAction).toBe("warn");
    expect(value(await hub.log("main", "policies/acme_approvals.ocl")).map((c) => c.message.trim())).toEqual([
      "Update policy acme_approvals",
      "Create policy acme_approvals",
    ]);
  });

  it("never lets a save without a base commit overwrite a save of the same policy made meanwhile", async () => {
    const created = value(await createPolicy(hub, "main", { starter: "blank_policy", name: "Shared", slug: "shared" }, OPTIONS)).policy;
    const edits = ["First edit", "Second edit"];
    const results = await Promise.all(edits.map((description) => savePolicy(hub, "main", { ...created, description }, OPTIONS)));
    // Which save reaches the branch first is up to the race (on a remote, each reads over the network); exactly one may.
    const winner = results.findIndex((r) => r.ok);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const won = results[winner];
    expect(results[1 - winner]).toMatchObject({ ok: false, error: { code: "edit_conflict", details: { path: "policies/shared.ocl", commitId: won.ok ? won.value : "" } } });
    expect(value(await readPolicy(hub, "main", "shared")).policy?.description).toBe(edits[winner]);
    // Saves of other policies at the same moment go on top of each other.
    const other = value(await createPolicy(hub, "main", { starter: "blank_policy", name: "Other", slug: "other" }, OPTIONS)).policy;
    const both = await Promise.all([savePolicy(hub, "main", { ...other, description: "x" }, OPTIONS), savePolicy(hub, "main", { ...created, description: "y" }, OPTIONS)]);
    expect(both.map((r) => r.ok)).toEqual([true, true]);
  });

  it("keeps comments written in the file by hand when saving", async () => {
    const created = value(await createPolicy(hub, "main", { starter: "blank_policy", name: "Commented", slug: "commented" }, OPTIONS)).policy;
    const text = value(await hub.readFile("main", "policies/commented.ocl")).text;
    value(await hub.commitFiles("main", [{ path: "policies/commented.ocl", content: `# Owner: platform team\n${text}` }], OPTIONS));
    value(await savePolicy(hub, "main", { ...created, description: "Now described" }, OPTIONS));
    const saved = value(await readPolicy(hub, "main", "commented"));
    expect(saved.text.startsWith("# Owner: platform team\nname ")).toBe(true);
    expect(saved.policy?.description).toBe("Now described");
  });

  it("lists invalid policy files with their problems instead of hiding them", async () => {
    value(await hub.commitFiles("main", [{ path: "policies/broken-name.ocl", content: 'name = "Broken"\n' }], OPTIONS));
    const [broken] = value(await listPolicies(hub, "main"));
    expect(broken.policy?.name).toBe("Broken");
    expect(broken.problems.map((p) => p.code)).toEqual(["file_name_invalid", "block_missing", "block_missing"]);
  });

  it("refuses invalid slugs, taken slugs and unknown starters", async () => {
    const create = (starter: string, slug: string) => createPolicy(hub, "main", { starter, name: "X", slug }, OPTIONS);
    expect(await create("blank_policy", "bad-slug")).toMatchObject({ ok: false, error: { code: "invalid_slug" } });
    value(await create("blank_policy", "taken"));
    expect(await create("blank_policy", "taken")).toMatchObject({ ok: false, error: { code: "policy_exists" } });
    expect(await create("nope", "fresh")).toMatchObject({ ok: false, error: { code: "starter_not_found" } });
    expect(await createPolicy(hub, "nope", { starter: "blank_policy", name: "X", slug: "fresh" }, OPTIONS)).toMatchObject({ ok: false, error: { code: "ref_not_found" } });
  });
});
