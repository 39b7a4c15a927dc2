import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { POST as switchSpace } from "@/app/api/space/route";
import { fail, ok, route } from "@/lib/http";

const post = (body: string, headers: Record<string, string> = { "content-type": "application/json" }) =>
  new Request("http://localhost/api/x?n=2", { method: "POST", body, headers });

describe("route kit", () => {
  const echo = route({ permission: "public", body: z.object({ name: z.string() }), query: z.object({ n: z.coerce.number() }) }, ({ body, query, params }) =>
    ok({ name: body.name, n: query.n, params }, 201),
  );

  it("parses body, query and params, answers the value with its status and no-store", async () => {
    const response = await echo(post('{"name":"a"}'), { params: Promise.resolve({ id: "7" }) });
    expect(response.status).toBe(201);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.json()).toEqual({ name: "a", n: 2, params: { id: "7" } });
  });

  it("answers bad JSON and a body that misses a field with 400 naming the problem", async () => {
    const badJson = await echo(post("{"));
    expect(badJson.status).toBe(400);
    expect((await badJson.json()).error).toEqual({ code: "invalid_request", message: "The request body is not valid JSON" });
    const missing = await echo(post("{}"));
    expect(missing.status).toBe(400);
    expect((await missing.json()).error).toMatchObject({ code: "invalid_request", details: { issues: [{ path: "name" }] } });
  });

  it("answers a failure in the error shape with its status, and a throw as a logged 500", async () => {
    const refused = await route({ permission: "public" }, () => fail("teapot", "No coffee", { pot: 1 }, 418))(post(""));
    expect(refused.status).toBe(418);
    expect(await refused.json()).toEqual({ error: { code: "teapot", message: "No coffee", details: { pot: 1 } } });
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const thrown = await route({ permission: "public" }, () => {
      throw new Error("boom");
    })(post(""));
    expect(log).toHaveBeenCalled();
    log.mockRestore();
    expect(thrown.status).toBe(500);
    expect(thrown.headers.get("cache-control")).toBe("no-store");
    expect((await thrown.json()).error.code).toBe("internal_error");
  });

  it("answers a signed-out caller of a route that needs a user with 401 before reading the request", async () => {
    const response = await switchSpace(post('{"space":"default"}'));
    expect(response.status).toBe(401);
    expect((await response.json()).error.code).toBe("unauthenticated");
  });
});
