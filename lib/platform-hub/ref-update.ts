import fs from "node:fs";
import path from "node:path";
import git from "isomorphic-git";
import { durableFs, fsyncDirectory } from "./durable-fs";

export type RefUpdateOutcome = "updated" | "moved" | "locked";

/** A ref update holds its lock for one write and fsync; a lock this old was left by a writer that crashed. */
const STALE_LOCK_MS = 2_000;

async function removeIfStale(lock: string): Promise<boolean> {
  const stats = await fs.promises.stat(lock).catch(() => null);
  if (!stats || Date.now() - stats.mtimeMs < STALE_LOCK_MS) return false;
  await fs.promises.rm(lock, { force: true });
  return true;
}

/**
 * Moves a ref from `expected` (null: the ref must not exist) to `oid` the way git does: under
 * `<ref>.lock`, which the git command line also honours, so a push to the same branch cannot interleave.
 * The new value is synced before the rename and the directory after it, so a crash leaves the
 * old value or the new one.
 */
export async function compareAndSetRef(gitdir: string, ref: string, expected: string | null, oid: string): Promise<RefUpdateOutcome> {
  const file = path.join(gitdir, ref);
  const lock = `${file}.lock`;
  await fs.promises.mkdir(path.dirname(file), { recursive: true });
  let handle: fs.promises.FileHandle;
  try {
    handle = await fs.promises.open(lock, "wx");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    if (!(await removeIfStale(lock))) return "locked";
    return compareAndSetRef(gitdir, ref, expected, oid);
  }
  let renamed = false;
  try {
    const current = await git.resolveRef({ fs: durableFs, gitdir, ref }).catch(() => null);
    if (current !== expected) return "moved";
    await handle.writeFile(`${oid}\n`);
    await handle.sync();
    await handle.close();
    await fs.promises.rename(lock, file);
    renamed = true;
    await fsyncDirectory(path.dirname(file));
    return "updated";
  } finally {
    await handle.close().catch(() => undefined);
    // Once renamed, a lock file at that path belongs to someone else.
    if (!renamed) await fs.promises.rm(lock, { force: true });
  }
}
