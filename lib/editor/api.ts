/**
 * Typed browser client for the policies JSON API (docs/policies-api.md). Every call resolves to
 * the parsed body or throws `ApiError` with the server's code, message and problems.
 */
import type { ViolationAction } from "@/lib/db/enums";
import type { Decision } from "@/lib/policies/decision/decide";
import type { Explanation } from "@/lib/policies/decision/explain";
import type { PolicyDocument } from "@/lib/policies/document";
import type { PolicyListItem } from "@/lib/policy-service/policies";
import type { ApiProblem } from "./diagnostics";

// The API's shapes are the server's own types (type-only imports: nothing of the server is bundled).
export type PolicyDoc = PolicyDocument;
export type PolicySummary = PolicyListItem;

export interface Starter {
  slug: string;
  title: string;
  summary: string;
}

export interface Branch {
  name: string;
  isDefault: boolean;
  commitId: string;
}

export interface PolicyVersion {
  id: string;
  version: string;
  commitId: string;
  violationAction: ViolationAction;
  /** The policy file as published: what the version enforces. */
  ocl: string;
  publishedBy: string;
  publishedByDisplayName: string | null;
  publishedAt: string;
  isActive: boolean;
}

export interface TestInputItem {
  taskId: string;
  kind: "Deploy" | "RunbookRun";
  description: string;
  project: string;
  environment: string;
  tenant?: string;
  release?: string;
  runbook?: string;
  queuedAt: string;
  state: string;
}

export interface TestResponse {
  input: unknown;
  scope: { value: unknown; defined: boolean; inScope: boolean | "error" };
  result: { value: unknown; defined: boolean } | null;
  decision: Decision | null;
  explanation: Explanation | null;
  durationMs: number;
  problems: ApiProblem[];
}

export type TestStatus = "pass" | "fail" | "error" | "skip";

/** One policy test's result (docs/policies-api.md, `POST /api/policies/:slug/tests`). */
export interface PolicyTestResult {
  name: string;
  rule: string;
  status: TestStatus;
  message?: string;
  location: { file: string; line: number; column: number; moduleLine: number; moduleColumn: number };
  errorLocation?: { block: "scope" | "conditions" | "tests"; line: number; column: number; moduleLine: number; moduleColumn: number };
  durationMs: number;
  output: string[];
}

export interface PolicyTestsResponse {
  file: string;
  tests: PolicyTestResult[];
  problems: ApiProblem[];
  counts: Record<TestStatus, number>;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly problems: ApiProblem[] = [],
  ) {
    super(message);
  }
}

async function call<T>(method: string, url: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  const response = await fetch(url, {
    method,
    headers: body === undefined ? undefined : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal,
    cache: "no-store",
  });
  const text = await response.text();
  let parsed: unknown = undefined;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // A non-JSON answer (e.g. a 404 page before the endpoint exists) is reported below.
  }
  if (!response.ok) {
    const error = (parsed as { error?: { code?: string; message?: string; details?: { problems?: ApiProblem[] } } } | undefined)?.error;
    throw new ApiError(response.status, error?.code ?? `http_${response.status}`, error?.message ?? `${method} ${url} failed with ${response.status}`, error?.details?.problems ?? []);
  }
  return parsed as T;
}

const enc = encodeURIComponent;

export const policiesApi = {
  list: (branch: string) => call<{ branch: string; policies: PolicySummary[] }>("GET", `/api/policies?branch=${enc(branch)}`),
  starters: () => call<{ starters: Starter[] }>("GET", "/api/policies/starters"),
  create: (body: { name: string; slug: string; starter?: string; branch?: string }) =>
    call<{ policy: PolicyDoc; commitId: string; branch: string }>("POST", "/api/policies", body),
  branches: () => call<{ defaultBranch: string; branches: Branch[] }>("GET", "/api/policies/branches"),
  createBranch: (name: string, from?: string) => call<{ name: string; commitId: string }>("POST", "/api/policies/branches", { name, from }),
  get: (slug: string, branch: string) =>
    call<{ branch: string; commitId: string; policy: PolicyDoc; ocl: string; problems: ApiProblem[]; activeVersion: string | null }>(
      "GET",
      `/api/policies/${enc(slug)}?branch=${enc(branch)}`,
    ),
  save: (slug: string, body: { branch: string; policy: Omit<PolicyDoc, "slug">; message?: string; baseCommitId?: string }) =>
    call<{ commitId: string; problems: ApiProblem[] }>("PUT", `/api/policies/${enc(slug)}`, body),
  validate: (policy: PolicyDoc, signal?: AbortSignal) => call<{ problems: ApiProblem[] }>("POST", "/api/policies/validate", { policy }, signal),
  test: (body: { policy: PolicyDoc; input?: unknown; taskId?: string }) => call<TestResponse>("POST", "/api/policies/test", body),
  testInputs: (q: string, limit = 20, signal?: AbortSignal) =>
    call<{ items: TestInputItem[] }>("GET", `/api/policies/test-inputs?q=${enc(q)}&limit=${limit}`, undefined, signal),
  runTests: (slug: string, policy: PolicyDoc) => call<PolicyTestsResponse>("POST", `/api/policies/${enc(slug)}/tests`, { policy }),
  publish: (slug: string, bump: "major" | "minor" | "patch") => call<{ version: PolicyVersion }>("POST", `/api/policies/${enc(slug)}/publish`, { bump }),
  versions: (slug: string) => call<{ versions: PolicyVersion[] }>("GET", `/api/policies/${enc(slug)}/versions`),
  activate: (slug: string, version: string) => call<{ version: unknown }>("POST", `/api/policies/${enc(slug)}/versions/${enc(version)}/activate`),
  deactivate: (slug: string) => call<{ deactivated: string | null }>("POST", `/api/policies/${enc(slug)}/deactivate`),
};

/** The version a bump would publish, from the latest published one (none: 1.0.0). */
