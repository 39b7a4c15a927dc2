"use client";

import { createContext, useContext, type ReactNode } from "react";
import type { Permission } from "@/lib/auth/permissions";

/**
 * What the signed-in user may do where they are working, so controls they cannot use are hidden
 * or disabled. Only a convenience: the server checks every request itself.
 */
const PermissionsContext = createContext<ReadonlySet<Permission>>(new Set());

export function PermissionsProvider({ permissions, children }: { permissions: readonly Permission[]; children: ReactNode }) {
  return <PermissionsContext.Provider value={new Set(permissions)}>{children}</PermissionsContext.Provider>;
}

/** `const can = useCan(); can("Deploy")`. */
export function useCan(): (permission: Permission) => boolean {
  const permissions = useContext(PermissionsContext);
  return (permission) => permissions.has(permission);
}

/** Why a control is disabled, for its title. */
export function needs(permission: Permission): string {
  return `You need the ${permission} permission`;
}
