import { describe, expect, it } from "vitest";
import { DEFAULT_FETCH_INTERVAL_MS, redact, remoteFromEnv } from "./remote";

describe("remoteFromEnv", () => {
  it("is null without PLATFORM_HUB_GIT_URL: the repository stays local", () => {
    expect(remoteFromEnv({})).toEqual({ ok: true, value: null });
  });

  it("takes credentials out of the URL and prefers the separate variables", () => {
    expect(remoteFromEnv({ PLATFORM_HUB_GIT_URL: "https://ada:p%40ss@git.example.com/platform/hub.git" })).toEqual({
      ok: true,
      value: { url: "https://git.example.com/platform/hub.git", username: "ada", password: "p@ss", fetchIntervalMs: DEFAULT_FETCH_INTERVAL_MS },
    });
    const configured = remoteFromEnv({ PLATFORM_HUB_GIT_URL: "https://git.example.com/hub.git", PLATFORM_HUB_GIT_TOKEN: "tok", PLATFORM_HUB_GIT_FETCH_INTERVAL_MS: "5000" });
    expect(configured).toEqual({ ok: true, value: { url: "https://git.example.com/hub.git", username: "policy-hub", password: "tok", fetchIntervalMs: 5000 } });
  });

  it("refuses what it cannot use, without echoing credentials", () => {
    expect(remoteFromEnv({ PLATFORM_HUB_GIT_URL: "ssh://git@example.com/hub.git" })).toMatchObject({ ok: false, error: { code: "invalid_repository" } });
    expect(remoteFromEnv({ PLATFORM_HUB_GIT_URL: "https://x", PLATFORM_HUB_GIT_FETCH_INTERVAL_MS: "soon" })).toMatchObject({ ok: false, error: { code: "invalid_repository" } });
    expect(JSON.stringify(remoteFromEnv({ PLATFORM_HUB_GIT_URL: "nonsense://ada:hunter2@ x" }))).not.toContain("hunter2");
  });
});

describe("redact", () => {
  it("removes user information from URLs and every form of the password", () => {
    const remote = { url: "https://git.example.com/hub.git", username: "ada", password: "p@ss/word", fetchIntervalMs: 1000 };
    const basic = Buffer.from("ada:p@ss/word").toString("base64");
    const text = `fetch https://ada:p%40ss%2Fword@git.example.com/hub.git failed; sent Basic ${basic}; password p@ss/word`;
    const clean = redact(text, remote);
    expect(clean).not.toMatch(/p@ss|p%40ss/);
    expect(clean).not.toContain(basic);
    expect(clean).toContain("https://***@git.example.com/hub.git");
  });
});
