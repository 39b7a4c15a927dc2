import { describe, expect, it } from "vitest";
import { nextReleaseVersion } from "./next-release-version";

describe("next release version", () => {
  it("bumps the last number and keeps what follows it", () => {
    expect(nextReleaseVersion("3.0.1")).toBe("3.0.2");
    expect(nextReleaseVersion("1.9")).toBe("1.10");
    expect(nextReleaseVersion("2.0.0-rc1")).toBe("2.0.0-rc2");
    expect(nextReleaseVersion("2.0.0-beta")).toBe("2.0.1-beta");
  });

  it("starts somewhere sensible", () => {
    expect(nextReleaseVersion(undefined)).toBe("0.0.1");
    expect(nextReleaseVersion("main")).toBe("main.1");
  });
});
