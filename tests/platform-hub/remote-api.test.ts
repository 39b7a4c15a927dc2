import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempDir } from "../policies-api/env";
import { prisma, setUpApi, tearDownApi } from "../policies-api/harness";
import { api } from "../policies-api/api";
import { PlatformHub, platformHub, readPolicy, savePolicy } from "@/lib/platform-hub";
import { remoteFromEnv } from "@/lib/platform-hub/remote";
import { GIT_PASSWORD as PASSWORD, GIT_USER, useGitServer } from "./git-server-fixture";

const git = useGitServer();
let other: PlatformHub;

beforeAll(async () => {
  // The app's repository comes from the environment, as in production: a clone of the remote.
  process.env.PLATFORM_HUB_GIT_URL = git.freshRemote().url;
  process.env.PLATFORM_HUB_GIT_USERNAME = GIT_USER;
  process.env.PLATFORM_HUB_GIT_TOKEN = PASSWORD;
  await setUpApi();
  const remote = remoteFromEnv();
  if (!remote.ok || !remote.value) throw new Error("the remote is not configured");
  other = new PlatformHub(path.join(tempDir, "other-instance.git"), { remote: remote.value });
});

afterAll(async () => {
  platformHub().close();
  other.close();
  await tearDownApi();
});

describe("the policies API on a Git remote", () => {
  it("answers one 200 and one 409 naming the other commit when two instances commit the same policy at once", async () => {
    expect((await api.create({ name: "Shared", slug: "shared", starter: "blank_policy" })).status).toBe(201);
    const read = await api.read("shared");
    const { slug: _slug, ...fields } = read.body.policy;
    // The other instance clones the remote on first use, and so has the policy the API created.
    const theirs = await readPolicy(other, "main", "shared");
    if (!theirs.ok) throw new Error(theirs.error.message);

    const [put, saved] = await Promise.all([
      api.commit("shared", { branch: "main", policy: { ...fields, description: "Edited through the API" } }),
      savePolicy(other, "main", { ...theirs.value.policy!, description: "Edited on the other instance" }, { author: { name: "Other", email: "other@example.com" } }),
    ]);
    if (put.status === 200) {
      expect(saved).toMatchObject({ ok: false, error: { code: "edit_conflict", details: { commitId: put.body.commitId } } });
    } else {
      expect(put.status).toBe(409);
      expect(saved.ok).toBe(true);
      expect(put.body.error).toMatchObject({ code: "edit_conflict", details: { commitId: saved.ok ? saved.value : "" } });
    }

    // Neither the audit, nor the answers, nor the clone's config hold the credentials.
    const audit = await prisma.auditEvent.findMany();
    expect(audit.length).toBeGreaterThan(0);
    expect(JSON.stringify(audit)).not.toContain(PASSWORD);
    expect(JSON.stringify([read.body, put.body])).not.toContain(PASSWORD);
    expect(fs.readFileSync(path.join(platformHub().gitdir, "config"), "utf8")).not.toContain(PASSWORD);
  });
});
