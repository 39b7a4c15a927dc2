import git, { Errors } from "isomorphic-git";
import http from "isomorphic-git/http/node";
import { durableFs } from "./durable-fs";
import { checkReachable } from "./integrity";
import { fail, ok, type HubResult } from "./result";

/** A Platform Hub repository on a Git server, reached over HTTP(S). */
export type RemoteOptions = { url: string; username?: string; password?: string; fetchIntervalMs: number };

export const DEFAULT_FETCH_INTERVAL_MS = 15_000;
/** The local ref a commit is pushed from; it exists only while pushing. */
const OUTGOING = "refs/policy-hub/outgoing";
const REMOTE = "origin";

/**
 * The remote from PLATFORM_HUB_GIT_URL, with PLATFORM_HUB_GIT_USERNAME and PLATFORM_HUB_GIT_PASSWORD
 * (or PLATFORM_HUB_GIT_TOKEN); credentials written into the URL are taken out of it. Null when no
 * URL is set: the app then keeps its repository on local disk only.
 */
export function remoteFromEnv(env: Record<string, string | undefined> = process.env): HubResult<RemoteOptions | null> {
  const raw = env.PLATFORM_HUB_GIT_URL?.trim();
  if (!raw) return ok(null);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return fail("invalid_repository", `PLATFORM_HUB_GIT_URL is not a URL: ${redactUrls(raw)}`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return fail("invalid_repository", "PLATFORM_HUB_GIT_URL must be an http:// or https:// URL");
  const username = env.PLATFORM_HUB_GIT_USERNAME || decodeURIComponent(url.username) || undefined;
  const password = env.PLATFORM_HUB_GIT_PASSWORD || env.PLATFORM_HUB_GIT_TOKEN || decodeURIComponent(url.password) || undefined;
  url.username = "";
  url.password = "";
  const interval = env.PLATFORM_HUB_GIT_FETCH_INTERVAL_MS ? Number(env.PLATFORM_HUB_GIT_FETCH_INTERVAL_MS) : DEFAULT_FETCH_INTERVAL_MS;
  if (!Number.isInteger(interval) || interval < 100) return fail("invalid_repository", "PLATFORM_HUB_GIT_FETCH_INTERVAL_MS must be a whole number of milliseconds, at least 100");
  // A token alone goes as the password of any user name, which GitHub, GitLab and Azure DevOps accept.
  return ok({ url: url.toString(), username: username ?? (password ? "policy-hub" : undefined), password, fetchIntervalMs: interval });
}

/** Takes the user information out of every URL in a text. */
function redactUrls(text: string): string {
  return text.replace(/\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@]+@/gi, "$1***@");
}

/** A text (an error, a log line) with no credential of the remote left in it. */
export function redact(text: string, remote: RemoteOptions | null): string {
  let clean = redactUrls(text);
  if (remote?.password) {
    const secrets = [remote.password, encodeURIComponent(remote.password), Buffer.from(`${remote.username}:${remote.password}`).toString("base64")];
    for (const secret of secrets) clean = clean.split(secret).join("***");
  }
  return clean;
}

function unreachable(remote: RemoteOptions, e: unknown): HubResult<never> {
  const status = e instanceof Errors.HttpError ? (e.data as { statusCode?: number }).statusCode : undefined;
  const why = status === 401 || status === 403 ? `refused the credentials (HTTP ${status}): check PLATFORM_HUB_GIT_USERNAME and PLATFORM_HUB_GIT_PASSWORD` : (e as Error).message;
  return fail("remote_unavailable", redact(`The Platform Hub Git server ${remote.url} ${status ? "" : "cannot be reached: "}${why}`, remote));
}

/**
 * The local clone's side of a remote: fetch into `refs/remotes/origin/*` and mirror the branches
 * into `refs/heads/*` (what every read uses), push one commit fast-forward only. The caller holds
 * the repository's lock, so nothing else moves the clone's refs meanwhile.
 */
