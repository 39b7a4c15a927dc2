import fs from "node:fs";
import path from "node:path";
import git, { Errors, type ReadCommitResult } from "isomorphic-git";
import { slugOfPath } from "@/lib/policies/read";
import { branchNameProblem } from "./branch-name";
import { quickCommitMessage } from "./commit-message";
import { Mutex } from "./mutex";
import { durableFs } from "./durable-fs";
import { blobsAt, editConflict } from "./edit-conflict";
import { checkReachable, checkRepository, describeBroken } from "./integrity";
import { compareAndSetRef, type RefUpdateOutcome } from "./ref-update";
import { redact, remoteFromEnv, RemoteSync, type RemoteOptions } from "./remote";
import { fail, ok, type HubError, type HubResult } from "./result";
import { TreeChangeError, updateTree, type AppliedChange, type TreeChange } from "./tree-update";

export type PolicyFile = { path: string; slug: string; text: string; blobOid: string };
export type RepositoryFile = { text: string; blobOid: string };
export type FileChange = { path: string; content: string | null };
export type CommitAuthor = { name: string; email: string };
export type CommitOptions = {
  author: CommitAuthor;
  /** Omitted for a quick commit: a message is generated from the changes. */
  message?: string;
  /** The branch head the changes were based on; the commit is refused if the branch has moved since. */
  expectedHead?: string;
  /**
   * The blob each changed path had when the edit read it (null: absent). The commit goes on top
   * of newer commits that left these files alone, and is an `edit_conflict` when one changed them.
   * Omitted, the files as they are at the head the first attempt commits on.
   */
  expectedFiles?: Record<string, string | null>;
};
export type LogEntry = {
  oid: string;
  message: string;
  parents: string[];
  author: CommitAuthor & { timestamp: number };
  committer: CommitAuthor & { timestamp: number };
};

export const DEFAULT_BRANCH = "main";
const POLICIES_DIR = "policies";
const SYSTEM_AUTHOR: CommitAuthor = { name: "Policy Hub", email: "policy-hub@localhost" };
const INITIAL_README = `# Policies

One file per compliance policy: \`policies/<slug>.ocl\`, where the slug is lower-case letters,
digits and underscores, and is also the Rego package of the policy's scope and conditions.
`;
/** Attempts at committing when someone else moves the branch between reading and writing it. */
const COMMIT_ATTEMPTS = 5;
/** How long a damaged repository is reported as such before it is checked again (it may have been repaired meanwhile). */
const RECHECK_DAMAGED_MS = 5_000;

/** The repository path: env PLATFORM_HUB_REPO, else data/platform-hub, relative to the working directory. */
export function platformHubPath(): string {
  return path.resolve(process.cwd(), process.env.PLATFORM_HUB_REPO || "data/platform-hub");
}

// One lock per repository, shared by every handle on it in this process.
const mutexes = new Map<string, Mutex>();
const handles = new Map<string, PlatformHub>();

/**
 * The Platform Hub repository at the configured path: the repository itself, or with
 * PLATFORM_HUB_GIT_URL set this instance's clone of the repository on that Git server.
 */
export function platformHub(): PlatformHub {
  const dir = platformHubPath();
  let hub = handles.get(dir);
  if (!hub) {
    const remote = remoteFromEnv();
    handles.set(dir, (hub = new PlatformHub(dir, remote.ok ? { remote: remote.value } : { configError: remote.error })));
  }
  return hub;
}

export type PlatformHubOptions = {
  /** A Git server holding the repository; `gitdir` is then this instance's clone of it. */
  remote?: RemoteOptions | null;
  /** A configuration that could not be used: every operation answers it. */
  configError?: HubError;
};

/**
 * The Platform Hub Git repository: a bare repository, so the app needs no working copy and the
 * git command line can clone it and push to it. Everything is read from git on each call, so
 * commits pushed from outside show up at once; blob contents are cached by their oid.
 *
 * With a remote, the bare repository is this instance's clone: it fetches on an interval and
 * before each commit, and a commit counts only once pushed (fast-forward only). When another
 * instance pushed first, the commit is made again on the new head if the files it changes were
 * left alone there, else it is an `edit_conflict` naming the other commit.
 */
