import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadActivePolicies } from "@/lib/executions/gate/active-policies";
import { prisma, setUpApi, tearDownApi } from "./harness";
import { api } from "./api";

beforeAll(async () => {
  await setUpApi();
  // Three published versions to switch between.
  await api.create({ name: "Switched", slug: "switched", starter: "no_steps_skipped" });
  for (const [i, bump] of (["major", "minor", "minor"] as const).entries()) {
    if (i > 0) {
      const { body } = await api.read("switched");
      const { slug: _slug, ...fields } = body.policy;
      await api.commit("switched", { branch: "main", policy: { ...fields, description: `Revision ${i}` } });
    }
    expect((await api.publish("switched", { bump })).status).toBe(201);
  }
});
afterAll(tearDownApi);

const activeVersions = async () =>
  (await prisma.policyVersion.findMany({ where: { policy: { slug: "switched" }, isActive: true }, select: { version: true } })).map((v) => v.version);

describe("activation", () => {
  it("publishes inactive versions", async () => {
    expect(await activeVersions()).toEqual([]);
    expect((await api.read("switched")).body.activeVersion).toBeNull();
  });

  it("keeps at most one version active, switching in one step", async () => {
    const first = await api.activate("switched", "1.0.0");
    expect(first.status).toBe(200);
    expect(first.body.version).toMatchObject({ version: "1.0.0", isActive: true });
    expect(await activeVersions()).toEqual(["1.0.0"]);

    expect((await api.activate("switched", "1.2.0")).body.version.isActive).toBe(true);
    expect(await activeVersions()).toEqual(["1.2.0"]);
    expect((await api.versions("switched")).body.versions.map((v: { version: string; isActive: boolean }) => [v.version, v.isActive])).toEqual([
      ["1.2.0", true],
      ["1.1.0", false],
      ["1.0.0", false],
    ]);
    expect((await api.list()).body.policies.find((p: { slug: string }) => p.slug === "switched")).toMatchObject({ activeVersion: "1.2.0", latestVersion: "1.2.0" });
  });

  it("is what the gate evaluates: the active version's stored text, nothing else", async () => {
    const { policies: active } = await loadActivePolicies(prisma);
    expect(active.map((p) => [p.slug, p.version])).toEqual([["switched", "1.2.0"]]);
    expect(active[0].ocl).toMatch(/^description += "Revision 2"$/m);
  });

  it("is read after a swap under way on the connection ends, never from its half-done state", async () => {
    // What an activation does in one transaction: the old version off, then the new one on.
    const { id } = await prisma.policyVersion.findFirstOrThrow({ where: { policy: { slug: "switched" }, isActive: true } });
    let midSwap!: () => void;
    let resume!: () => void;
    const reached = new Promise<void>((resolve) => (midSwap = resolve));
    const held = new Promise<void>((resolve) => (resume = resolve));
    const swap = prisma.$transaction(async (tx) => {
      await tx.policyVersion.update({ where: { id }, data: { isActive: false } });
      midSwap();
      await held;
      await tx.policyVersion.update({ where: { id }, data: { isActive: true } });
    });
    await reached;
    const read = loadActivePolicies(prisma);
    await new Promise((resolve) => setTimeout(resolve, 100));
    resume();
    await swap;
    expect((await read).policies.map((p) => p.version)).toEqual(["1.2.0"]);
  });

  it("ends with exactly one active version when activations race, each one switching from the one before it", async () => {
    const results = await Promise.all(["1.0.0", "1.1.0", "1.2.0", "1.1.0"].map((v) => api.activate("switched", v)));
    // On PostgreSQL, activations that did not wait for each other answered 409, or 500 on a deadlock.
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    expect(await activeVersions()).toHaveLength(1);
  });

  it("activating the active version again changes nothing", async () => {
    const [active] = await activeVersions();
    const events = await prisma.auditEvent.count();
    expect((await api.activate("switched", active)).body.version).toMatchObject({ version: active, isActive: true });
    expect(await prisma.auditEvent.count()).toBe(events);
  });

  it("deactivates without deleting anything", async () => {
    const [active] = await activeVersions();
    expect((await api.deactivate("switched")).body).toEqual({ deactivated: active });
    expect(await activeVersions()).toEqual([]);
    expect((await loadActivePolicies(prisma)).policies).toEqual([]);
    expect(await prisma.policyVersion.count({ where: { policy: { slug: "switched" } } })).toBe(3);
    expect((await api.deactivate("switched")).body).toEqual({ deactivated: null });
  });

  it("answers 404 for unknown policies or versions and 400 for what is not a version", async () => {
    expect((await api.activate("switched", "9.9.9")).body.error.code).toBe("version_not_found");
    expect((await api.activate("nothing_here", "1.0.0")).status).toBe(404);
    expect((await api.deactivate("nothing_here")).status).toBe(404);
    expect((await api.activate("switched", "latest")).status).toBe(400);
  });
});