export class RemoteSync {
  constructor(
    private readonly gitdir: string,
    readonly remote: RemoteOptions,
  ) {}

  private get headers(): Record<string, string> {
    const { username, password } = this.remote;
    return username && password ? { Authorization: `Basic ${Buffer.from(`${username}:${password}`).toString("base64")}` } : {};
  }

  /** Records the remote in the clone's config (its URL without credentials), so the git command line can use the clone too. */
  async configure(): Promise<void> {
    await git.addRemote({ fs: durableFs, gitdir: this.gitdir, remote: REMOTE, url: this.remote.url, force: true });
  }

  /** Fetches every branch and makes the clone's branches what the remote has; returns the remote's branch names. */
  async fetch(): Promise<HubResult<string[]>> {
    let fetched;
    try {
      fetched = await git.fetch({ fs: durableFs, http, gitdir: this.gitdir, url: this.remote.url, remote: REMOTE, singleBranch: false, tags: true, prune: true, headers: this.headers });
    } catch (e) {
      return unreachable(this.remote, e);
    }
    const names = (await git.listBranches({ fs: durableFs, gitdir: this.gitdir, remote: REMOTE })).filter((b) => b !== "HEAD");
    const roots = await Promise.all(names.map(async (b) => ({ ref: `refs/heads/${b}`, oid: await git.resolveRef({ fs: durableFs, gitdir: this.gitdir, ref: `refs/remotes/${REMOTE}/${b}` }) })));
    // As for local commits: a branch moves only to a commit whose objects all read back.
    const report = await checkReachable(this.gitdir, roots, { history: true });
    if (report.broken.length > 0) return fail("repository_corrupt", `Objects fetched from ${this.remote.url} do not read back; the clone's branches were left as they were`);
    for (const { ref, oid } of roots) {
      const current = await git.resolveRef({ fs: durableFs, gitdir: this.gitdir, ref }).catch(() => null);
      if (current !== oid) await git.writeRef({ fs: durableFs, gitdir: this.gitdir, ref, value: oid, force: true });
    }
    for (const local of await git.listBranches({ fs: durableFs, gitdir: this.gitdir })) {
      if (!names.includes(local)) await git.deleteRef({ fs: durableFs, gitdir: this.gitdir, ref: `refs/heads/${local}` });
    }
    if (fetched.defaultBranch) await git.writeRef({ fs: durableFs, gitdir: this.gitdir, ref: "HEAD", value: fetched.defaultBranch, symbolic: true, force: true });
    return ok(names);
  }

  /**
   * Pushes a commit to a branch of the remote, fast-forward only: "moved" when the remote branch
   * is no longer the commit's parent (someone pushed first), else the clone's branch follows.
   */
  async push(branch: string, oid: string): Promise<HubResult<"updated" | "moved">> {
    await git.writeRef({ fs: durableFs, gitdir: this.gitdir, ref: OUTGOING, value: oid, force: true });
    try {
      await git.push({ fs: durableFs, http, gitdir: this.gitdir, url: this.remote.url, remote: REMOTE, ref: OUTGOING, remoteRef: `refs/heads/${branch}`, headers: this.headers });
    } catch (e) {
      // Refused before sending (not a fast-forward of what the server advertised) or by the server (its ref moved meanwhile).
      if (e instanceof Errors.PushRejectedError || e instanceof Errors.GitPushError) return ok("moved");
      return unreachable(this.remote, e);
    } finally {
      await git.deleteRef({ fs: durableFs, gitdir: this.gitdir, ref: OUTGOING }).catch(() => undefined);
    }
    await git.writeRef({ fs: durableFs, gitdir: this.gitdir, ref: `refs/remotes/${REMOTE}/${branch}`, value: oid, force: true });
    await git.writeRef({ fs: durableFs, gitdir: this.gitdir, ref: `refs/heads/${branch}`, value: oid, force: true });
    return ok("updated");
  }
}
