import { execFile, execFileSync } from "node:child_process";
import { promisify } from "node:util";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createPolicy, PlatformHub, readPolicy, savePolicy, type HubResult } from "@/lib/platform-hub";
import type { RemoteOptions } from "@/lib/platform-hub/remote";
import { GIT_PASSWORD as PASSWORD, GIT_USER as USER, useGitServer } from "./git-server-fixture";

const AUTHOR = { author: { name: "Ada Platform", email: "ada@example.com" } };
const git = useGitServer();

let tmp: string;
let remoteDir: string;
let remote: RemoteOptions;
const hubs: PlatformHub[] = [];
const logged: string[] = [];

function value<T>(result: HubResult<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

/** Another app instance: its own clone of the remote. */
function instance(options: Partial<RemoteOptions> = {}): PlatformHub {
  const hub = new PlatformHub(path.join(tmp, `clone-${hubs.length + 1}.git`), { remote: { ...remote, ...options } });
  hubs.push(hub);
  return hub;
}

const CLI_ENV = { ...process.env, GIT_AUTHOR_NAME: "Cli User", GIT_AUTHOR_EMAIL: "cli@example.com", GIT_COMMITTER_NAME: "Cli User", GIT_COMMITTER_EMAIL: "cli@example.com" };

function cli(cwd: string, ...args: string[]): string {
  return execFileSync("git", args, { cwd, env: CLI_ENV, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();
}

/** The git command line talking to the server, which runs in this process: it must not block the event loop. */
async function cliOverHttp(cwd: string, ...args: string[]): Promise<void> {
  await promisify(execFile)("git", args, { cwd, env: CLI_ENV });
}

function fsckRemote(): void {
  cli(remoteDir, "fsck", "--full", "--strict", "--no-progress");
}

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "platform-hub-remote-"));
  // One remote for the whole file: the tests follow one repository's story, as instances of one app would.
  const { dir, ...options } = git.freshRemote();
  remoteDir = dir;
  remote = options;
  for (const level of ["log", "info", "warn", "error"] as const) {
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(" ")));
  }
});

afterEach(() => {
  // Credentials never reach a log line, whatever the test did.
  expect(logged.filter((line) => line.includes(PASSWORD))).toEqual([]);
});

