/** Built-in roles in the database and grants of roles to users. */
import type { DbOrTx } from "@/lib/db/client";
import { allocateId } from "@/lib/db/ids";
import { BUILT_IN_ROLES, type BuiltInRoleName } from "./permissions";

/** Creates the built-in roles that are missing and brings their permissions up to date. */
export async function ensureBuiltInRoles(db: DbOrTx): Promise<Map<BuiltInRoleName, string>> {
  const ids = new Map<BuiltInRoleName, string>();
  for (const role of BUILT_IN_ROLES) {
    const permissions = JSON.stringify(role.permissions);
    const existing = await db.role.findUnique({ where: { name: role.name }, select: { id: true, permissions: true } });
    if (existing) {
      if (existing.permissions !== permissions) await db.role.update({ where: { id: existing.id }, data: { permissions } });
      ids.set(role.name, existing.id);
    } else {
      const id = await allocateId(db, "Roles");
      await db.role.create({ data: { id, name: role.name, description: role.description, permissions, isBuiltIn: true } });
      ids.set(role.name, id);
    }
  }
  return ids;
}

/** Grants the role (in one space, or everywhere with spaceId null); false when the user already had it. */
export async function grantRole(db: DbOrTx, userId: string, roleId: string, spaceId: string | null = null): Promise<boolean> {
  const existing = await db.roleGrant.findFirst({ where: { userId, roleId, spaceId } });
  if (existing) return false;
  await db.roleGrant.create({ data: { userId, roleId, spaceId } });
  return true;
}

export async function revokeRole(db: DbOrTx, userId: string, roleId: string, spaceId: string | null = null): Promise<boolean> {
  const { count } = await db.roleGrant.deleteMany({ where: { userId, roleId, spaceId } });
  return count > 0;
}
