import { PERMISSION_NAMES, hasPermission } from "@/lib/auth/permissions";
import { ok, route } from "@/lib/http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Who the caller is and what they may do: the permissions held everywhere, and the grants per space. */
export const GET = route({ permission: "signedIn" }, ({ actor }) => {
  const { grants, via, ...user } = actor;
  return ok({
    user,
    via: via.kind === "apiKey" ? { kind: "apiKey", apiKeyId: via.apiKeyId, name: via.apiKeyName } : { kind: "session" },
    permissions: PERMISSION_NAMES.filter((p) => hasPermission(grants, p, null)),
    grants,
  });
});
