import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { inflateSync } from "node:zlib";

/** `objects/ab/cdef…`: a loose object file, named by its oid. */
const LOOSE_OBJECT = /[\\/]objects[\\/]([0-9a-f]{2})[\\/]([0-9a-f]{38})$/;

/**
 * Whether a loose object file holds the object its name promises: it inflates, has a git object
 * header and hashes to its oid. A crash before this layer existed could leave empty files behind.
 */
export async function looseObjectIntact(file: string): Promise<boolean> {
  const match = LOOSE_OBJECT.exec(file);
  if (!match) return false;
  try {
    const raw = inflateSync(await fs.promises.readFile(file));
    const header = raw.subarray(0, raw.indexOf(0)).toString("latin1");
    if (!/^(blob|tree|commit|tag) \d+$/.test(header) || Number(header.split(" ")[1]) !== raw.length - header.length - 1) return false;
    return createHash("sha1").update(raw).digest("hex") === match[1] + match[2];
  } catch {
    return false;
  }
}

/** Makes a rename or a new file in a directory survive a power loss, where the platform allows it. */
export async function fsyncDirectory(dir: string): Promise<void> {
  let handle: fs.promises.FileHandle | undefined;
  try {
    handle = await fs.promises.open(dir, "r");
    await handle.sync();
  } catch (e) {
    // Windows cannot open a directory for syncing; there the rename is what we have.
    if (!["EISDIR", "EPERM", "EINVAL", "EBADF"].includes((e as NodeJS.ErrnoException).code ?? "")) throw e;
  } finally {
    await handle?.close();
  }
}

/**
 * Writes a file so that a reader (or a crash) sees the old content or the new one, never a part:
 * a temporary file in the same directory, fsync, rename, fsync of the directory. Temporary files
 * under `objects/` are named `tmp_obj_*` (`tmp_pack_*` beside packs), which `git fsck` and
 * `git gc` know as leftovers; elsewhere they start with a dot, which git skips in `refs/`.
 */
export async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  const dir = path.dirname(file);
  const suffix = randomBytes(6).toString("hex");
  const object = /[\\/]objects([\\/]([0-9a-f]{2}|pack|info))?$/.test(dir);
  const prefix = path.basename(dir) === "pack" ? "tmp_pack_" : "tmp_obj_";
  const temp = object ? path.join(dir, `${prefix}${suffix}`) : path.join(dir, `.${path.basename(file)}.tmp-${suffix}`);
  // Objects are read-only, as git makes them.
  const handle = await fs.promises.open(temp, "wx", object ? 0o444 : 0o644);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } catch (e) {
    await handle.close();
    await fs.promises.rm(temp, { force: true });
    throw e;
  }
  await handle.close();
  try {
    await fs.promises.rename(temp, file);
  } catch (e) {
    await fs.promises.rm(temp, { force: true });
    throw e;
  }
  await fsyncDirectory(dir);
}

function notFound(file: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`ENOENT: unreadable object file, treated as missing: ${file}`), { code: "ENOENT", path: file });
}

/** stat, except that a damaged loose object file does not exist: isomorphic-git then writes it again instead of keeping it. */
function objectAware(stat: (file: string) => Promise<fs.Stats>) {
  return async (file: string) => {
    const stats = await stat(file);
    if (LOOSE_OBJECT.test(file) && !(await looseObjectIntact(file))) throw notFound(file);
    return stats;
  };
}

/** isomorphic-git also passes an encoding, which changes nothing for the buffers and text it writes. */
function writeFile(file: string, data: string | Uint8Array): Promise<void> {
  return writeFileAtomic(String(file), data);
}

/**
 * The file system handed to isomorphic-git: Node's, with every file it writes (objects, packs,
 * refs, config) written atomically and durably, and damaged loose objects reported missing.
 */
export const durableFs = {
  promises: {
    readFile: fs.promises.readFile,
    writeFile,
    mkdir: fs.promises.mkdir,
    rmdir: fs.promises.rmdir,
    rm: fs.promises.rm,
    unlink: fs.promises.unlink,
    stat: objectAware((f) => fs.promises.stat(f)),
    lstat: objectAware((f) => fs.promises.lstat(f)),
    readdir: fs.promises.readdir,
    readlink: fs.promises.readlink,
    symlink: fs.promises.symlink,
    chmod: fs.promises.chmod,
  },
};
