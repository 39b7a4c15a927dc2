import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";
import type { RemoteOptions } from "@/lib/platform-hub/remote";
import { initBareRepository, startGitHttpServer, type GitHttpServer } from "@/scripts/git-http-server";

export const GIT_USER = "hub";
export const GIT_PASSWORD = "s3cret-Pa55word";

export type GitServerFixture = {
  /** The server; set once the suite's beforeAll ran. */
  server: () => GitHttpServer;
  /** The directory of a repository the server serves. */
  repositoryDir: (name: string) => string;
  /** A new empty repository on the server, as a remote for a PlatformHub. */
  freshRemote: (options?: Partial<RemoteOptions>) => RemoteOptions & { dir: string };
};

/** A Git HTTP server on 127.0.0.1 for the test file that calls this: started before its tests, stopped after. */
export function useGitServer(): GitServerFixture {
  let root = "";
  let server: GitHttpServer | undefined;
  let count = 0;
  beforeAll(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), "git-server-"));
    server = await startGitHttpServer({ root, username: GIT_USER, password: GIT_PASSWORD });
  });
  afterAll(async () => {
    await server?.close();
    fs.rmSync(root, { recursive: true, force: true });
  });
  const repositoryDir = (name: string) => path.join(root, name);
  return {
    server: () => server!,
    repositoryDir,
    freshRemote(options = {}) {
      const name = `repo-${++count}.git`;
      initBareRepository(repositoryDir(name));
      return { url: `${server!.url}/${name}`, username: GIT_USER, password: GIT_PASSWORD, fetchIntervalMs: 60_000, ...options, dir: repositoryDir(name) };
    },
  };
}
