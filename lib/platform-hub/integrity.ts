import git from "isomorphic-git";
import { durableFs } from "./durable-fs";

type ObjectType = "commit" | "tree" | "blob" | "tag";

/** An object a ref reaches that cannot be read, or is not what the object pointing to it says. */
export type BrokenObject = { oid: string; type: ObjectType; ref: string; path: string; reason: string };
export type Root = { ref: string; oid: string };
export type IntegrityReport = { roots: Root[]; checked: number; broken: BrokenObject[] };

/**
 * Objects never change once written, so one that read back intact in a walk that found nothing
 * broken does not need reading again in this process: `objects` with what they reach, `histories`
 * the commits whose parents were walked too.
 */
type Verified = { objects: Set<string>; histories: Set<string> };
const verifiedByRepository = new Map<string, Verified>();

function verifiedOf(gitdir: string): Verified {
  let verified = verifiedByRepository.get(gitdir);
  if (!verified) verifiedByRepository.set(gitdir, (verified = { objects: new Set(), histories: new Set() }));
  return verified;
}

/** Forgets what was verified, for a repository that was repaired or replaced underneath this process. */
export function forgetVerified(gitdir: string): void {
  verifiedByRepository.delete(gitdir);
}

/** The refs whose objects must be readable: branches, tags and (in a clone) remote-tracking branches. */
export async function repositoryRoots(gitdir: string): Promise<Root[]> {
  const roots: Root[] = [];
  for (const prefix of ["refs/heads", "refs/tags", "refs/remotes"]) {
    for (const name of await git.listRefs({ fs: durableFs, gitdir, filepath: prefix })) {
      const ref = `${prefix}/${name}`;
      roots.push({ ref, oid: await git.resolveRef({ fs: durableFs, gitdir, ref }) });
    }
  }
  return roots;
}

/**
 * Reads every object the roots reach (with `history`, through every parent commit too) and
 * reports the ones that are missing, damaged (empty, not inflating, wrong hash) or of the wrong
 * type: the part of `git fsck` that decides whether the app can read what its refs point to.
 */
export async function checkReachable(gitdir: string, roots: Root[], options: { history: boolean; rereadVerified?: boolean }): Promise<IntegrityReport> {
  const verified = verifiedOf(gitdir);
  const known = options.rereadVerified ? { objects: new Set<string>(), histories: new Set<string>() } : verified;
  const seen = new Set<string>();
  const broken: BrokenObject[] = [];
  const cache = {};
  const stack: { oid: string; type: ObjectType; ref: string; path: string }[] = roots.map((r) => ({ oid: r.oid, type: "commit", ref: r.ref, path: "" }));
  for (const root of stack) if (root.ref.startsWith("refs/tags/")) root.type = "tag";
  while (stack.length > 0) {
    const item = stack.pop()!;
    if (seen.has(item.oid) || (options.history && item.type === "commit" ? known.histories : known.objects).has(item.oid)) continue;
    seen.add(item.oid);
    let object;
    try {
      object = await git.readObject({ fs: durableFs, gitdir, oid: item.oid, format: "parsed", cache });
    } catch (e) {
      broken.push({ ...item, reason: (e as Error).message.split("\n")[0] });
      continue;
    }
    // A tag ref may point straight at a commit.
    const expected = item.type === "tag" && object.type === "commit" ? "commit" : item.type;
    if (object.type !== expected) {
      broken.push({ ...item, reason: `is a ${object.type}, expected a ${expected}` });
      continue;
    }
    if (object.type === "tag") {
      const tag = object.object as { object: string; type: ObjectType };
      stack.push({ oid: tag.object, type: tag.type, ref: item.ref, path: "" });
    } else if (object.type === "commit") {
      const commit = object.object as { tree: string; parent: string[] };
      stack.push({ oid: commit.tree, type: "tree", ref: item.ref, path: "" });
      if (options.history) for (const parent of commit.parent) stack.push({ oid: parent, type: "commit", ref: item.ref, path: "" });
    } else if (object.type === "tree") {
      for (const entry of object.object as { path: string; oid: string; type: string }[]) {
        // Submodule entries name commits of other repositories.
        if (entry.type === "commit") continue;
        stack.push({ oid: entry.oid, type: entry.type as ObjectType, ref: item.ref, path: item.path ? `${item.path}/${entry.path}` : entry.path });
      }
    }
  }
  if (broken.length === 0) {
    for (const oid of seen) verified.objects.add(oid);
    if (options.history) for (const oid of seen) verified.histories.add(oid);
  }
  return { roots, checked: seen.size, broken };
}

/** Every ref's whole history, every object read from disk again. */
export async function checkRepository(gitdir: string): Promise<IntegrityReport> {
  return checkReachable(gitdir, await repositoryRoots(gitdir), { history: true, rereadVerified: true });
}

/** One line per broken object, for errors and the repair script. */
export function describeBroken(broken: BrokenObject[], limit = 5): string {
  const lines = broken.slice(0, limit).map((b) => `${b.type} ${b.oid}${b.path ? ` (${b.path})` : ""} reached from ${b.ref}: ${b.reason}`);
  if (broken.length > limit) lines.push(`and ${broken.length - limit} more`);
  return lines.join("; ");
}
