/** Users, their roles and API keys: the operations behind the setup and user admin pages, audited. */
import { z } from "zod";
import type { Db, DbOrTx } from "@/lib/db/client";
import { allocateId } from "@/lib/db/ids";
import { fail, ok, type Result } from "@/lib/result";
import { createApiKey, revokeApiKey } from "./api-keys";
import { recordAuthEvent } from "./audit";
import { hashPassword, passwordProblem } from "./passwords";
import type { Principal } from "./principal";
import { ensureBuiltInRoles, grantRole, revokeRole } from "./roles";
import { endSessionsOf } from "./sessions";

/** Route handlers answer it as it is: each code has its status in lib/http/status.ts. */
type UserResult<T> = Result<T, "invalid_request" | "not_found" | "conflict">;

export const NewUserSchema = z.object({
  username: z.string().trim().min(1, "Enter a username").max(64).regex(/^[A-Za-z0-9._@-]+$/, "Use letters, digits and . _ @ - only"),
  displayName: z.string().trim().min(1, "Enter a display name").max(100),
  email: z.string().trim().email("Enter an email address").nullish(),
  password: z.string().refine((p) => passwordProblem(p) === null, { message: "The password must have 10 to 1024 characters" }),
});
export type NewUser = z.infer<typeof NewUserSchema>;

/** First start: no one can sign in yet, so the setup page may create the first administrator. */
export async function needsSetup(db: DbOrTx): Promise<boolean> {
  return (await db.user.count({ where: { passwordHash: { not: null }, isDisabled: false } })) === 0;
}

async function insertUser(db: DbOrTx, input: NewUser): Promise<UserResult<{ id: string; username: string }>> {
  if (await db.user.findUnique({ where: { username: input.username }, select: { id: true } })) {
    return fail("conflict", `There is already a user "${input.username}"`);
  }
  const id = await allocateId(db, "Users");
  await db.user.create({ data: { id, username: input.username, displayName: input.displayName, email: input.email ?? null, passwordHash: await hashPassword(input.password) } });
  return ok({ id, username: input.username });
}

/**
 * Creates the first administrator, only while no one can sign in. The check and the insert share
 * one transaction so two browsers racing through setup cannot both succeed.
 */
export async function setupFirstAdministrator(db: Db, input: NewUser): Promise<UserResult<{ id: string }>> {
  return db.$transaction(async (tx): Promise<UserResult<{ id: string }>> => {
    if (!(await needsSetup(tx))) return fail("conflict", "Setup is done: sign in instead");
    const roles = await ensureBuiltInRoles(tx);
    const created = await insertUser(tx, input);
    if (!created.ok) return created;
    const user = created.value;
    await grantRole(tx, user.id, roles.get("Administrator")!);
    await recordAuthEvent(tx, "userCreated", user, `${user.username} set up Policy Hub as its first administrator`, { roles: ["Administrator"] });
    return ok({ id: user.id });
  });
}

export async function createUser(db: Db, actor: Principal, input: NewUser, roleIds: readonly string[]): Promise<UserResult<{ id: string }>> {
  return db.$transaction(async (tx): Promise<UserResult<{ id: string }>> => {
    const roles = await tx.role.findMany({ where: { id: { in: [...roleIds] } }, select: { id: true, name: true } });
    if (roles.length !== new Set(roleIds).size) return fail("invalid_request", "One of the roles does not exist");
    const created = await insertUser(tx, input);
    if (!created.ok) return created;
    const user = created.value;
    for (const role of roles) await grantRole(tx, user.id, role.id);
    await recordAuthEvent(tx, "userCreated", actor, `${actor.username} created user ${user.username}`, { userId: user.id, roles: roles.map((r) => r.name) });
    return ok({ id: user.id });
  });
}

