/**
 * A small Git server over HTTP for tests and for trying a Platform Hub remote locally: git's own
 * `git http-backend` (the CGI program behind git's "smart HTTP") behind Node's http server, on
 * 127.0.0.1 only, with basic auth. Every repository under the root is served, and pushes are
 * accepted from the authenticated user.
 *
 *   npm run git:serve -- [--root data/git-server] [--port 8418] [--user hub] [--password secret]
 *
 * creates `<root>/platform-hub.git` when missing and prints the PLATFORM_HUB_GIT_* settings to use.
 */
import { execFileSync, spawn } from "node:child_process";
import { timingSafeEqual } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";

export type GitHttpServer = { url: string; port: number; close: () => Promise<void> };
export type GitHttpServerOptions = { root: string; username: string; password: string; port?: number };

function authorized(header: string | undefined, username: string, password: string): boolean {
  const expected = Buffer.from(`Basic ${Buffer.from(`${username}:${password}`).toString("base64")}`);
  const given = Buffer.from(header ?? "");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Splits a CGI answer into its status, headers and the start of its body. */
function parseCgiHead(head: string): { status: number; headers: Record<string, string> } {
  const headers: Record<string, string> = {};
  let status = 200;
  for (const line of head.split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (colon < 0) continue;
    const name = line.slice(0, colon).trim();
    const value = line.slice(colon + 1).trim();
    if (name.toLowerCase() === "status") status = Number.parseInt(value, 10);
    else headers[name] = value;
  }
  return { status, headers };
}

function serve(request: http.IncomingMessage, response: http.ServerResponse, options: GitHttpServerOptions): void {
  if (!authorized(request.headers.authorization, options.username, options.password)) {
    response.writeHead(401, { "WWW-Authenticate": 'Basic realm="Policy Hub Git"', "Content-Type": "text/plain" });
    response.end("Authentication required\n");
    return;
  }
  const url = new URL(request.url ?? "/", "http://127.0.0.1");
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    GIT_PROJECT_ROOT: path.resolve(options.root),
    GIT_HTTP_EXPORT_ALL: "1",
    // With a REMOTE_USER, http-backend accepts pushes (receive-pack) too.
    REMOTE_USER: options.username,
    REMOTE_ADDR: request.socket.remoteAddress ?? "127.0.0.1",
    REQUEST_METHOD: request.method ?? "GET",
    PATH_INFO: decodeURIComponent(url.pathname),
    QUERY_STRING: url.search.slice(1),
    CONTENT_TYPE: request.headers["content-type"] ?? "",
    GATEWAY_INTERFACE: "CGI/1.1",
  };
  if (request.headers["content-length"]) env.CONTENT_LENGTH = request.headers["content-length"];
  if (request.headers["content-encoding"]) env.HTTP_CONTENT_ENCODING = String(request.headers["content-encoding"]);
  if (request.headers["git-protocol"]) env.GIT_PROTOCOL = String(request.headers["git-protocol"]);

  // Only the CGI variables: the server's own environment (and any secret in it) stays out of git's.
  const backend = spawn("git", ["http-backend"], { env: env as NodeJS.ProcessEnv, stdio: ["pipe", "pipe", "pipe"] });
  request.pipe(backend.stdin);
  backend.stdin.on("error", () => undefined);
  let head = Buffer.alloc(0);
  let started = false;
  backend.stdout.on("data", (chunk: Buffer) => {
    if (started) {
      response.write(chunk);
      return;
    }
    head = Buffer.concat([head, chunk]);
    const end = head.indexOf("\r\n\r\n") >= 0 ? head.indexOf("\r\n\r\n") + 4 : head.indexOf("\n\n") >= 0 ? head.indexOf("\n\n") + 2 : -1;
    if (end < 0) return;
    const { status, headers } = parseCgiHead(head.subarray(0, end).toString("latin1"));
    response.writeHead(status, headers);
    started = true;
    response.write(head.subarray(end));
  });
  let stderr = "";
  backend.stderr.on("data", (d) => (stderr += d));
  backend.on("close", (code) => {
    if (!started) {
      response.writeHead(500, { "Content-Type": "text/plain" });
      response.end(`git http-backend failed (${code}): ${stderr}\n`);
      return;
    }
    response.end();
  });
}

/** Starts the server on 127.0.0.1 (a free port unless one is given). */
export function startGitHttpServer(options: GitHttpServerOptions): Promise<GitHttpServer> {
  const server = http.createServer((request, response) => serve(request, response, options));
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        port,
        close: () =>
          new Promise((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

/** An empty bare repository to serve, with `main` as its default branch. */
export function initBareRepository(dir: string): void {
  if (fs.existsSync(path.join(dir, "HEAD"))) return;
  fs.mkdirSync(dir, { recursive: true });
  execFileSync("git", ["init", "--quiet", "--bare", "--initial-branch=main", dir]);
}

function option(args: string[], name: string, fallback: string): string {
  const at = args.indexOf(`--${name}`);
  return at >= 0 && args[at + 1] ? args[at + 1] : fallback;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const root = path.resolve(option(args, "root", "data/git-server"));
  const username = option(args, "user", "hub");
  const password = option(args, "password", process.env.PLATFORM_HUB_GIT_PASSWORD || "hub-secret");
  initBareRepository(path.join(root, "platform-hub.git"));
  const server = await startGitHttpServer({ root, username, password, port: Number(option(args, "port", "8418")) });
  console.log(`Serving the repositories in ${root} on ${server.url}. Point Policy Hub at it with:`);
  console.log(`  PLATFORM_HUB_GIT_URL=${server.url}/platform-hub.git PLATFORM_HUB_GIT_USERNAME=${username} PLATFORM_HUB_GIT_PASSWORD=<the password>`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(__filename)) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
