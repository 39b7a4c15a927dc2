import { prisma } from "../db/client";

/** Policies known to the database, each with its active and latest published versions. */
export async function listPolicies() {
  const policies = await prisma.policy.findMany({
    orderBy: { name: "asc" },
    select: {
      id: true,
      slug: true,
      name: true,
      description: true,
      versions: {
        orderBy: [{ major: "desc" }, { minor: "desc" }, { patch: "desc" }],
        select: { version: true, isActive: true, violationAction: true, publishedAt: true },
      },
    },
  });
  return policies.map(({ versions, ...policy }) => ({
    ...policy,
    latestVersion: versions[0] ?? null,
    activeVersion: versions.find((v) => v.isActive) ?? null,
  }));
}

export type PolicyListItem = Awaited<ReturnType<typeof listPolicies>>[number];
