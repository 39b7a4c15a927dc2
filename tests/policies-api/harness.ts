import { postgresDatabase, tempDir } from "./env";
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createApiKey } from "@/lib/auth/api-keys";
import { prisma } from "@/lib/db/client";
import { createTestDatabase } from "@/lib/db/test-database";
import { databaseFile } from "@/lib/db/url";
import { platformHub } from "@/lib/platform-hub";
import { credentialForRole } from "../security/credentials";

export { prisma };

/** Gives the app's client a freshly migrated database (created by the shared helper, copied to where the client points). */
export async function setUpApi(): Promise<void> {
  if (!postgresDatabase) {
    const migrated = createTestDatabase();
    copyFileSync(databaseFile(migrated.url), databaseFile());
    await migrated.dispose();
  }
  const ready = await platformHub().ensureRepository();
  if (!ready.ok) throw new Error(ready.error.message);
}

export async function tearDownApi(): Promise<void> {
  await prisma.$disconnect();
  postgresDatabase?.drop();
  rmSync(tempDir, { recursive: true, force: true });
}

type Handler<P> = (request: Request, context: { params: Promise<P> }) => Promise<Response> | Response;

/** `user`: whose API key the request carries (default "admin", created as an Administrator); null sends none. */
export type CallOptions<P> = { body?: unknown; params?: P; query?: Record<string, string>; user?: string | null };

const apiKeys = new Map<string, string>();

/** An API key for the user, who gets the Administrator role if they hold none (the seeded "admin" is created when missing). */
async function apiKeyOf(username: string): Promise<string> {
  const cached = apiKeys.get(username);
  if (cached) return cached;
  const existing = await prisma.user.findUnique({ where: { username }, select: { id: true, roleGrants: { select: { id: true } } } });
  const credential = existing && existing.roleGrants.length > 0 ? await credentialForExisting(existing.id) : (await credentialForRole(prisma, username, "Administrator", null, username === "admin" ? "Administrator" : username)).apiKey;
  apiKeys.set(username, credential);
  return credential;
}

async function credentialForExisting(userId: string): Promise<string> {
  return (await createApiKey(prisma, userId, "tests")).key;
}

/** Calls a route handler as Next would, and reads its JSON answer (typed loosely: tests check its shape). */
export async function call<P extends Record<string, string>>(handler: Handler<P>, method: string, options: CallOptions<P> = {}): Promise<{ status: number; body: any }> {
  const url = new URL("http://policy-hub.test/api");
  for (const [k, v] of Object.entries(options.query ?? {})) url.searchParams.set(k, v);
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (options.user !== null) headers["x-octopus-apikey"] = await apiKeyOf(options.user ?? "admin");
  const request = new Request(url, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
  const response = await handler(request, { params: Promise.resolve((options.params ?? {}) as P) });
  return { status: response.status, body: await response.json() };
}

let clones = 0;

/** Works on the repository the way a platform engineer would: a clone, the git command line, a push. */
export function gitCli(): { dir: string; git: (...args: string[]) => string; write: (file: string, text: string) => void } {
  const dir = path.join(tempDir, `clone-${++clones}`);
  const env = { ...process.env, GIT_AUTHOR_NAME: "Cli User", GIT_AUTHOR_EMAIL: "cli@example.com", GIT_COMMITTER_NAME: "Cli User", GIT_COMMITTER_EMAIL: "cli@example.com" };
  const git = (...args: string[]) => execFileSync("git", args, { cwd: dir, env, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  mkdirSync(dir);
  git("clone", "--quiet", platformHub().gitdir, ".");
  return {
    dir,
    git,
    write(file, text) {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), text);
    },
  };
}

/** A valid policy file for a slug, in the layout a person would write by hand. */
export function policyOcl(slug: string, options: { name?: string; environment?: string; action?: "block" | "warn" } = {}): string {
  return `name = "${options.name ?? `Policy ${slug}`}"
description = "Hand-written policy ${slug}"
violation_reason = "Add a manual intervention"
violation_action = "${options.action ?? "block"}"

scope {
    rego = <<-EOT
        package ${slug}
        default evaluate := false
        evaluate if input.Environment.Slug == "${options.environment ?? "production"}"
    EOT
}

conditions {
    rego = <<-EOT
        package ${slug}
        default result := {"allowed": false}
        result := {"allowed": true} if {
            some step in input.Steps
            step.ActionType == "Octopus.Manual"
        }
    EOT
}
`;
}
