/**
 * The demo instance's people: one signed-in user per built-in role, all with the same demo
 * password (README), and the CI service account as a Deployer without a password (it would use
 * an API key). Idempotent: missing users, passwords and grants are added, nothing is changed.
 */
import { hashPassword } from "@/lib/auth/passwords";
import type { BuiltInRoleName } from "@/lib/auth/permissions";
import { ensureBuiltInRoles, grantRole } from "@/lib/auth/roles";
import type { DbOrTx } from "@/lib/db/client";
import { allocateId } from "@/lib/db/ids";

/** Demo only: printed in the README so anyone trying the demo can sign in as each role. */
export const DEMO_PASSWORD = "policyhub-demo";

export const DEMO_USERS: readonly { username: string; displayName: string; role: BuiltInRoleName; signsIn: boolean }[] = [
  { username: "admin", displayName: "Administrator", role: "Administrator", signsIn: true },
  { username: "jane.doe", displayName: "Jane Doe", role: "Policy Author", signsIn: true },
  { username: "raj.patel", displayName: "Raj Patel", role: "Policy Approver", signsIn: true },
  { username: "mei.lin", displayName: "Mei Lin", role: "Deployer", signsIn: true },
  { username: "ana.silva", displayName: "Ana Silva", role: "Auditor", signsIn: true },
  { username: "tom.berg", displayName: "Tom Berg", role: "Viewer", signsIn: true },
  { username: "ci-bot", displayName: "CI Service Account", role: "Deployer", signsIn: false },
];

export async function seedDemoAccess(db: DbOrTx): Promise<void> {
  const roles = await ensureBuiltInRoles(db);
  for (const demo of DEMO_USERS) {
    let user = await db.user.findUnique({ where: { username: demo.username }, select: { id: true, passwordHash: true } });
    if (!user) {
      const id = await allocateId(db, "Users");
      user = await db.user.create({ data: { id, username: demo.username, displayName: demo.displayName, isService: !demo.signsIn }, select: { id: true, passwordHash: true } });
    }
    if (demo.signsIn && !user.passwordHash) await db.user.update({ where: { id: user.id }, data: { passwordHash: await hashPassword(DEMO_PASSWORD) } });
    await grantRole(db, user.id, roles.get(demo.role)!);
  }
}