export class PlatformHub {
  readonly gitdir: string;
  private readonly mutex: Mutex;
  private readonly blobCache = new Map<string, string>();
  private ready: Promise<HubResult<{ created: boolean }>> | null = null;
  private damagedAt = 0;
  private readonly remote: RemoteSync | null;
  private readonly configError: HubError | undefined;
  private fetchTimer: NodeJS.Timeout | null = null;

  constructor(gitdir: string, options: PlatformHubOptions = {}) {
    this.gitdir = path.resolve(gitdir);
    let mutex = mutexes.get(this.gitdir);
    if (!mutex) mutexes.set(this.gitdir, (mutex = new Mutex()));
    this.mutex = mutex;
    this.remote = options.remote ? new RemoteSync(this.gitdir, options.remote) : null;
    this.configError = options.configError;
  }

  /** Fetches from the remote now (a no-op without one), so commits merged outside the app show at once. */
  async fetchRemote(): Promise<HubResult<void>> {
    const remote = this.remote;
    if (!remote) return ok(undefined);
    return this.withRepository(() =>
      this.mutex.run(async () => {
        const fetched = await remote.fetch();
        return fetched.ok ? ok(undefined) : fetched;
      }),
    );
  }

  /** Stops fetching on an interval (tests, shutdown). */
  close(): void {
    if (this.fetchTimer) clearInterval(this.fetchTimer);
    this.fetchTimer = null;
  }

  private startFetching(remote: RemoteSync): void {
    if (this.fetchTimer) return;
    this.fetchTimer = setInterval(() => {
      void this.mutex.run(() => this.guard(() => remote.fetch())).then((r) => {
        // The clone keeps serving what it last fetched; the next fetch may succeed.
        if (!r.ok) console.warn(`Platform Hub: fetch failed: ${r.error.message}`);
      });
    }, remote.remote.fetchIntervalMs);
    // An instance exits when its work is done, whatever the next fetch.
    this.fetchTimer.unref();
  }

  /**
   * Creates the repository with a `main` branch and a `policies/` folder when it does not exist
   * yet; otherwise checks, once per process, that every object its refs reach reads back intact.
   * A damaged repository is a `repository_corrupt` error naming the objects and the repair command.
   */
  ensureRepository(): Promise<HubResult<{ created: boolean }>> {
    if (this.configError) return Promise.resolve({ ok: false, error: this.configError });
    if (this.damagedAt && Date.now() - this.damagedAt > RECHECK_DAMAGED_MS) this.ready = null;
    this.ready ??= this.mutex
      .run(() =>
        this.guard(async () => {
          const created = this.remote ? await this.createClone(this.remote) : await this.create();
          if (!created.ok) return created;
          if (this.remote) this.startFetching(this.remote);
          if (created.value.created) return created;
          const damage = await this.damage();
          return damage ?? created;
        }),
      )
      .then((r) => {
        this.damagedAt = !r.ok && r.error.code === "repository_corrupt" ? Date.now() : 0;
        if (!r.ok && !this.damagedAt) this.ready = null;
        return r;
      });
    return this.ready;
  }

  async defaultBranch(): Promise<HubResult<string>> {
    return this.withRepository(async () => ok((await git.currentBranch({ fs: durableFs, gitdir: this.gitdir })) ?? DEFAULT_BRANCH));
  }

  /** Branch names, the default branch first and the others in alphabetical order. */
  async listBranches(): Promise<HubResult<string[]>> {
    return this.withRepository(async () => {
      const main = (await git.currentBranch({ fs: durableFs, gitdir: this.gitdir })) ?? DEFAULT_BRANCH;
      // Names git refuses (a crashed write's `.main.tmp-*` file among them) are no branches.
      const branches = (await git.listBranches({ fs: durableFs, gitdir: this.gitdir })).filter((b) => branchNameProblem(b) === null).sort();
      return ok([...branches.filter((b) => b === main), ...branches.filter((b) => b !== main)]);
    });
  }

