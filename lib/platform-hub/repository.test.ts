import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { useGitServer } from "@/tests/platform-hub/git-server-fixture";
import { PlatformHub, platformHub, platformHubPath, type PlatformHubOptions } from "./repository";
import type { HubResult } from "./result";

const AUTHOR = { name: "Ada Platform", email: "ada@example.com" };

function value<T>(result: HubResult<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

function gitCli(cwd: string, ...args: string[]): string {
  return execFileSync("git", args, {
    cwd,
    encoding: "utf8",
    env: { ...process.env, GIT_AUTHOR_NAME: "Cli User", GIT_AUTHOR_EMAIL: "cli@example.com", GIT_COMMITTER_NAME: "Cli User", GIT_COMMITTER_EMAIL: "cli@example.com" },
  }).trim();
}

let tmp: string;
let hub: PlatformHub;
let hubOptions: PlatformHubOptions;
// What does not depend on where the repository lives runs on a local repository and on a clone of one on a Git server.
const git = useGitServer();

beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "platform-hub-"));
  hubOptions = {};
  hub = new PlatformHub(path.join(tmp, "repo.git"));
});

afterEach(() => {
  hub.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe.each(["local repository", "Git remote"])("PlatformHub on a %s", (mode) => {
  beforeEach(() => {
    if (mode === "local repository") return;
    hubOptions = { remote: git.freshRemote() };
    hub = new PlatformHub(path.join(tmp, "clone.git"), hubOptions);
  });

  it("is created on first use with a main branch and a policies folder, once", async () => {
    expect(value(await hub.ensureRepository())).toEqual({ created: true });
    expect(value(await new PlatformHub(hub.gitdir, hubOptions).ensureRepository())).toEqual({ created: false });
    expect(value(await hub.listBranches())).toEqual(["main"]);
    expect(value(await hub.readFile("main", "policies/README.md")).text).toContain("policies/<slug>.ocl");
    expect(value(await hub.readPolicyFiles("main"))).toEqual([]);
    expect(value(await hub.log("main"))).toHaveLength(1);
  });

  it("commits, reads back and logs policy files on a branch", async () => {
    const first = value(await hub.commitFiles("main", [{ path: "policies/a.ocl", content: 'name = "A"\n' }], { author: AUTHOR }));
    expect(value(await hub.headCommit("main"))).toBe(first);
    const second = value(
      await hub.commitFiles("main", [{ path: "policies/a.ocl", content: 'name = "A2"\n' }, { path: "policies/b.ocl", content: 'name = "B"\n' }], {
        author: AUTHOR,
        message: "Rename A and add B",
      }),
    );
    const files = value(await hub.readPolicyFiles("main"));
    expect(files.map((f) => [f.path, f.slug, f.text])).toEqual([
      ["policies/a.ocl", "a", 'name = "A2"\n'],
      ["policies/b.ocl", "b", 'name = "B"\n'],
    ]);
    expect(files[0].blobOid).toMatch(/^[0-9a-f]{40}$/);
    expect(value(await hub.readPolicyFiles(first)).map((f) => f.text)).toEqual(['name = "A"\n']);

    const log = value(await hub.log("main", "policies/a.ocl"));
    expect(log.map((c) => [c.oid, c.message])).toEqual([
      [second, "Rename A and add B\n"],
      [first, "Create policy a\n"],
    ]);
    expect(log[0].author).toMatchObject(AUTHOR);
    expect(value(await hub.log("main", "policies/b.ocl")).map((c) => c.oid)).toEqual([second]);
  });

  it("generates quick commit messages and deletes files", async () => {
    value(await hub.commitFiles("main", [{ path: "policies/x.ocl", content: "1\n" }], { author: AUTHOR }));
    value(await hub.commitFiles("main", [{ path: "policies/x.ocl", content: "2\n" }], { author: AUTHOR, message: "  " }));
    value(await hub.commitFiles("main", [{ path: "policies/x.ocl", content: null }], { author: AUTHOR }));
    expect(value(await hub.log("main")).map((c) => c.message.trim())).toEqual([
      "Delete policy x",
      "Update policy x",
      "Create policy x",
      "Create the Platform Hub repository",
    ]);
    expect(value(await hub.readPolicyFiles("main"))).toEqual([]);
  });

  it("commits to a branch that is not the default one without moving the default", async () => {
    const base = value(await hub.headCommit("main"));
    expect(value(await hub.createBranch("drafts/no-skips", "main"))).toBe(base);
    value(await hub.commitFiles("drafts/no-skips", [{ path: "policies/no_skips.ocl", content: "draft\n" }], { author: AUTHOR }));
    expect(value(await hub.headCommit("main"))).toBe(base);
    expect(value(await hub.readPolicyFiles("drafts/no-skips")).map((f) => f.slug)).toEqual(["no_skips"]);
    expect(value(await hub.readPolicyFiles("main"))).toEqual([]);
    expect(value(await hub.listBranches())).toEqual(["main", "drafts/no-skips"]);
  });

  it("returns errors as values with codes", async () => {
    const commit = (branch: string, changes: { path: string; content: string | null }[], options = { author: AUTHOR }) => hub.commitFiles(branch, changes, options);
    const codeOf = async (p: Promise<HubResult<unknown>>) => {
      const r = await p;
      return r.ok ? "ok" : r.error.code;
    };
    expect(await codeOf(hub.createBranch("bad name", "main"))).toBe("invalid_branch_name");
    expect(await codeOf(hub.createBranch("main", "main"))).toBe("branch_exists");
    expect(await codeOf(hub.createBranch("x", "nope"))).toBe("ref_not_found");
    expect(await codeOf(hub.resolveRef("0".repeat(40)))).toBe("ref_not_found");
    expect(await codeOf(hub.headCommit("nope"))).toBe("branch_not_found");
    expect(await codeOf(hub.readFile("main", "policies/none.ocl"))).toBe("file_not_found");
    expect(await codeOf(hub.readFile("main", "../etc/passwd"))).toBe("invalid_path");
    expect(await codeOf(commit("nope", [{ path: "a", content: "" }]))).toBe("branch_not_found");
    expect(await codeOf(commit("main", [{ path: "policies/none.ocl", content: null }]))).toBe("file_not_found");
    expect(await codeOf(commit("main", [{ path: "policies/README.md/x", content: "" }]))).toBe("invalid_path");
    expect(await codeOf(commit("main", [{ path: "policies", content: "" }]))).toBe("invalid_path");
    expect(await codeOf(commit("main", [{ path: ".git/config", content: "" }]))).toBe("invalid_commit");
    expect(await codeOf(commit("main", []))).toBe("invalid_commit");
    expect(await codeOf(commit("main", [{ path: "a", content: "" }], { author: { name: "", email: "x@y" } }))).toBe("invalid_commit");
    expect(await codeOf(commit("main", [{ path: "policies/README.md", content: null }]))).toBe("invalid_commit");
    const readme = value(await hub.readFile("main", "policies/README.md")).text;
    expect(await codeOf(commit("main", [{ path: "policies/README.md", content: readme }]))).toBe("nothing_to_commit");
    const head = value(await hub.headCommit("main"));
    value(await commit("main", [{ path: "policies/a.ocl", content: "a\n" }]));
    expect(await codeOf(hub.commitFiles("main", [{ path: "policies/b.ocl", content: "b\n" }], { author: AUTHOR, expectedHead: head }))).toBe("stale_branch");
  });

  it("serializes concurrent saves so that none is lost", async () => {
    const other = new PlatformHub(hub.gitdir, hubOptions);
    const saves = Array.from({ length: 8 }, (_, i) =>
      (i % 2 ? hub : other).commitFiles("main", [{ path: `policies/p${i}.ocl`, content: `${i}\n` }], { author: AUTHOR }),
    );
    const results = await Promise.all(saves);
    expect(results.every((r) => r.ok)).toBe(true);
    expect(value(await hub.readPolicyFiles("main"))).toHaveLength(8);
    expect(value(await hub.log("main"))).toHaveLength(9);
  });
});

describe("PlatformHub repository", () => {
  it("refuses a folder with a working copy or other files", async () => {
    const working = path.join(tmp, "working");
    gitCli(tmp, "init", "-q", working);
    expect(await new PlatformHub(working).listBranches()).toMatchObject({ ok: false, error: { code: "invalid_repository" } });
    fs.mkdirSync(path.join(tmp, "other"));
    fs.writeFileSync(path.join(tmp, "other", "notes.txt"), "x");
    expect(await new PlatformHub(path.join(tmp, "other")).ensureRepository()).toMatchObject({ ok: false, error: { code: "invalid_repository" } });
  });

  it("picks up commits pushed with the git command line, and the command line sees the app's commits", async () => {
    value(await hub.commitFiles("main", [{ path: "policies/from_app.ocl", content: "app\n" }], { author: AUTHOR }));
    const clone = path.join(tmp, "clone");
    gitCli(tmp, "clone", "-q", hub.gitdir, clone);
    expect(fs.readFileSync(path.join(clone, "policies/from_app.ocl"), "utf8")).toBe("app\n");
    expect(gitCli(clone, "log", "-1", "--format=%an <%ae> %s")).toBe("Ada Platform <ada@example.com> Create policy from_app");

    fs.writeFileSync(path.join(clone, "policies/from_cli.ocl"), 'name = "CLI"\n');
    gitCli(clone, "add", "policies/from_cli.ocl");
    gitCli(clone, "commit", "-q", "-m", "Add a policy from the command line");
    gitCli(clone, "push", "-q", "origin", "HEAD:main", "HEAD:refs/heads/cli-branch");
    const cliHead = gitCli(clone, "rev-parse", "HEAD");

    expect(value(await hub.headCommit("main"))).toBe(cliHead);
    expect(value(await hub.listBranches())).toEqual(["main", "cli-branch"]);
    expect(value(await hub.readPolicyFiles("main")).map((f) => [f.slug, f.text])).toEqual([
      ["from_app", "app\n"],
      ["from_cli", 'name = "CLI"\n'],
    ]);
    expect(value(await hub.log("main", "policies/from_cli.ocl"))[0]).toMatchObject({ oid: cliHead, author: { name: "Cli User" } });

    // The app commits on top of the pushed commit, and git itself finds the result consistent.
    value(await hub.commitFiles("main", [{ path: "policies/from_cli.ocl", content: null }], { author: AUTHOR }));
    gitCli(hub.gitdir, "fsck", "--strict", "--no-progress");
    gitCli(clone, "pull", "-q", "--ff-only");
    expect(fs.existsSync(path.join(clone, "policies/from_cli.ocl"))).toBe(false);
  });

  it("reads packed objects and refs after git gc", async () => {
    value(await hub.commitFiles("main", [{ path: "policies/packed.ocl", content: "packed\n" }], { author: AUTHOR }));
    gitCli(hub.gitdir, "gc", "-q", "--prune=now");
    expect(fs.existsSync(path.join(hub.gitdir, "refs/heads/main"))).toBe(false);
    expect(value(await hub.readFile("main", "policies/packed.ocl")).text).toBe("packed\n");
    value(await hub.commitFiles("main", [{ path: "policies/packed.ocl", content: "again\n" }], { author: AUTHOR }));
    expect(gitCli(hub.gitdir, "show", "main:policies/packed.ocl")).toBe("again");
  });
});

describe("platformHub", () => {
  it("uses PLATFORM_HUB_REPO, else data/platform-hub", () => {
    const saved = process.env.PLATFORM_HUB_REPO;
    try {
      process.env.PLATFORM_HUB_REPO = path.join(tmp, "configured");
      expect(platformHub().gitdir).toBe(path.join(tmp, "configured"));
      delete process.env.PLATFORM_HUB_REPO;
      expect(platformHubPath()).toBe(path.join(process.cwd(), "data/platform-hub"));
    } finally {
      if (saved === undefined) delete process.env.PLATFORM_HUB_REPO;
      else process.env.PLATFORM_HUB_REPO = saved;
    }
  });
});
