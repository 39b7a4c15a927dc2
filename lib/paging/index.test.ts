import { describe, expect, it } from "vitest";
import { cappedCount, COUNT_CAP, decodePosition, encodePosition } from "./index";

describe("paging", () => {
  it("reads back the positions it writes and nothing else", () => {
    const position = { at: new Date("2026-11-27T15:28:26.762Z"), id: "ServerTasks-885" };
    expect(encodePosition(position)).toBe("2026-11-27T15:28:26.762Z_ServerTasks-885");
    expect(decodePosition(encodePosition(position))).toEqual(position);
    expect(decodePosition([encodePosition(position), "x"])).toEqual(position);
    for (const bad of [undefined, "", "2026-11-27_ServerTasks-1", "2026-13-45T99:99:99.999Z_x", "2026-11-27T15:28:26.762Z_a b", 42]) {
      expect(decodePosition(bad)).toBeUndefined();
    }
  });

  it("counts exactly up to the cap and says when it stopped there", () => {
    expect(cappedCount(0)).toEqual({ total: 0, capped: false });
    expect(cappedCount(COUNT_CAP)).toEqual({ total: COUNT_CAP, capped: false });
    expect(cappedCount(COUNT_CAP + 1)).toEqual({ total: COUNT_CAP, capped: true });
  });
});