export async function setUserDisabled(db: Db, actor: Principal, userId: string, disabled: boolean): Promise<UserResult<{ disabled: boolean }>> {
  if (userId === actor.id && disabled) return fail("invalid_request", "You cannot disable yourself");
  return db.$transaction(async (tx): Promise<UserResult<{ disabled: boolean }>> => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { username: true } });
    if (!user) return fail("not_found", `There is no user ${userId}`);
    await tx.user.update({ where: { id: userId }, data: { isDisabled: disabled } });
    if (disabled) await endSessionsOf(tx, userId);
    await recordAuthEvent(tx, "userChanged", actor, `${actor.username} ${disabled ? "disabled" : "enabled"} user ${user.username}`, { userId, isDisabled: disabled });
    return ok({ disabled });
  });
}

export async function changeRoleGrant(
  db: Db, actor: Principal, userId: string, roleId: string, spaceId: string | null, grant: boolean,
): Promise<UserResult<{ changed: boolean }>> {
  return db.$transaction(async (tx): Promise<UserResult<{ changed: boolean }>> => {
    // One after the other: a transaction is one connection, and node-postgres 9 refuses a query sent while another runs on it.
    const user = await tx.user.findUnique({ where: { id: userId }, select: { username: true } });
    const role = await tx.role.findUnique({ where: { id: roleId }, select: { name: true } });
    if (!user || !role) return fail("not_found", !user ? `There is no user ${userId}` : `There is no role ${roleId}`);
    const changed = grant ? await grantRole(tx, userId, roleId, spaceId) : await revokeRole(tx, userId, roleId, spaceId);
    if (changed) {
      const where = spaceId ? ` in ${spaceId}` : "";
      await recordAuthEvent(tx, grant ? "roleGranted" : "roleRevoked", actor,
        `${actor.username} ${grant ? "granted" : "revoked"} role ${role.name}${where} ${grant ? "to" : "from"} ${user.username}`,
        { userId, roleId, role: role.name, spaceId }, spaceId);
    }
    return ok({ changed });
  });
}

type CreatedKey = Awaited<ReturnType<typeof createApiKey>>;

export const NewApiKeySchema = z.object({ name: z.string().trim().min(1, "Name the key (what uses it)").max(100) });

/** Creates a key for the user; an administrator may create one for anyone, others only for themselves. */
export async function createApiKeyFor(
  db: Db, actor: Principal, userId: string, name: string, mayAdminister: boolean,
): Promise<UserResult<CreatedKey>> {
  if (userId !== actor.id && !mayAdminister) return fail("not_found", `There is no user ${userId}`);
  return db.$transaction(async (tx): Promise<UserResult<CreatedKey>> => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { username: true } });
    if (!user) return fail("not_found", `There is no user ${userId}`);
    const key = await createApiKey(tx, userId, name);
    await recordAuthEvent(tx, "apiKeyCreated", actor, `${actor.username} created API key "${name}" (${key.prefix}…) for ${user.username}`, { userId, apiKeyId: key.id, prefix: key.prefix, name });
    return ok(key);
  });
}

export async function revokeApiKeyAs(db: Db, actor: Principal, apiKeyId: string, mayAdminister: boolean): Promise<UserResult<{ revoked: true }>> {
  return db.$transaction(async (tx): Promise<UserResult<{ revoked: true }>> => {
    const key = await tx.apiKey.findUnique({ where: { id: apiKeyId }, select: { userId: true, name: true, prefix: true } });
    if (!key || (key.userId !== actor.id && !mayAdminister)) return fail("not_found", `There is no API key ${apiKeyId}`);
    if (await revokeApiKey(tx, apiKeyId)) {
      await recordAuthEvent(tx, "apiKeyRevoked", actor, `${actor.username} revoked API key "${key.name}" (${key.prefix}…)`, { apiKeyId, userId: key.userId });
    }
    return ok({ revoked: true });
  });
}

/** Users with their role grants and API keys (never the key hashes), for the admin page. */
export function listUsers(db: DbOrTx) {
  return db.user.findMany({
    orderBy: [{ isService: "asc" }, { username: "asc" }],
    select: {
      id: true, username: true, displayName: true, email: true, isService: true, isDisabled: true,
      roleGrants: { select: { spaceId: true, role: { select: { id: true, name: true } } }, orderBy: { id: "asc" } },
      apiKeys: { select: { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true, revokedAt: true }, orderBy: { createdAt: "desc" } },
    },
  });
}