  /** Creates a branch at the commit `fromRef` resolves to, and returns that commit. */
  async createBranch(name: string, fromRef: string): Promise<HubResult<string>> {
    const problem = branchNameProblem(name);
    if (problem) return fail("invalid_branch_name", `Invalid branch name "${name}": ${problem}`);
    return this.withRepository(() =>
      this.mutex.run(async () => {
        const fetched = await this.fetchBeforeWriting();
        if (!fetched.ok) return fetched;
        const from = await this.resolve(fromRef);
        if (!from.ok) return from;
        const exists = await this.branchHead(name);
        const outcome = exists.ok ? ok("moved" as const) : await this.publish(name, null, from.value);
        if (!outcome.ok) return outcome;
        if (outcome.value !== "updated") return fail("branch_exists", `Branch "${name}" already exists: choose another name`);
        return from;
      }),
    );
  }

  /** The commit a branch name, full ref, tag or commit oid points to. */
  async resolveRef(ref: string): Promise<HubResult<string>> {
    return this.withRepository(() => this.resolve(ref));
  }

  async headCommit(branch: string): Promise<HubResult<string>> {
    return this.withRepository(() => this.branchHead(branch));
  }

  /** The policy files (`policies/*.ocl`) at a ref. */
  async readPolicyFiles(ref: string): Promise<HubResult<PolicyFile[]>> {
    return this.withRepository(async () => {
      const commit = await this.resolve(ref);
      if (!commit.ok) return commit;
      let entries;
      try {
        entries = (await git.readTree({ fs: durableFs, gitdir: this.gitdir, oid: commit.value, filepath: POLICIES_DIR })).tree;
      } catch (e) {
        if (e instanceof Errors.NotFoundError) return ok([]);
        throw e;
      }
      const files = entries.filter((e) => e.type === "blob" && e.path.endsWith(".ocl"));
      return ok(
        await Promise.all(
          files.map(async (e) => {
            const filePath = `${POLICIES_DIR}/${e.path}`;
            return { path: filePath, slug: slugOfPath(filePath), text: await this.blobText(e.oid), blobOid: e.oid };
          }),
        ),
      );
    });
  }

  async readFile(ref: string, filePath: string): Promise<HubResult<RepositoryFile>> {
    const invalid = pathProblem(filePath);
    if (invalid) return fail("invalid_path", invalid);
    return this.withRepository(async () => {
      const commit = await this.resolve(ref);
      if (!commit.ok) return commit;
      try {
        const { oid } = await git.readBlob({ fs: durableFs, gitdir: this.gitdir, oid: commit.value, filepath: filePath });
        return ok({ text: await this.blobText(oid), blobOid: oid });
      } catch (e) {
        if (e instanceof Errors.NotFoundError || e instanceof Errors.ObjectTypeError) {
          return fail("file_not_found", `${filePath} does not exist at ${ref}`);
        }
        throw e;
      }
    });
  }

  /**
   * Commits file changes on top of a branch without touching any working copy, and returns the
   * new commit. Saves in this process run one at a time; a concurrent push from outside is
   * detected through git's ref lock and the changes are re-applied on top of it.
   */
  async commitFiles(branch: string, changes: FileChange[], options: CommitOptions): Promise<HubResult<string>> {
    const invalid = commitProblem(changes, options);
    if (invalid) return fail("invalid_commit", invalid);
    const treeChanges: TreeChange[] = changes.map((c) => ({ path: c.path, segments: c.path.split("/"), content: c.content }));
    return this.withRepository(() =>
      this.mutex.run(async () => {
        const fetched = await this.fetchBeforeWriting();
        if (!fetched.ok) return fetched;
        let expectedFiles = options.expectedFiles;
        for (let attempt = 0; attempt < COMMIT_ATTEMPTS; attempt++) {
          const head = await this.branchHead(branch);
          if (!head.ok) return head;
          if (options.expectedHead && options.expectedHead !== head.value) {
            return fail("stale_branch", `Branch "${branch}" has new commits since this edit started: reload it and apply the changes again`, { commitId: head.value });
          }
          expectedFiles ??= await blobsAt(this.gitdir, head.value, changes.map((c) => c.path));
          const conflict = await editConflict(this.gitdir, branch, head.value, expectedFiles);
          if (conflict) return conflict;
          const commit = await this.writeCommitOn(head.value, treeChanges, options);
          if (!commit.ok) return commit;
          const readable = await this.verifyCommit(branch, commit.value);
          if (!readable.ok) return readable;
          const outcome = await this.publish(branch, head.value, commit.value);
          if (!outcome.ok) return outcome;
          if (outcome.value === "updated") return commit;
          // Jittered, so that instances racing for one branch do not keep colliding.
          await new Promise((resolve) => setTimeout(resolve, 20 * (attempt + 1) * (1 + Math.random())));
        }
        return fail("stale_branch", `Branch "${branch}" kept changing while committing: try again`);
      }),
    );
  }

