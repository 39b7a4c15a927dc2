import fs from "node:fs";
import path from "node:path";
import git, { type ReadCommitResult } from "isomorphic-git";
import { durableFs, looseObjectIntact } from "./durable-fs";
import { checkReachable, checkRepository, forgetVerified, type BrokenObject, type Root } from "./integrity";
import { compareAndSetRef } from "./ref-update";

export type LostCommit = { oid: string; message: string };
export type RepairReport = {
  /** Damaged loose object files deleted (they held nothing readable). */
  removed: string[];
  /** Objects copied back from the good source. */
  restored: string[];
  /** Branches moved back to their newest commit whose whole history reads, with the commits that left the branch. */
  moved: { ref: string; from: string; to: string; lost: LostCommit[] }[];
  /** Refs that still reach damaged objects, and why nothing could be done. */
  unrepaired: { ref: string; reason: string }[];
};

function looseFile(gitdir: string, oid: string): string {
  return path.join(gitdir, "objects", oid.slice(0, 2), oid.slice(2));
}

/** A repository's git directory: the folder itself when bare, else its `.git`. */
function gitdirOf(dir: string): string {
  return fs.existsSync(path.join(dir, ".git")) ? path.join(dir, ".git") : dir;
}

async function removeDamaged(gitdir: string, broken: BrokenObject[], report: RepairReport): Promise<void> {
  for (const oid of new Set(broken.map((b) => b.oid))) {
    const file = looseFile(gitdir, oid);
    if (fs.existsSync(file) && !(await looseObjectIntact(file))) {
      await fs.promises.rm(file, { force: true });
      report.removed.push(oid);
    }
  }
}

/** Copies the broken objects from a repository that has them, until nothing more can be restored. */
async function restoreFrom(gitdir: string, source: string, report: RepairReport): Promise<void> {
  for (;;) {
    const { broken } = await checkRepository(gitdir);
    let restored = 0;
    for (const oid of new Set(broken.map((b) => b.oid))) {
      const object = await git.readObject({ fs: durableFs, gitdir: source, oid, format: "content" }).catch(() => null);
      if (!object) continue;
      await fs.promises.rm(looseFile(gitdir, oid), { force: true });
      await git.writeObject({ fs: durableFs, gitdir, type: object.type as "blob" | "tree" | "commit" | "tag", object: object.object as Uint8Array, format: "content" });
      report.restored.push(oid);
      restored++;
    }
    if (restored === 0) return;
    forgetVerified(gitdir);
  }
}

/** Commits a branch pointed to, newest first: its first-parent line while it reads, then git's reflog if there is one. */
async function candidates(gitdir: string, root: Root): Promise<string[]> {
  const found: string[] = [];
  let oid: string | undefined = root.oid;
  while (oid && found.length < 10_000) {
    const commit: ReadCommitResult | null = await git.readCommit({ fs: durableFs, gitdir, oid }).catch(() => null);
    if (!commit) break;
    oid = commit.commit.parent[0];
    if (oid) found.push(oid);
  }
  const reflog = await fs.promises.readFile(path.join(gitdir, "logs", root.ref), "utf8").catch(() => "");
  for (const line of reflog.trim().split("\n").reverse()) {
    const [, next] = line.split(" ");
    if (next && /^[0-9a-f]{40}$/.test(next) && next !== root.oid && !found.includes(next)) found.push(next);
  }
  return found;
}

async function lostCommits(gitdir: string, from: string, to: string): Promise<LostCommit[]> {
  const lost: LostCommit[] = [];
  let oid: string | undefined = from;
  while (oid && oid !== to && lost.length < 1000) {
    const commit: ReadCommitResult | null = await git.readCommit({ fs: durableFs, gitdir, oid }).catch(() => null);
    lost.push({ oid, message: commit ? commit.commit.message.trim().split("\n")[0] : "(unreadable commit)" });
    oid = commit?.commit.parent[0];
  }
  return lost;
}

/**
 * Repairs a repository that `checkRepository` finds damaged: deletes damaged loose objects,
 * copies objects back from `from` (a clone or backup) when given, and moves each branch that
 * still reaches a damaged object back to its newest commit whose whole history reads, reporting
 * the commits that are then no longer on it. Tags and remote-tracking refs are left alone.
 */
export async function repairRepository(gitdir: string, options: { from?: string } = {}): Promise<RepairReport> {
  forgetVerified(gitdir);
  const report: RepairReport = { removed: [], restored: [], moved: [], unrepaired: [] };
  const first = await checkRepository(gitdir);
  if (first.broken.length === 0) return report;
  await removeDamaged(gitdir, first.broken, report);
  if (options.from) await restoreFrom(gitdir, gitdirOf(path.resolve(options.from)), report);

  for (const root of first.roots) {
    forgetVerified(gitdir);
    if ((await checkReachable(gitdir, [root], { history: true })).broken.length === 0) continue;
    if (!root.ref.startsWith("refs/heads/")) {
      report.unrepaired.push({ ref: root.ref, reason: "not a branch: restore its objects with --from, or delete the ref" });
      continue;
    }
    let target: string | undefined;
    for (const candidate of await candidates(gitdir, root)) {
      if ((await checkReachable(gitdir, [{ ref: root.ref, oid: candidate }], { history: true })).broken.length === 0) {
        target = candidate;
        break;
      }
    }
    if (!target) {
      report.unrepaired.push({ ref: root.ref, reason: "no earlier commit of it reads intact: restore its objects with --from <a clone>" });
      continue;
    }
    const outcome = await compareAndSetRef(gitdir, root.ref, root.oid, target);
    if (outcome !== "updated") {
      report.unrepaired.push({ ref: root.ref, reason: "it moved while repairing: run the repair again" });
      continue;
    }
    report.moved.push({ ref: root.ref, from: root.oid, to: target, lost: await lostCommits(gitdir, root.oid, target) });
  }
  forgetVerified(gitdir);
  return report;
}
