import git, { type TreeEntry } from "isomorphic-git";
import { durableFs as fs } from "./durable-fs";
import type { ChangeKind } from "./commit-message";

/** A path inside the repository split into its segments, and the content to write there (null deletes). */
export type TreeChange = { segments: string[]; path: string; content: string | null };
export type AppliedChange = { kind: ChangeKind; path: string };

/** A change that the tree cannot take: deleting a missing file, or a file where a folder is (or the reverse). */
export class TreeChangeError extends Error {
  constructor(
    readonly code: "file_not_found" | "invalid_path",
    message: string,
  ) {
    super(message);
  }
}

/**
 * Writes the tree that results from applying changes to a tree, without a working copy, and
 * returns its oid (null when nothing is left in it). Only the trees along changed paths are rewritten.
 */
export async function updateTree(gitdir: string, treeOid: string | null, changes: TreeChange[], applied: AppliedChange[], depth = 0): Promise<string | null> {
  const entries = new Map<string, TreeEntry>();
  if (treeOid) for (const e of (await git.readTree({ fs, gitdir, oid: treeOid })).tree) entries.set(e.path, e);

  const byDirectory = new Map<string, TreeChange[]>();
  for (const change of changes) {
    const name = change.segments[depth];
    const existing = entries.get(name);
    const folder = depth < change.segments.length - 1;
    if (existing && (existing.type === "tree") !== folder) {
      const what = folder ? "a file" : "a folder";
      throw new TreeChangeError("invalid_path", `${change.segments.slice(0, depth + 1).join("/")} is ${what}, so ${change.path} cannot be written`);
    }
    if (folder) {
      byDirectory.set(name, [...(byDirectory.get(name) ?? []), change]);
      continue;
    }
    const existed = existing !== undefined;
    if (change.content === null) {
      if (!existed) throw new TreeChangeError("file_not_found", `${change.path} does not exist, so it cannot be deleted`);
      entries.delete(name);
      applied.push({ kind: "delete", path: change.path });
    } else {
      const oid = await git.writeBlob({ fs, gitdir, blob: new TextEncoder().encode(change.content) });
      if (existed && existing.oid === oid) continue;
      entries.set(name, { mode: existed ? existing.mode : "100644", path: name, oid, type: "blob" });
      applied.push({ kind: existed ? "update" : "create", path: change.path });
    }
  }
  for (const [name, inner] of byDirectory) {
    const existing = entries.get(name);
    const subtree = await updateTree(gitdir, existing?.oid ?? null, inner, applied, depth + 1);
    if (subtree) entries.set(name, { mode: "040000", path: name, oid: subtree, type: "tree" });
    else entries.delete(name);
  }
  if (entries.size === 0) return null;
  return git.writeTree({ fs, gitdir, tree: [...entries.values()] });
}