afterAll(async () => {
  for (const hub of hubs) hub.close();
  vi.restoreAllMocks();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe("a Platform Hub repository on a Git server", () => {
  it("initializes an empty remote, and every commit the app acknowledges is on it", async () => {
    const hub = instance();
    expect(value(await hub.ensureRepository())).toEqual({ created: true });
    const created = value(await createPolicy(hub, "main", { starter: "manual_intervention_required", name: "Approvals", slug: "approvals" }, AUTHOR));
    expect(cli(remoteDir, "rev-parse", "main")).toBe(created.commit);
    expect(cli(remoteDir, "show", "main:policies/approvals.ocl")).toMatch(/^name += "Approvals"$/m);
    fsckRemote();
    // No credential is written into the clone either.
    expect(fs.readFileSync(path.join(hub.gitdir, "config"), "utf8")).not.toContain(PASSWORD);
  });

  it("shows a commit pushed with the git command line after a fetch, and by itself within the fetch interval", async () => {
    const polling = instance({ fetchIntervalMs: 200 });
    const onDemand = instance();
    value(await polling.ensureRepository());
    value(await onDemand.ensureRepository());

    const work = path.join(tmp, "cli-work");
    const authenticated = remote.url.replace("http://", `http://${USER}:${PASSWORD}@`);
    await cliOverHttp(tmp, "clone", "--quiet", authenticated, work);
    fs.writeFileSync(path.join(work, "policies", "from_cli.ocl"), 'name = "From the CLI"\n');
    cli(work, "add", "policies/from_cli.ocl");
    cli(work, "commit", "--quiet", "-m", "Merge a policy from a pull request");
    await cliOverHttp(work, "push", "--quiet", "origin", "HEAD:main");
    const pushed = cli(work, "rev-parse", "HEAD");

    expect(await onDemand.readFile("main", "policies/from_cli.ocl")).toMatchObject({ ok: false, error: { code: "file_not_found" } });
    value(await onDemand.fetchRemote());
    expect(value(await onDemand.readFile("main", "policies/from_cli.ocl")).text).toBe('name = "From the CLI"\n');
    expect(value(await onDemand.headCommit("main"))).toBe(pushed);

    await vi.waitFor(async () => expect(value(await polling.headCommit("main"))).toBe(pushed), { timeout: 5_000, interval: 100 });
  });

  it("gives one of two instances committing the same policy at once the commit, the other an edit_conflict naming it", async () => {
    const [a, b] = [instance(), instance()];
    value(await a.ensureRepository());
    value(await b.ensureRepository());
    const created = value(await createPolicy(a, "main", { starter: "blank_policy", name: "Contested", slug: "contested" }, AUTHOR)).policy;
    value(await b.fetchRemote());

    for (let round = 0; round < 3; round++) {
      const results = await Promise.all([
        savePolicy(a, "main", { ...created, description: `A's edit ${round}` }, AUTHOR),
        savePolicy(b, "main", { ...created, description: `B's edit ${round}` }, AUTHOR),
      ]);
      const won = results.filter((r) => r.ok);
      const lost = results.filter((r) => !r.ok);
      expect(won).toHaveLength(1);
      expect(lost).toMatchObject([{ ok: false, error: { code: "edit_conflict", details: { path: "policies/contested.ocl", commitId: won[0].ok ? won[0].value : "" } } }]);
      expect(cli(remoteDir, "rev-parse", "main")).toBe(won[0].ok ? won[0].value : "");
      value(await a.fetchRemote());
      value(await b.fetchRemote());
    }
    fsckRemote();
  });

  it("puts commits of different policies made at once by two instances on top of each other", async () => {
    const [a, b] = [instance(), instance()];
    value(await a.ensureRepository());
    value(await b.ensureRepository());
    const results = await Promise.all([
      createPolicy(a, "main", { starter: "blank_policy", name: "From A", slug: "from_a" }, AUTHOR),
      createPolicy(b, "main", { starter: "blank_policy", name: "From B", slug: "from_b" }, AUTHOR),
    ]);
    expect(results.map((r) => r.ok)).toEqual([true, true]);
    value(await a.fetchRemote());
    expect(value(await readPolicy(a, "main", "from_b")).policy?.name).toBe("From B");
    expect(cli(remoteDir, "show", "main:policies/from_a.ocl")).toContain("From A");
    fsckRemote();
  });

  it("never shows the credentials in errors", async () => {
    const refused = instance({ password: "wrong-password" });
    const denied = await refused.ensureRepository();
    expect(denied).toMatchObject({ ok: false, error: { code: "remote_unavailable" } });
    expect(JSON.stringify(denied)).toMatch(/credentials/);
    expect(JSON.stringify(denied)).not.toContain("wrong-password");

    // A server that is not there, reached with credentials written into the URL.
    const closedPort = `http://${USER}:${PASSWORD}@127.0.0.1:9/platform-hub.git`;
    const unreachable = new PlatformHub(path.join(tmp, "unreachable.git"), { remote: { ...remote, url: closedPort } });
    const failed = await unreachable.ensureRepository();
    expect(failed).toMatchObject({ ok: false, error: { code: "remote_unavailable" } });
    expect(JSON.stringify(failed)).not.toContain(PASSWORD);
  });

  it("keeps serving its clone when the server refuses it, and logs why without the credentials", async () => {
    const good = instance();
    value(await good.ensureRepository());
    good.close();
    const rejected = new PlatformHub(good.gitdir, { remote: { ...remote, password: "rotated-away", fetchIntervalMs: 100 } });
    hubs.push(rejected);
    logged.length = 0;
    expect(value(await rejected.ensureRepository())).toEqual({ created: false });
    expect(value(await rejected.readFile("main", "policies/README.md")).text).toContain("policies/<slug>.ocl");
    await vi.waitFor(() => expect(logged.filter((l) => l.includes("fetch failed")).length).toBeGreaterThan(0), { timeout: 3_000, interval: 50 });
    expect(logged.every((l) => l.includes("refused the credentials") && !l.includes("rotated-away"))).toBe(true);
    expect(await rejected.commitFiles("main", [{ path: "policies/x.ocl", content: "x\n" }], AUTHOR)).toMatchObject({ ok: false, error: { code: "remote_unavailable" } });
  });
});
