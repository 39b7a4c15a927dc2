/**
 * Builtins that reach the network: `http.send` and `net.lookup_ip_addr`. Policies run on
 * deployment data inside the app, so by default they have no network at all: a call fails with
 * `eval_builtin_error` naming the setting below (and can always be mocked with `with`).
 *
 * Setting: an allow-list of host names (or IP literals), the only hosts a policy may reach:
 *   - `REGO_HTTP_ALLOWED_HOSTS=api.example.com,10.0.0.5` in the environment (read at the first call), or
 *   - `configureNetwork({ allowedHosts: [...], timeoutMs })` from `@/lib/rego` (wins over the environment).
 * It is process-wide on purpose: which hosts policies may call is a deployment decision, not a
 * policy's. This is OPA's `allow_net` capability under another name.
 *
 * The evaluator is synchronous, so a request runs on a worker thread while the evaluation waits
 * for it (Atomics.wait), bounded by the request's timeout (OPA's `timeout`, default 5 s).
 * Responses are cached per query for the same request object, as OPA's http.send does.
 */
import { MessageChannel, receiveMessageOnPort, Worker } from "node:worker_threads";
import { fromJSON, keyOf, RObject, RSet, toJSON, type Value } from "../value";
import { argObject, argString, builtinError } from "./args";
import type { BuiltinContext, BuiltinDef } from "./registry";
import { T } from "./types";
import { parseDuration } from "./time/gotime";

export const ALLOWED_HOSTS_ENV = "REGO_HTTP_ALLOWED_HOSTS";
const DEFAULT_TIMEOUT_MS = 5000;

export interface NetworkOptions {
  /** Host names or IP literals policies may reach; empty (the default) means no network. */
  readonly allowedHosts?: readonly string[];
  /** Longest wait for one request when the policy gives no `timeout` (default 5000 ms). */
  readonly timeoutMs?: number;
}

let configured: NetworkOptions | undefined;

/** Sets the network allow-list for every policy of this process (overrides the environment). */
export function configureNetwork(options: NetworkOptions | undefined): void {
  configured = options;
}

function allowedHosts(): Set<string> {
  const list = configured?.allowedHosts ?? (process.env[ALLOWED_HOSTS_ENV] ?? "").split(",");
  return new Set(list.map((h) => h.trim().toLowerCase()).filter((h) => h !== ""));
}

const SETTING = `${ALLOWED_HOSTS_ENV} or configureNetwork({ allowedHosts })`;

function checkHost(host: string): void {
  const allowed = allowedHosts();
  if (allowed.size === 0) throw builtinError(`unallowed host: ${host} (policies have no network unless the host is allow-listed with ${SETTING})`);
  if (!allowed.has(host.toLowerCase().replace(/^\[|\]$/g, ""))) throw builtinError(`unallowed host: ${host} (not in ${SETTING})`);
}

// The worker runs the request on its own event loop and wakes the waiting evaluation.
const WORKER_SOURCE = `
const { parentPort } = require("node:worker_threads");
const dns = require("node:dns/promises");
const reason = (e) => (e && e.cause && e.cause.message) || (e && e.message) || String(e);
parentPort.on("message", async ({ port, signal, kind, req }) => {
  let out;
  try {
    if (kind === "dns") {
      out = { ok: true, addrs: (await dns.lookup(req.host, { all: true })).map((a) => a.address) };
    } else {
      const res = await fetch(req.url, {
        method: req.method, headers: req.headers, body: req.body, redirect: req.redirect,
        signal: AbortSignal.timeout(req.timeoutMs),
      });
      const headers = {};
      res.headers.forEach((v, k) => { (headers[k] = headers[k] || []).push(v); });
      out = { ok: true, status: res.status, statusText: res.statusText, headers, body: Buffer.from(await res.arrayBuffer()).toString("utf8") };
    }
  } catch (e) {
    out = { ok: false, message: reason(e) };
  }
  port.postMessage(out);
  Atomics.store(signal, 0, 1);
  Atomics.notify(signal, 0);
});
`;

let worker: Worker | undefined;

type Reply =
  | { ok: true; addrs?: string[]; status?: number; statusText?: string; headers?: Record<string, string[]>; body?: string }
  | { ok: false; message: string };

function callWorker(kind: "http" | "dns", req: unknown, timeoutMs: number): Reply {
  if (!worker) {
    worker = new Worker(WORKER_SOURCE, { eval: true });
    worker.unref();
    worker.on("error", () => (worker = undefined));
  }
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  try {
    worker.postMessage({ port: port2, signal, kind, req }, [port2]);
    // the worker aborts the request at timeoutMs; the margin covers its own latency
    Atomics.wait(signal, 0, 0, timeoutMs + 1000);
    const msg = receiveMessageOnPort(port1);
    return msg ? (msg.message as Reply) : { ok: false, message: `timed out after ${timeoutMs} ms` };
  } finally {
    port1.close();
  }
}

