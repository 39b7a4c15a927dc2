import fs from "node:fs";
import path from "node:path";
import git from "isomorphic-git";

export type RefUpdateOutcome = "updated" | "moved" | "locked";

/**
 * Moves a ref from `expected` (null: the ref must not exist) to `oid` the way git does: under
 * `<ref>.lock`, which the git command line also honours, so a push to the same branch cannot interleave.
 */
export async function compareAndSetRef(gitdir: string, ref: string, expected: string | null, oid: string): Promise<RefUpdateOutcome> {
  const file = path.join(gitdir, ref);
  const lock = `${file}.lock`;
  await fs.promises.mkdir(path.dirname(file), { recursive: true });
  let handle: fs.promises.FileHandle;
  try {
    handle = await fs.promises.open(lock, "wx");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "EEXIST") return "locked";
    throw e;
  }
  let renamed = false;
  try {
    const current = await git.resolveRef({ fs, gitdir, ref }).catch(() => null);
    if (current !== expected) return "moved";
    await handle.writeFile(`${oid}\n`);
    await handle.close();
    await fs.promises.rename(lock, file);
    renamed = true;
    return "updated";
  } finally {
    await handle.close().catch(() => undefined);
    // Once renamed, a lock file at that path belongs to someone else.
    if (!renamed) await fs.promises.rm(lock, { force: true });
  }
}
