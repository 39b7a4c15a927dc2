import { describe, expect, it } from "vitest";
import { z } from "zod";
import { bodyLimitsFromEnv, jsonDepthExceeds, readBodyText } from "./body-limits";
import { readJsonBody } from "./parse";

const nested = (depth: number, open = "[", close = "]") => open.repeat(depth) + close.repeat(depth);
const post = (body: BodyInit, headers: Record<string, string> = {}) => new Request("http://h/x", { method: "POST", body, headers, duplex: "half" } as RequestInit);

describe("request body limits", () => {
  it("counts nesting outside strings only", () => {
    expect(jsonDepthExceeds(nested(3), 3)).toBe(false);
    expect(jsonDepthExceeds(nested(4), 3)).toBe(true);
    expect(jsonDepthExceeds(`{"a":{"b":{"c":{}}}}`, 3)).toBe(true);
    expect(jsonDepthExceeds(JSON.stringify({ s: "[[[[{{{{\\\"[[[[" }), 1)).toBe(false);
    expect(jsonDepthExceeds(nested(10_000), 512)).toBe(true);
  });

  it("refuses a body over the size limit with 413, by its declared length or as it streams in", async () => {
    expect(await readBodyText(post("x".repeat(10)), 10)).toEqual({ ok: true, value: "x".repeat(10) });
    expect(await readBodyText(post("x".repeat(11)), 10)).toMatchObject({ ok: false, error: { code: "payload_too_large", status: 413 } });
    expect(await readBodyText(post("x", { "content-length": "5000000" }), 10)).toMatchObject({ ok: false, error: { status: 413 } });
    const stream = new ReadableStream({
      pull(c) {
        c.enqueue(new Uint8Array(64 * 1024));
      },
    });
    expect(await readBodyText(post(stream), 1024 * 1024)).toMatchObject({ ok: false, error: { status: 413 } });
  });

  it("answers a deep JSON body with 400 before parsing it", async () => {
    const schema = z.object({ input: z.unknown() });
    expect(await readJsonBody(post(`{"input":${nested(20)}}`), schema, { maxBytes: 1000, maxDepth: 21 })).toMatchObject({ ok: true });
    expect(await readJsonBody(post(`{"input":${nested(21)}}`), schema, { maxBytes: 1000, maxDepth: 21 })).toMatchObject({
      ok: false, error: { code: "invalid_request", status: 400, details: { maxDepth: 21 } },
    });
  });

  it("reads its settings from the environment", () => {
    expect(bodyLimitsFromEnv({})).toEqual({ maxBytes: 1024 * 1024, maxDepth: 512 });
    expect(bodyLimitsFromEnv({ POLICY_HUB_MAX_BODY_BYTES: "2048", POLICY_HUB_MAX_BODY_DEPTH: "0" })).toEqual({ maxBytes: 2048, maxDepth: 512 });
  });
});
