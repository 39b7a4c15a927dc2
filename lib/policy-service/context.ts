import { prisma, type Db } from "@/lib/db/client";
import { platformHub, type PlatformHub } from "@/lib/platform-hub";

/** What the lifecycle works on: the database that indexes policies and the repository that holds them. */
export type PolicyContext = { db: Db; hub: PlatformHub };

/** The app's database and the repository at PLATFORM_HUB_REPO, resolved per request so tests can point them elsewhere. */
export function policyContext(): PolicyContext {
  return { db: prisma, hub: platformHub() };
}
