import type { Actor } from "@/lib/identity/acting-user";
import type { CommitAuthor } from "@/lib/platform-hub";

/** The Git author of the user's commits; users without an email get a local placeholder address. */
export function commitAuthor(actor: Actor): CommitAuthor {
  const local = actor.username.replace(/[^A-Za-z0-9._+-]/g, "_") || "user";
  return { name: actor.displayName.replace(/[<>\n]/g, "") || actor.username, email: actor.email ?? `${local}@users.policy-hub.local` };
}
