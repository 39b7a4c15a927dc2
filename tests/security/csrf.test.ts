import { describe, expect, it } from "vitest";
import { crossSiteProblem } from "@/lib/auth/csrf";

const post = (headers: Record<string, string>, url = "http://127.0.0.1:3000/api/policies/x/deactivate") => new Request(url, { method: "POST", headers });

describe("cross-site request check", () => {
  it("lets reads through whatever their origin", () => {
    expect(crossSiteProblem(new Request("http://127.0.0.1:3000/api/tasks", { headers: { "sec-fetch-site": "cross-site", origin: "http://evil.test" } }))).toBeNull();
  });

  it("lets the app's own pages change things", () => {
    expect(crossSiteProblem(post({ "sec-fetch-site": "same-origin", origin: "http://127.0.0.1:3000" }))).toBeNull();
    expect(crossSiteProblem(post({ origin: "http://127.0.0.1:3000" }))).toBeNull();
  });

  it("refuses writes from another origin, including another port or host name of the same machine", () => {
    expect(crossSiteProblem(post({ "sec-fetch-site": "cross-site", origin: "http://evil.test" }))).toMatch(/cross-site request/);
    expect(crossSiteProblem(post({ "sec-fetch-site": "same-site", origin: "http://127.0.0.1:4000" }))).toMatch(/same-site request/);
    expect(crossSiteProblem(post({ origin: "http://localhost:3000" }))).toMatch(/Requests from http:\/\/localhost:3000/);
    expect(crossSiteProblem(post({ origin: "null" }))).toMatch(/Requests from null/);
  });

  it("trusts the host a proxy forwarded and APP_ORIGIN", () => {
    expect(crossSiteProblem(post({ origin: "https://hub.example.com", "x-forwarded-host": "hub.example.com", "x-forwarded-proto": "https" }, "http://10.0.0.5:3000/api/x"))).toBeNull();
    process.env.APP_ORIGIN = "https://policies.example.com";
    try {
      expect(crossSiteProblem(post({ origin: "https://policies.example.com" }, "http://10.0.0.5:3000/api/x"))).toBeNull();
    } finally {
      delete process.env.APP_ORIGIN;
    }
  });
});
