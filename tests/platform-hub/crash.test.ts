import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { listPolicies, PlatformHub } from "@/lib/platform-hub";
import { policyFromStarter } from "@/lib/policies/create";
import { readStarter } from "@/lib/policies/starters";
import { writePolicyFile } from "@/lib/policies/write";

const ROUNDS = 5;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "platform-hub-crash-"));
const gitdir = path.join(tmp, "repo.git");

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Runs the commit burst and kills it with SIGKILL once it has acknowledged `killAfter` commits; returns what it acknowledged. */
function burstAndKill(round: number, killAfter: number): Promise<{ slug: string; commit: string }[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", path.join(__dirname, "commit-burst.ts"), gitdir, String(round)], { stdio: ["ignore", "pipe", "pipe"] });
    const acked: { slug: string; commit: string }[] = [];
    let buffered = "";
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    child.stdout.on("data", (data: Buffer) => {
      buffered += data.toString();
      const lines = buffered.split("\n");
      buffered = lines.pop()!;
      for (const line of lines) {
        const [word, slug, commit] = line.split(" ");
        if (word === "ACK") acked.push({ slug, commit });
        if (acked.length === killAfter) setTimeout(() => child.kill("SIGKILL"), Math.random() * 5);
      }
    });
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      if (signal !== "SIGKILL" && code !== 0) reject(new Error(`the commit burst failed (${code}): ${stderr}`));
      else resolve(acked);
    });
  });
}

/**
 * Leaves an empty object file where the child's first policy of a round will be stored, as a
 * crash of the old writer did: the store must write the object again instead of keeping it.
 */
async function plantEmptyObject(round: number): Promise<string> {
  const starter = await readStarter("manual_intervention_required");
  if (!starter.ok) throw new Error(starter.error.message);
  const text = writePolicyFile(policyFromStarter(starter.starter.policy, `Round ${round} policy 0`, `r${round}_p0`));
  const oid = execFileSync("git", ["hash-object", "--stdin"], { input: text, encoding: "utf8" }).trim();
  fs.mkdirSync(path.join(gitdir, "objects", oid.slice(0, 2)), { recursive: true });
  const file = path.join(gitdir, "objects", oid.slice(0, 2), oid.slice(2));
  fs.writeFileSync(file, "");
  return file;
}

function gitFsck(): string {
  // --full reads every object, loose and packed; errors fail the command, warnings land in stderr.
  return execFileSync("git", ["fsck", "--full", "--strict", "--no-progress", "--no-dangling"], { cwd: gitdir, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

describe("kill -9 during concurrent commits", () => {
  it(`leaves a repository git finds intact, with every acknowledged commit, over ${ROUNDS} rounds`, { timeout: 90_000 }, async () => {
    const everAcked: { slug: string; commit: string }[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      // Kill after a different number of acknowledgements each round, so the kill lands at different points of a commit.
      const planted = round > 1 ? await plantEmptyObject(round) : null;
      const acked = await burstAndKill(round, 1 + ((round * 7) % 15));
      // Killed before that policy was committed, the planted file is the test's own leftover, not the store's.
      if (planted && !acked.some((a) => a.slug === `r${round}_p0`) && fs.statSync(planted).size === 0) fs.rmSync(planted);
      expect(acked.length).toBeGreaterThan(0);
      everAcked.push(...acked);

      expect(() => gitFsck()).not.toThrow();
      const hub = new PlatformHub(gitdir);
      const ready = await hub.ensureRepository();
      expect(ready).toMatchObject({ ok: true });
      const policies = await listPolicies(hub, "main");
      if (!policies.ok) throw new Error(policies.error.message);
      expect(policies.value.every((p) => p.problems.length === 0)).toBe(true);
      const slugs = new Set(policies.value.map((p) => p.slug));
      for (const { slug, commit } of everAcked) {
        expect(slugs.has(slug), `${slug} acknowledged in ${commit}`).toBe(true);
        execFileSync("git", ["merge-base", "--is-ancestor", commit, "main"], { cwd: gitdir });
      }
    }
  });
});