  /** With a remote, its branches as they are now: writes start from them. */
  private async fetchBeforeWriting(): Promise<HubResult<unknown>> {
    return this.remote ? this.remote.fetch() : ok(undefined);
  }

  /**
   * Moves a branch from `expected` to `oid`: in the repository itself under git's ref lock, or by
   * a fast-forward push to the remote. "moved" when someone else moved it first; with a remote
   * the clone has then fetched what they pushed.
   */
  private async publish(branch: string, expected: string | null, oid: string): Promise<HubResult<RefUpdateOutcome>> {
    if (!this.remote) return ok(await compareAndSetRef(this.gitdir, `refs/heads/${branch}`, expected, oid));
    const pushed = await this.remote.push(branch, oid);
    if (!pushed.ok || pushed.value === "updated") return pushed;
    const fetched = await this.remote.fetch();
    return fetched.ok ? pushed : fetched;
  }

  /** Refs move only to commits whose every object reads back: a damaged object never becomes part of a branch. */
  private async verifyCommit(branch: string, commit: string): Promise<HubResult<void>> {
    const report = await checkReachable(this.gitdir, [{ ref: `refs/heads/${branch}`, oid: commit }], { history: false });
    if (report.broken.length === 0) return ok(undefined);
    return fail("repository_corrupt", `The commit for ${branch} could not be written intact, so the branch was not moved: ${describeBroken(report.broken)}`);
  }

  /** Commits that changed `filePath` (all commits without it), newest first. */
  async log(ref: string, filePath?: string): Promise<HubResult<LogEntry[]>> {
    if (filePath !== undefined) {
      const invalid = pathProblem(filePath);
      if (invalid) return fail("invalid_path", invalid);
    }
    return this.withRepository(async () => {
      const commit = await this.resolve(ref);
      if (!commit.ok) return commit;
      let commits: ReadCommitResult[];
      try {
        commits = await git.log({ fs: durableFs, gitdir: this.gitdir, ref: commit.value, filepath: filePath, force: true });
      } catch (e) {
        if (e instanceof Errors.NotFoundError) return ok([]);
        throw e;
      }
      return ok(commits.map(toLogEntry));
    });
  }

  private async create(): Promise<HubResult<{ created: boolean }>> {
    const initialized = await this.initBare();
    if (!initialized.ok || !initialized.value.created) return initialized;
    await compareAndSetRef(this.gitdir, `refs/heads/${DEFAULT_BRANCH}`, null, await this.writeInitialCommit());
    return ok({ created: true });
  }

  /**
   * The clone of the remote, made (or brought up to date) with a fetch. An empty remote gets the
   * initial commit; a remote that cannot be reached leaves a clone that has branches serving them.
   */
  private async createClone(remote: RemoteSync): Promise<HubResult<{ created: boolean }>> {
    const initialized = await this.initBare();
    if (!initialized.ok) return initialized;
    await remote.configure();
    const fetched = await remote.fetch();
    if (!fetched.ok) {
      if ((await git.listBranches({ fs: durableFs, gitdir: this.gitdir })).length === 0) return fetched;
      console.warn(`Platform Hub: serving the clone as last fetched: ${fetched.error.message}`);
      return ok({ created: false });
    }
    if (fetched.value.length > 0) return ok({ created: false });
    const pushed = await remote.push(DEFAULT_BRANCH, await this.writeInitialCommit());
    if (!pushed.ok) return pushed;
    // Another instance initialized it first: use theirs.
    if (pushed.value === "moved") {
      const again = await remote.fetch();
      return again.ok ? ok({ created: false }) : again;
    }
    return ok({ created: true });
  }

