import { Worker } from "node:worker_threads";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { compile } from "@/lib/rego";
import { ALLOWED_HOSTS_ENV, configureNetwork } from "./network";
import { fails, json, o } from "./testing";

// The evaluation blocks its thread while a request runs, so the test server lives on a worker.
const SERVER = `
const http = require("node:http");
const { parentPort } = require("node:worker_threads");
let hits = 0;
const server = http.createServer((req, res) => {
  let body = "";
  req.on("data", (c) => (body += c));
  req.on("end", () => {
    hits++;
    if (req.url === "/slow") return setTimeout(() => res.end("late"), 2000);
    if (req.url === "/redirect") { res.writeHead(302, { location: "/json" }); return res.end(); }
    if (req.url === "/text") { res.writeHead(200, { "content-type": "text/plain", "x-multi": ["a", "b"] }); return res.end("plain"); }
    res.writeHead(req.url === "/missing" ? 404 : 200, { "content-type": "application/json" });
    res.end(JSON.stringify({ method: req.method, url: req.url, body, auth: req.headers["authorization"] || null, hits }));
  });
});
server.listen(0, "127.0.0.1", () => parentPort.postMessage(server.address().port));
parentPort.on("message", () => server.close(() => process.exit(0)));
`;

let server: Worker;
let base = "";

beforeAll(async () => {
  server = new Worker(SERVER, { eval: true });
  const port = await new Promise<number>((resolve) => server.once("message", resolve));
  base = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  server.postMessage("stop");
  await new Promise((resolve) => server.once("exit", resolve));
});

afterEach(() => configureNetwork(undefined));

const send = (req: Record<string, unknown>) => json("http.send", o(req)) as Record<string, unknown>;

describe("http.send without an allow-list", () => {
  it("fails and names the setting (the default: no network from policies)", () => {
    const prev = process.env[ALLOWED_HOSTS_ENV];
    delete process.env[ALLOWED_HOSTS_ENV];
    try {
      expect(fails("http.send", o({ method: "get", url: `${base}/json` }))).toMatch(
        /^eval_builtin_error: unallowed host: 127\.0\.0\.1 \(policies have no network unless the host is allow-listed with REGO_HTTP_ALLOWED_HOSTS or configureNetwork/,
      );
      expect(fails("net.lookup_ip_addr", "localhost")).toMatch(/^eval_builtin_error: unallowed host: localhost/);
    } finally {
      if (prev !== undefined) process.env[ALLOWED_HOSTS_ENV] = prev;
    }
  });

  it("refuses hosts outside the list", () => {
    configureNetwork({ allowedHosts: ["api.example.com"] });
    expect(fails("http.send", o({ method: "get", url: `${base}/json` }))).toBe(
      "eval_builtin_error: unallowed host: 127.0.0.1 (not in REGO_HTTP_ALLOWED_HOSTS or configureNetwork({ allowedHosts }))",
    );
  });

  it("reports the refusal as a value with raise_error: false, as OPA", () => {
    configureNetwork({ allowedHosts: [] });
    const r = send({ method: "get", url: `${base}/json`, raise_error: false });
    expect(r.status_code).toBe(0);
    expect(r.error).toMatchObject({ code: "eval_http_send_network_error" });
  });
});

describe("http.send with 127.0.0.1 allow-listed", () => {
  it("performs the request and decodes a JSON body", () => {
    configureNetwork({ allowedHosts: ["127.0.0.1"] });
    const r = send({ method: "post", url: `${base}/json`, body: { a: 1 }, headers: { Authorization: "Bearer t" } });
    expect(r.status_code).toBe(200);
    expect(r.status).toBe("200 OK");
    expect(r.body).toMatchObject({ method: "POST", url: "/json", body: '{"a":1}', auth: "Bearer t" });
    expect(JSON.parse(r.raw_body as string)).toMatchObject({ method: "POST" });
    expect((r.headers as Record<string, string[]>)["content-type"]).toEqual(["application/json"]);
  });

  it("keeps non-JSON bodies raw, reports statuses, and does not follow redirects unless asked", () => {
    configureNetwork({ allowedHosts: ["127.0.0.1"] });
    const text = send({ method: "get", url: `${base}/text` });
    expect(text).toMatchObject({ status_code: 200, body: null, raw_body: "plain" });
    expect(send({ method: "get", url: `${base}/missing` }).status_code).toBe(404);
    expect(send({ method: "get", url: `${base}/redirect` }).status_code).toBe(302);
    expect(send({ method: "get", url: `${base}/redirect`, enable_redirect: true })).toMatchObject({ status_code: 200, body: { url: "/json" } });
  });

  it("times out as the request's timeout says", () => {
    configureNetwork({ allowedHosts: ["127.0.0.1"] });
    expect(fails("http.send", o({ method: "get", url: `${base}/slow`, timeout: "200ms" }))).toMatch(/^eval_builtin_error: GET .*\/slow: /);
  });

  it("sends one request per query for the same request object, as OPA caches it", () => {
    configureNetwork({ allowedHosts: ["127.0.0.1"] });
    const r = compile([{ file: "t.rego", source: "package t\na := http.send({\"method\": \"get\", \"url\": input.url}).body.hits\nb := http.send({\"method\": \"get\", \"url\": input.url}).body.hits" }]);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const q = r.policy.query("x := [data.t.a, data.t.b]", { input: { url: `${base}/count` } });
    if (!q.ok) throw new Error(JSON.stringify(q.error));
    const [a, b] = q.results[0].bindings.x as number[];
    expect(a).toBe(b);
  });

  it("resolves allow-listed names with net.lookup_ip_addr", () => {
    configureNetwork({ allowedHosts: ["localhost"] });
    expect(json("net.lookup_ip_addr", "localhost")).toEqual(expect.arrayContaining([expect.stringMatching(/^(127\.0\.0\.1|::1)$/)]));
  });
});
