import { describe, expect, it } from "vitest";
import { formatAge, formatDateTime, formatDuration } from "./format";
import { humanize, taskStateTone } from "./tone";

describe("formatting", () => {
  it("formats times in UTC to the minute", () => {
    expect(formatDateTime(new Date("2026-03-04T05:06:59Z"))).toBe("2026-03-04 05:06 UTC");
  });

  it("formats durations in the largest sensible units", () => {
    expect(formatDuration(4_400)).toBe("4s");
    expect(formatDuration(125_000)).toBe("2m 5s");
    expect(formatDuration(3 * 3_600_000 + 7 * 60_000)).toBe("3h 7m");
  });

  it("formats ages relative to now", () => {
    const now = new Date("2026-03-04T12:00:00Z");
    expect(formatAge(new Date("2026-03-04T11:59:30Z"), now)).toBe("just now");
    expect(formatAge(new Date("2026-03-04T11:15:00Z"), now)).toBe("45 min ago");
    expect(formatAge(new Date("2026-03-02T11:00:00Z"), now)).toBe("2 d ago");
  });

  it("maps states to tones and words", () => {
    expect(taskStateTone("SuccessWithWarnings")).toBe("warning");
    expect(taskStateTone("Failed")).toBe("danger");
    expect(taskStateTone("Executing")).toBe("info");
    expect(taskStateTone("Unheard")).toBe("neutral");
    expect(humanize("SuccessWithWarnings")).toBe("Success with warnings");
  });
});
