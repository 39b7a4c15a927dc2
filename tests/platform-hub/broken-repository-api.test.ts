import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { platformHub } from "@/lib/platform-hub";
import { policyOcl, setUpApi, tearDownApi } from "../policies-api/harness";
import { api } from "../policies-api/api";

beforeAll(setUpApi);
afterAll(tearDownApi);

describe("policy reads on a damaged repository", () => {
  it("answer 503 with the repository error instead of 500", async () => {
    const hub = platformHub();
    const committed = await hub.commitFiles("main", [{ path: "policies/damaged.ocl", content: policyOcl("damaged") }], { author: { name: "Ada", email: "ada@example.com" } });
    expect(committed.ok).toBe(true);
    const blob = execFileSync("git", ["rev-parse", "main:policies/damaged.ocl"], { cwd: hub.gitdir, encoding: "utf8" }).trim();
    const file = path.join(hub.gitdir, "objects", blob.slice(0, 2), blob.slice(2));
    fs.chmodSync(file, 0o644);
    fs.writeFileSync(file, "");

    for (const answer of [await api.read("damaged"), await api.list()]) {
      expect(answer.status).toBe(503);
      expect(answer.body.error.code).toBe("repository_corrupt");
      expect(answer.body.error.message).toContain("npm run repo:repair");
    }
  });
});
