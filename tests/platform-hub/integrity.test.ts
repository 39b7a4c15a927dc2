import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { PlatformHub, type HubResult } from "@/lib/platform-hub";
import { repairRepository } from "@/lib/platform-hub/repair";

const OPTIONS = { author: { name: "Ada Platform", email: "ada@example.com" } };

let tmp: string;
let gitdir: string;

beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "platform-hub-integrity-"));
  gitdir = path.join(tmp, "repo.git");
});
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

function value<T>(result: HubResult<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

function git(...args: string[]): string {
  return execFileSync("git", args, { cwd: gitdir, encoding: "utf8", stdio: ["pipe", "pipe", "pipe"] }).trim();
}

/** Empties an object file, as a crash of a non-atomic writer did. */
function truncateObject(oid: string): void {
  const file = path.join(gitdir, "objects", oid.slice(0, 2), oid.slice(2));
  fs.chmodSync(file, 0o644);
  fs.writeFileSync(file, "");
}

/** A repository whose main has a good first commit and a second one whose new policy blob is empty. */
async function damagedRepository(): Promise<{ good: string; damaged: string; blob: string }> {
  const hub = new PlatformHub(gitdir);
  const good = value(await hub.commitFiles("main", [{ path: "policies/kept.ocl", content: "kept\n" }], OPTIONS));
  const damaged = value(await hub.commitFiles("main", [{ path: "policies/lost.ocl", content: "lost\n" }], { ...OPTIONS, message: "Add the lost policy" }));
  const blob = git("rev-parse", "main:policies/lost.ocl");
  truncateObject(blob);
  return { good, damaged, blob };
}

describe("writing objects", () => {
  it("rewrites an object file that exists but is empty instead of reusing it", async () => {
    const hub = new PlatformHub(gitdir);
    value(await hub.ensureRepository());
    const blob = execFileSync("git", ["hash-object", "--stdin"], { input: "reused\n", encoding: "utf8" }).trim();
    fs.mkdirSync(path.join(gitdir, "objects", blob.slice(0, 2)), { recursive: true });
    fs.writeFileSync(path.join(gitdir, "objects", blob.slice(0, 2), blob.slice(2)), "");

    value(await hub.commitFiles("main", [{ path: "policies/reused.ocl", content: "reused\n" }], OPTIONS));
    expect(git("rev-parse", "main:policies/reused.ocl")).toBe(blob);
    git("fsck", "--full", "--strict", "--no-progress");
    expect(value(await hub.readFile("main", "policies/reused.ocl")).text).toBe("reused\n");
    // Written whole under a temporary name and renamed: no temporary file stays behind.
    expect(fs.readdirSync(path.join(gitdir, "objects", blob.slice(0, 2))).filter((f) => f.startsWith("tmp_obj_"))).toEqual([]);
  });
});

describe("a damaged repository", () => {
  it("is found when the app starts on it: a repository_corrupt error naming the object and the repair command", async () => {
    const { blob } = await damagedRepository();
    const restarted = new PlatformHub(gitdir);
    const ready = await restarted.ensureRepository();
    expect(ready).toMatchObject({ ok: false, error: { code: "repository_corrupt" } });
    const message = (ready as { error: { message: string } }).error.message;
    expect(message).toContain(blob);
    expect(message).toContain("policies/lost.ocl");
    expect(message).toContain("npm run repo:repair");
    // Every operation answers the same error, reads of intact files included, rather than failing one by one.
    expect(await restarted.readFile("main", "policies/kept.ocl")).toMatchObject({ ok: false, error: { code: "repository_corrupt" } });
    expect(await restarted.commitFiles("main", [{ path: "policies/new.ocl", content: "new\n" }], OPTIONS)).toMatchObject({ ok: false, error: { code: "repository_corrupt" } });
  });

  it("is found when damage appears while running, on the read that meets it", async () => {
    const hub = new PlatformHub(gitdir);
    value(await hub.commitFiles("main", [{ path: "policies/a.ocl", content: "a\n" }], OPTIONS));
    truncateObject(git("rev-parse", "main:policies/a.ocl"));
    expect(await hub.readPolicyFiles("main")).toMatchObject({ ok: false, error: { code: "repository_corrupt" } });
  });

  it("is repaired by moving the branch back to its last intact commit, saying which commits left it", async () => {
    const { good, damaged } = await damagedRepository();
    const report = await repairRepository(gitdir);
    expect(report.moved).toEqual([{ ref: "refs/heads/main", from: damaged, to: good, lost: [{ oid: damaged, message: "Add the lost policy" }] }]);
    expect(report.unrepaired).toEqual([]);
    git("fsck", "--full", "--strict", "--no-progress", "--no-dangling");
    const hub = new PlatformHub(gitdir);
    expect(value(await hub.readFile("main", "policies/kept.ocl")).text).toBe("kept\n");
    value(await hub.commitFiles("main", [{ path: "policies/next.ocl", content: "next\n" }], OPTIONS));
  });

  it("is repaired without losing a commit when a clone still has the objects", async () => {
    const hub = new PlatformHub(gitdir);
    value(await hub.commitFiles("main", [{ path: "policies/lost.ocl", content: "lost\n" }], OPTIONS));
    const backup = path.join(tmp, "backup.git");
    // --no-local: a local clone hard-links the object files, so the damage would reach the backup too.
    execFileSync("git", ["clone", "--quiet", "--bare", "--no-local", gitdir, backup]);
    const head = git("rev-parse", "main");
    const blob = git("rev-parse", "main:policies/lost.ocl");
    truncateObject(blob);

    const report = await repairRepository(gitdir, { from: backup });
    expect(report).toMatchObject({ removed: [blob], restored: [blob], moved: [], unrepaired: [] });
    git("fsck", "--full", "--strict", "--no-progress");
    expect(git("rev-parse", "main")).toBe(head);
    expect(value(await new PlatformHub(gitdir).readFile("main", "policies/lost.ocl")).text).toBe("lost\n");
  });
});

describe("ref locks", () => {
  it("waits out a lock another writer holds, and clears one a crashed writer left", async () => {
    const hub = new PlatformHub(gitdir);
    value(await hub.ensureRepository());
    const lock = path.join(gitdir, "refs", "heads", "main.lock");
    fs.writeFileSync(lock, "");
    expect(await hub.commitFiles("main", [{ path: "policies/a.ocl", content: "a\n" }], OPTIONS)).toMatchObject({ ok: false, error: { code: "stale_branch" } });
    const old = new Date(Date.now() - 60_000);
    fs.utimesSync(lock, old, old);
    value(await hub.commitFiles("main", [{ path: "policies/a.ocl", content: "a\n" }], OPTIONS));
    expect(fs.existsSync(lock)).toBe(false);
    git("fsck", "--full", "--strict", "--no-progress");
  });
});
