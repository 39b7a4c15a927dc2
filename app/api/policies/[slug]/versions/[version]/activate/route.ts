import { fail, mapResult, route } from "@/lib/http";
import { activateVersion, policyContext } from "@/lib/policy-service";
import { versionParamSchema } from "@/lib/policy-service/schemas";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = route({ permission: "PolicyActivate" }, async ({ params, actor }) => {
  const { slug, version } = params;
  if (!versionParamSchema.safeParse(version).success) {
    return fail("invalid_request", `"${version}" is not a version: use one like 1.2.0`, 400);
  }
  return mapResult(await activateVersion(policyContext(), slug, version, actor), (v) => ({ version: v }));
});
