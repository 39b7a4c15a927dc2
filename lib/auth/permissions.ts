/**
 * Permissions and built-in roles, in the spirit of Octopus Deploy's. Space-scoped permissions
 * guard resources that belong to a space (projects, releases, deployments, tasks) and may be
 * granted for one space; the others guard instance-wide things (the Platform Hub, the audit log,
 * users) and count only when granted for every space.
 */
export const PERMISSIONS = {
  ProjectView: { scope: "space", description: "See projects, releases, deployments, runbook runs and tasks" },
  Deploy: { scope: "space", description: "Create releases, deploy, run runbooks and cancel tasks" },
  PlatformHubView: { scope: "system", description: "See policies, their versions and branches" },
  PlatformHubEdit: { scope: "system", description: "Create policies, commit changes and create branches" },
  PolicyPublish: { scope: "system", description: "Publish a policy version" },
  PolicyActivate: { scope: "system", description: "Activate and deactivate policy versions (switch enforcement)" },
  ExemptionGrant: { scope: "space", description: "Grant and revoke time-bound exemptions of a project from a policy" },
  AuditView: { scope: "system", description: "Read the audit log and verify its chain" },
  AuditExport: { scope: "system", description: "Export the audit log" },
  Administer: { scope: "system", description: "Manage users, roles and API keys" },
} as const;

export type Permission = keyof typeof PERMISSIONS;
export const PERMISSION_NAMES = Object.keys(PERMISSIONS) as Permission[];

export function isPermission(value: string): value is Permission {
  return Object.hasOwn(PERMISSIONS, value);
}

export const BUILT_IN_ROLES = [
  { name: "Administrator", description: "Everything, including users, roles and API keys", permissions: PERMISSION_NAMES },
  { name: "Policy Author", description: "Writes and publishes policies; cannot switch enforcement", permissions: ["PlatformHubView", "PlatformHubEdit", "PolicyPublish", "ProjectView"] },
  { name: "Policy Approver", description: "Activates and deactivates published policy versions and grants exemptions", permissions: ["PlatformHubView", "PolicyActivate", "ExemptionGrant", "ProjectView"] },
  { name: "Deployer", description: "Creates releases, deploys, runs runbooks and cancels tasks", permissions: ["ProjectView", "Deploy", "PlatformHubView"] },
  { name: "Auditor", description: "Reads, verifies and exports the audit log", permissions: ["AuditView", "AuditExport", "ProjectView", "PlatformHubView"] },
  { name: "Viewer", description: "Sees everything but the audit log; changes nothing", permissions: ["ProjectView", "PlatformHubView"] },
] as const satisfies readonly { name: string; description: string; permissions: readonly Permission[] }[];

export type BuiltInRoleName = (typeof BUILT_IN_ROLES)[number]["name"];

/** One permission held through one role grant: everywhere (spaceId null) or in one space. */
export type PermissionGrant = { permission: Permission; spaceId: string | null };

/**
 * Whether the grants give the permission. With a space, a grant for that space or for every
 * space counts; without one (lists across spaces), any grant of a space permission counts and the
 * caller narrows what it shows. System permissions need a grant for every space.
 */
export function hasPermission(grants: readonly PermissionGrant[], permission: Permission, spaceId?: string | null): boolean {
  const spaceScoped = PERMISSIONS[permission].scope === "space";
  return grants.some((g) => g.permission === permission && (g.spaceId === null || (spaceScoped && (spaceId == null || g.spaceId === spaceId))));
}

/** The spaces a space permission is held in: "all", or the listed space ids. */
export function spacesWith(grants: readonly PermissionGrant[], permission: Permission): "all" | string[] {
  const held = grants.filter((g) => g.permission === permission);
  if (held.some((g) => g.spaceId === null)) return "all";
  return [...new Set(held.map((g) => g.spaceId as string))];
}

/** A role's permissions column (JSON), keeping only names this version of the app knows. */
export function parsePermissions(json: string): Permission[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((p): p is Permission => typeof p === "string" && isPermission(p)) : [];
  } catch {
    return [];
  }
}