  /** An empty bare repository at gitdir, unless one is there already. */
  private async initBare(): Promise<HubResult<{ created: boolean }>> {
    if (fs.existsSync(path.join(this.gitdir, "HEAD"))) return ok({ created: false });
    // Commits here move branches without a checkout, which would leave a working copy out of date.
    if (fs.existsSync(path.join(this.gitdir, ".git"))) {
      return fail("invalid_repository", `${this.gitdir} is a repository with a working copy: point PLATFORM_HUB_REPO at a bare repository (git clone --bare)`);
    }
    if (fs.existsSync(this.gitdir) && (await fs.promises.readdir(this.gitdir)).length > 0) {
      return fail("invalid_repository", `${this.gitdir} holds files but no Git repository: point PLATFORM_HUB_REPO at an empty folder or a bare repository`);
    }
    await fs.promises.mkdir(this.gitdir, { recursive: true });
    await git.init({ fs: durableFs, dir: this.gitdir, gitdir: this.gitdir, bare: true, defaultBranch: DEFAULT_BRANCH });
    return ok({ created: true });
  }

  private async writeInitialCommit(): Promise<string> {
    const applied: AppliedChange[] = [];
    const tree = await updateTree(this.gitdir, null, [{ path: "policies/README.md", segments: [POLICIES_DIR, "README.md"], content: INITIAL_README }], applied);
    return git.writeCommit({ fs: durableFs, gitdir: this.gitdir, commit: commitObject(tree!, [], SYSTEM_AUTHOR, "Create the Platform Hub repository") });
  }

  private async writeCommitOn(parent: string, changes: TreeChange[], options: CommitOptions): Promise<HubResult<string>> {
    const { commit } = await git.readCommit({ fs: durableFs, gitdir: this.gitdir, oid: parent });
    const applied: AppliedChange[] = [];
    let tree: string | null;
    try {
      tree = await updateTree(this.gitdir, commit.tree, changes, applied);
    } catch (e) {
      if (e instanceof TreeChangeError) return fail(e.code, e.message);
      throw e;
    }
    if (applied.length === 0) return fail("nothing_to_commit", "The files already have this content: there is nothing to commit");
    // Git cannot store an empty root tree in a commit made by the command line; keep the folder instead.
    if (!tree) return fail("invalid_commit", "A commit cannot delete every file of the repository");
    const message = options.message?.trim() || quickCommitMessage(applied);
    return ok(await git.writeCommit({ fs: durableFs, gitdir: this.gitdir, commit: commitObject(tree, [parent], options.author, message) }));
  }

  private async withRepository<T>(action: () => Promise<HubResult<T>>): Promise<HubResult<T>> {
    const ready = await this.ensureRepository();
    if (!ready.ok) return ready;
    return this.guard(action);
  }

  /**
   * Unexpected git failures become errors as values too: a damaged repository (found by checking
   * it then) as `repository_corrupt`, anything else as `git_error`.
   */
  private async guard<T>(action: () => Promise<HubResult<T>>): Promise<HubResult<T>> {
    try {
      return await action();
    } catch (e) {
      const damage = await this.damage().catch(() => null);
      if (damage) {
        this.ready = Promise.resolve(damage);
        this.damagedAt = Date.now();
        return damage;
      }
      return fail("git_error", redact(`Git operation failed in ${this.gitdir}: ${(e as Error).message}`, this.remote?.remote ?? null));
    }
  }

