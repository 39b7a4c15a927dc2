import { describe, expect, it } from "vitest";
import { nextVersion } from "./next-version";

describe("next release version", () => {
  it("bumps the last number and keeps what follows it", () => {
    expect(nextVersion("3.0.1")).toBe("3.0.2");
    expect(nextVersion("1.9")).toBe("1.10");
    expect(nextVersion("2.0.0-rc1")).toBe("2.0.0-rc2");
    expect(nextVersion("2.0.0-beta")).toBe("2.0.1-beta");
  });

  it("starts somewhere sensible", () => {
    expect(nextVersion(undefined)).toBe("0.0.1");
    expect(nextVersion("main")).toBe("main.1");
  });
});
