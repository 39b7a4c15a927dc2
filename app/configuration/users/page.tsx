import type { Metadata } from "next";
import { PageHeader } from "@/components/PageHeader";
import { UserAdmin, type AdminUser } from "@/components/auth/UserAdmin";
import { requireSignedIn } from "@/lib/auth/page-access";
import { hasPermission } from "@/lib/auth/permissions";
import { listUsers } from "@/lib/auth/users";
import { prisma } from "@/lib/db/client";

export const metadata: Metadata = { title: "Users and API keys" };

/** Administrators manage everyone; every signed-in user manages their own API keys here. */
export default async function UsersPage() {
  const principal = await requireSignedIn();
  const mayAdminister = hasPermission(principal.grants, "Administer");
  const [users, roles] = await Promise.all([listUsers(prisma), mayAdminister ? prisma.role.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } }) : []]);
  const shown: AdminUser[] = users
    .filter((u) => mayAdminister || u.id === principal.id)
    .map((u) => ({
      id: u.id, username: u.username, displayName: u.displayName, isService: u.isService, isDisabled: u.isDisabled,
      roles: u.roleGrants.map((g) => ({ ...g.role, spaceId: g.spaceId })),
      apiKeys: u.apiKeys.map((k) => ({ ...k, createdAt: k.createdAt.toISOString(), lastUsedAt: k.lastUsedAt?.toISOString() ?? null, revokedAt: k.revokedAt?.toISOString() ?? null })),
    }));
  return (
    <>
      <PageHeader
        title={mayAdminister ? "Users and API keys" : "My API keys"}
        description="API keys act with their user's permissions; send one as X-Octopus-ApiKey or Authorization: Bearer."
      />
      <UserAdmin users={shown} roles={roles} mayAdminister={mayAdminister} />
    </>
  );
}
