import git, { Errors } from "isomorphic-git";
import { durableFs } from "./durable-fs";
import { fail, type HubResult } from "./result";

/** The blob of each path at a commit, null where the path is not a file there. */
export async function blobsAt(gitdir: string, commit: string, paths: string[]): Promise<Record<string, string | null>> {
  const blobs: Record<string, string | null> = {};
  for (const filePath of paths) {
    blobs[filePath] = await git.readBlob({ fs: durableFs, gitdir, oid: commit, filepath: filePath }).then(
      (b) => b.oid,
      (e) => {
        if (e instanceof Errors.NotFoundError || e instanceof Errors.ObjectTypeError) return null;
        throw e;
      },
    );
  }
  return blobs;
}

/**
 * A file a commit changes that someone else changed at `head` since the edit read it (its blob
 * then is in `expected`): an `edit_conflict` naming the path and the last commit that changed it.
 * Null when every file is as the edit read it, so the commit can go on top of `head`.
 */
export async function editConflict(gitdir: string, branch: string, head: string, expected: Record<string, string | null>): Promise<HubResult<never> | null> {
  const current = await blobsAt(gitdir, head, Object.keys(expected));
  const changed = Object.keys(expected).find((p) => current[p] !== expected[p]);
  if (changed === undefined) return null;
  const [last] = await git.log({ fs: durableFs, gitdir, ref: head, filepath: changed, depth: 1, force: true }).catch(() => []);
  const commitId = last?.oid ?? head;
  const who = last ? ` by ${last.commit.author.name} ("${last.commit.message.trim().split("\n")[0]}")` : "";
  return fail("edit_conflict", `${changed} was changed on ${branch} in commit ${commitId.slice(0, 7)}${who} after this edit read it: reload it and apply the changes again`, {
    path: changed,
    commitId,
  });
}
