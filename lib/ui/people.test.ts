import { describe, expect, it } from "vitest";
import { personLabel, personName, personUsername } from "./people";

describe("personName", () => {
  it("names a person by their display name, the username only when there is none", () => {
    expect(personName({ displayName: "Administrator", username: "admin" })).toBe("Administrator");
    expect(personName({ displayName: " ", username: "admin" })).toBe("admin");
    expect(personName({ username: "admin" })).toBe("admin");
    expect(personName(null)).toBe("System");
  });

  it("gives the username beside the name only when it adds something", () => {
    expect(personUsername({ displayName: "Administrator", username: "admin" })).toBe("admin");
    expect(personUsername({ username: "admin" })).toBeNull();
    expect(personUsername(undefined)).toBeNull();
    expect(personLabel({ displayName: "Administrator", username: "admin" })).toBe("Administrator (admin)");
    expect(personLabel({ username: "ci" })).toBe("ci");
  });
});
