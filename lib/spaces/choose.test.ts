import { describe, expect, it } from "vitest";
import { chooseSpace } from "./choose";

const spaces = [
  { slug: "platform", isDefault: false },
  { slug: "default", isDefault: true },
];

describe("chooseSpace", () => {
  it("prefers the chosen space", () => expect(chooseSpace(spaces, "platform")?.slug).toBe("platform"));
  it("falls back to the default space for unknown or missing choices", () => {
    expect(chooseSpace(spaces, "gone")?.slug).toBe("default");
    expect(chooseSpace(spaces, undefined)?.slug).toBe("default");
  });
  it("takes the first space when none is the default, and nothing when there are none", () => {
    expect(chooseSpace([{ slug: "a", isDefault: false }], undefined)?.slug).toBe("a");
    expect(chooseSpace([], "a")).toBeUndefined();
  });
});