  /** The repository_corrupt error when an object a ref reaches cannot be read, else null. */
  private async damage(): Promise<HubResult<never> | null> {
    const report = await checkRepository(this.gitdir);
    if (report.broken.length === 0) return null;
    return fail(
      "repository_corrupt",
      `The Platform Hub repository at ${this.gitdir} is damaged: ${report.broken.length} object(s) its refs reach cannot be read (${describeBroken(report.broken)}). ` +
        "Policies cannot be read or committed until it is repaired: run `npm run repo:repair` (add --from <a clone> to restore the objects), `npm run repo:check` to see the damage." +
        (this.remote ? ` It is this instance's clone of ${this.remote.remote.url}: deleting ${this.gitdir} makes the next start clone it again.` : ""),
      { broken: report.broken.slice(0, 20) },
    );
  }

  private async resolve(ref: string): Promise<HubResult<string>> {
    try {
      const oid = /^[0-9a-f]{40}$/.test(ref) ? ref : await git.resolveRef({ fs: durableFs, gitdir: this.gitdir, ref });
      const object = await git.readObject({ fs: durableFs, gitdir: this.gitdir, oid, format: "parsed" });
      if (object.type === "tag") return ok((object.object as { object: string }).object);
      if (object.type !== "commit") return fail("ref_not_found", `"${ref}" does not point to a commit`);
      return ok(oid);
    } catch (e) {
      if (e instanceof Errors.NotFoundError) return fail("ref_not_found", `There is no branch, tag or commit "${ref}"`);
      throw e;
    }
  }

  private async branchHead(branch: string): Promise<HubResult<string>> {
    try {
      return ok(await git.resolveRef({ fs: durableFs, gitdir: this.gitdir, ref: `refs/heads/${branch}` }));
    } catch (e) {
      if (e instanceof Errors.NotFoundError) return fail("branch_not_found", `There is no branch "${branch}"`);
      throw e;
    }
  }

  private async blobText(oid: string): Promise<string> {
    const cached = this.blobCache.get(oid);
    if (cached !== undefined) return cached;
    const { blob } = await git.readBlob({ fs: durableFs, gitdir: this.gitdir, oid });
    const text = new TextDecoder().decode(blob);
    // Bounded: policy texts are small, but a long-running server reads many versions of them.
    if (this.blobCache.size >= 5000) this.blobCache.delete(this.blobCache.keys().next().value!);
    this.blobCache.set(oid, text);
    return text;
  }
}

function commitObject(tree: string, parent: string[], author: CommitAuthor, message: string) {
  const signature = { name: author.name, email: author.email, timestamp: Math.floor(Date.now() / 1000), timezoneOffset: new Date().getTimezoneOffset() };
  return { tree, parent, author: signature, committer: signature, message: message.endsWith("\n") ? message : `${message}\n` };
}

function toLogEntry({ oid, commit }: ReadCommitResult): LogEntry {
  const person = (p: ReadCommitResult["commit"]["author"]) => ({ name: p.name, email: p.email, timestamp: p.timestamp });
  return { oid, message: commit.message, parents: commit.parent, author: person(commit.author), committer: person(commit.committer) };
}

/** Paths are repository-relative with "/" separators; nothing may escape the tree or touch `.git`. */
function pathProblem(filePath: string): string | null {
  const segments = filePath.split("/");
  if (filePath === "" || segments.some((s) => s === "" || s === "." || s === "..")) {
    return `Invalid path "${filePath}": use a relative path like policies/<slug>.ocl`;
  }
  if (segments.some((s) => s.toLowerCase() === ".git")) return `Invalid path "${filePath}": .git is reserved`;
  return null;
}

function commitProblem(changes: FileChange[], options: CommitOptions): string | null {
  if (changes.length === 0) return "A commit needs at least one changed file";
  for (const c of changes) {
    const problem = pathProblem(c.path);
    if (problem) return problem;
  }
  const paths = changes.map((c) => c.path);
  const clash = paths.find((p, i) => paths.some((q, j) => j !== i && (q === p || q.startsWith(`${p}/`))));
  if (clash) return `The path ${clash} is changed twice, or both as a file and as a folder, in one commit`;
  if (!options.author.name.trim() || !/^[^\s<>@]+@[^\s<>]+$/.test(options.author.email)) {
    return "A commit needs an author with a name and an email address";
  }
  if (/[<>\n]/.test(options.author.name)) return "The author name cannot contain <, > or line breaks";
  return null;
}