/** OPA's `timeout`: a duration string ("2s") or nanoseconds. */
function timeoutOf(req: RObject): number {
  const t = req.get("timeout");
  if (t === undefined) return configured?.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const ns = typeof t === "string" ? parseDuration(t) : typeof t === "number" || typeof t === "bigint" ? BigInt(t) : undefined;
  if (ns === undefined || ns <= 0n) throw builtinError(`invalid timeout: ${JSON.stringify(toJSON(t))}`);
  return Math.max(1, Number(ns / 1_000_000n));
}

function requestOf(req: RObject): { url: URL; init: Record<string, unknown>; timeoutMs: number } {
  const method = req.get("method");
  const url = req.get("url");
  if (typeof method !== "string") throw builtinError('"method" must be a string');
  if (typeof url !== "string") throw builtinError('"url" must be a string');
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw builtinError(`invalid url: ${url}`);
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") throw builtinError(`unsupported scheme: ${parsed.protocol}`);
  const headers: Record<string, string> = {};
  const h = req.get("headers");
  if (h instanceof RObject) for (const [k, v] of h.entries()) headers[String(k)] = typeof v === "string" ? v : JSON.stringify(toJSON(v));
  let body: string | undefined;
  const raw = req.get("raw_body");
  const structured = req.get("body");
  if (typeof raw === "string") body = raw;
  else if (structured !== undefined && structured !== null) {
    body = JSON.stringify(toJSON(structured));
    if (!Object.keys(headers).some((k) => k.toLowerCase() === "content-type")) headers["Content-Type"] = "application/json";
  }
  const redirect = req.get("enable_redirect") === true ? "follow" : "manual";
  return { url: parsed, init: { method: method.toUpperCase(), headers, body, redirect }, timeoutMs: timeoutOf(req) };
}

function responseOf(r: Extract<Reply, { ok: true }>, forceJson: boolean): RObject {
  const headers = new RObject();
  for (const [k, vs] of Object.entries(r.headers ?? {})) headers.set(k, vs);
  const raw = r.body ?? "";
  const type = (r.headers?.["content-type"] ?? []).join(";");
  let body: Value = null;
  if (forceJson || /\bapplication\/([\w.+-]*\+)?json\b/.test(type)) {
    try {
      body = fromJSON(JSON.parse(raw));
    } catch {
      body = null;
    }
  }
  const out = new RObject();
  out.set("status", `${r.status} ${r.statusText ?? ""}`.trim());
  out.set("status_code", r.status ?? 0);
  out.set("body", body);
  out.set("raw_body", raw);
  out.set("headers", headers);
  return out;
}

function httpSend(args: readonly Value[], ctx: BuiltinContext): Value {
  const req = argObject(args, 0);
  const key = "http.send:" + keyOf(req);
  const cached = ctx.cache.get(key) as Value | undefined;
  if (cached !== undefined) return cached;
  const raiseError = req.get("raise_error") !== false;
  let result: Value;
  try {
    const { url, init, timeoutMs } = requestOf(req);
    checkHost(url.hostname);
    const reply = callWorker("http", { url: url.href, timeoutMs, ...init }, timeoutMs);
    if (!reply.ok) throw builtinError(`${init.method} ${url.href}: ${reply.message}`);
    result = responseOf(reply, req.get("force_json_decode") === true);
  } catch (e) {
    if (raiseError) throw e;
    // raise_error: false turns a failed request into a value, as OPA's http.send does
    const error = new RObject();
    error.set("code", "eval_http_send_network_error");
    error.set("message", e instanceof Error ? e.message : String(e));
    result = new RObject().set("status_code", 0).set("error", error);
  }
  ctx.cache.set(key, result);
  return result;
}

function lookupIPAddr(args: readonly Value[], ctx: BuiltinContext): Value {
  const host = argString(args, 0);
  const key = "net.lookup_ip_addr:" + host;
  const cached = ctx.cache.get(key) as Value | undefined;
  if (cached !== undefined) return cached;
  checkHost(host);
  const timeoutMs = configured?.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const reply = callWorker("dns", { host }, timeoutMs);
  if (!reply.ok) throw builtinError(`lookup ${host}: ${reply.message}`);
  const result = RSet.of(reply.addrs ?? []);
  ctx.cache.set(key, result);
  return result;
}

const RESTRICTION = `network: only allow-listed hosts (${ALLOWED_HOSTS_ENV}); an error otherwise`;

export const builtins: BuiltinDef[] = [
  {
    name: "http.send",
    decl: { args: [T.object(T.string, T.any)], result: T.object() },
    nondeterministic: true,
    restriction: `${RESTRICTION}; TLS client options and the inter-query cache are not supported`,
    impl: httpSend,
  },
  {
    name: "net.lookup_ip_addr",
    decl: { args: [T.string], result: T.set(T.string) },
    nondeterministic: true,
    restriction: RESTRICTION,
    impl: lookupIPAddr,
  },
];
