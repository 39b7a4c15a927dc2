import { describe, expect, it } from "vitest";
import { releasePage } from "@/lib/projects/release-page";
import { webRelease, useWorld } from "../executions/helpers";
import { W } from "../executions/world";

const world = useWorld();

describe("releasePage", () => {
  it("pages through every release newest first, ties on the same instant included, and finds a version by part of it", async () => {
    const created: string[] = [];
    for (let i = 1; i <= 25; i++) created.push(await webRelease(world.db, `3.0.${i}`));
    const seen: string[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await releasePage(world.db, { projectId: W.web, after, limit: 7 });
      seen.push(...page.items.map((r) => r.version));
      if (!page.next) break;
      after = page.next;
    }
    const ours = seen.filter((v) => v.startsWith("3.0."));
    expect(ours).toEqual(Array.from({ length: 25 }, (_, i) => `3.0.${25 - i}`));
    expect(new Set(seen).size).toBe(seen.length);

    const found = await releasePage(world.db, { projectId: W.web, q: "3.0.1" });
    expect(found.items.map((r) => r.version).sort()).toEqual(["3.0.1", "3.0.10", "3.0.11", "3.0.12", "3.0.13", "3.0.14", "3.0.15", "3.0.16", "3.0.17", "3.0.18", "3.0.19"].sort());
    expect(found.items[0].steps.length).toBeGreaterThan(0);
    expect(found.items[0].steps[0].actionType).toMatch(/^Octopus\./);
    expect(await releasePage(world.db, { projectId: W.portal, after: created[0] })).toEqual({ items: [], next: null });
  });
});
