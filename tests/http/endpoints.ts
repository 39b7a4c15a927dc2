/**
 * Every route handler under app/api, found on the file system, per exported method: the tests
 * that must cover every route (robustness, permissions) list them from here, so a new route is
 * covered without being named.
 */
import { readdirSync } from "node:fs";
import path from "node:path";

const ROOT = path.resolve(__dirname, "../..");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

export type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
export interface Endpoint {
  /** "POST /api/deployments" */
  key: string;
  method: string;
  /** "/api/tasks/[id]" */
  route: string;
  handler: Handler;
}

function routeFiles(dir = path.join(ROOT, "app/api")): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? routeFiles(path.join(dir, e.name)) : e.name === "route.ts" ? [path.join(dir, e.name)] : [],
  );
}
const routePath = (file: string) => `/${path.relative(path.join(ROOT, "app"), path.dirname(file)).split(path.sep).join("/")}`;

/** Imports every route module; call it after pointing the app's database and repository at test ones. */
export async function loadEndpoints(): Promise<Endpoint[]> {
  const endpoints: Endpoint[] = [];
  for (const file of routeFiles()) {
    const mod = (await import(file)) as Record<string, unknown>;
    for (const method of METHODS) {
      if (typeof mod[method] === "function") endpoints.push({ key: `${method} ${routePath(file)}`, method, route: routePath(file), handler: mod[method] as Handler });
    }
  }
  return endpoints;
}
